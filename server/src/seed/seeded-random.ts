/**
 * A deterministic pseudo-random sequence (xorshift32) for demo data: the same seed gives the
 * same customers and calls on every machine, so screenshots and bug reports line up.
 * @remarks Not for anything secret.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    // xorshift never leaves zero, so zero is replaced by a fixed odd constant.
    this.state = seed >>> 0 || 0x2545f491;
  }

  /** A number in [0, 1). */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.state = x;
    return x / 0x1_0000_0000;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One of `items`. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** `digits` random decimal digits. */
  digits(count: number): string {
    let text = '';
    for (let i = 0; i < count; i += 1) text += String(this.int(0, 9));
    return text;
  }
}
