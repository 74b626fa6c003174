/**
 * A small deterministic random source (mulberry32) for demo data: the same seed gives the same
 * customers, calls and articles on every reset and every machine.
 * @remarks Not for anything secret.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One of `items`, which must not be empty. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** `count` decimal digits. */
  digits(count: number): string {
    return Array.from({ length: count }, () => String(this.int(0, 9))).join('');
  }
}

/**
 * A fixed UUID for demo data: `series` (four hex digits) names the kind of thing, `n` its number,
 * e.g. `00000000-0000-4000-8000-cc0000000007` for the seventh demo customer.
 */
export function demoId(series: string, n: number): string {
  return `00000000-0000-4000-8000-${series}${n.toString(16).padStart(8, '0')}`;
}
