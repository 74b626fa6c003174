/** How quickly a lost connection is tried again. */
export interface Backoff {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Growth per failed attempt. */
  readonly factor: number;
  /** Up to this fraction of the delay is added at random, so many clients do not return at once. */
  readonly jitter: number;
}

/** 1 s, 2 s, 4 s … up to 30 s, plus up to 20 % jitter. */
export const defaultBackoff: Backoff = { initialDelayMs: 1000, maxDelayMs: 30_000, factor: 2, jitter: 0.2 };

/** Milliseconds to wait before attempt `attempt` (1 for the first retry). */
export function backoffDelay(backoff: Backoff, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxDelayMs, backoff.initialDelayMs * backoff.factor ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + backoff.jitter * random()));
}
