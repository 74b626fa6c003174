/**
 * Exponential backoff with jitter for re-opening the SIP WebSocket.
 *
 * @remarks
 * After a Kamailio restart every agent of a centre reconnects at once; jitter spreads those
 * REGISTERs out so the registrar is not hit by a thundering herd. The first retry is fast
 * (a restart usually takes about a second) and the delay is capped so an agent is never more
 * than `maxDelayMs` away from being reachable again.
 */
export interface ReconnectPolicy {
  /** Delay before the first retry, in milliseconds. */
  readonly initialDelayMs: number;
  /** Upper bound of any delay, in milliseconds. */
  readonly maxDelayMs: number;
  /** Growth factor per attempt. */
  readonly multiplier: number;
  /** Fraction (0..1) of the delay that is randomised. */
  readonly jitter: number;
}

/** Defaults tuned for a loopback or LAN SIP server. */
export const defaultReconnectPolicy: ReconnectPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  multiplier: 2,
  jitter: 0.2,
};

/**
 * Delay before retry number `attempt` (1-based).
 * @param random - source of randomness in [0, 1); injectable for tests.
 */
export function reconnectDelay(policy: ReconnectPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** Math.max(0, attempt - 1));
  const spread = base * policy.jitter;
  return Math.round(Math.max(0, base - spread + random() * 2 * spread));
}
