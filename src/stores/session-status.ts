/**
 * Where the agent's CTI session stands.
 *
 * ```
 *   signed-out ──restore()──► restoring ───── 200 ──────────────► signed-in
 *   signed-out ──signIn()───► signing-in ──── 200 ──────────────► signed-in
 *   restoring, signing-in ─── 401, refusal, failure ────────────► signed-out
 *   signed-in ──signOut()───► signing-out ──────────────────────► signed-out
 *   signed-in ─── renewal finds no session (401) ───────────────► signed-out
 * ```
 */
export type SessionStatus = 'signed-out' | 'restoring' | 'signing-in' | 'signed-in' | 'signing-out';

const transitions: Record<SessionStatus, readonly SessionStatus[]> = {
  'signed-out': ['restoring', 'signing-in'],
  restoring: ['signed-in', 'signed-out'],
  'signing-in': ['signed-in', 'signed-out'],
  'signed-in': ['signing-out', 'signed-out'],
  'signing-out': ['signed-out'],
};

/** True when the session may move from `from` to `to`. */
export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
  return transitions[from].includes(to);
}

/**
 * Why there is no session, or why it ended, as the sign-in screen explains it.
 * @remarks
 * - `invalid-credentials`: wrong user name or password (401; also a 400 for a name that
 *   cannot exist).
 * - `seat-limit`: every licensed seat of the contract is in use (409).
 * - `rate-limited`: too many attempts in a minute (429).
 * - `network`: the CTI service did not answer.
 * - `session-expired`: the session ended on the service (expired, or signed in elsewhere).
 * - `service`: the service failed with `status` (5xx), or answered outside the contract
 *   (`status` undefined).
 */
export type SessionError =
  | { readonly kind: 'invalid-credentials' }
  | { readonly kind: 'seat-limit' }
  | { readonly kind: 'rate-limited' }
  | { readonly kind: 'network' }
  | { readonly kind: 'session-expired' }
  | { readonly kind: 'service'; readonly status: number | undefined };
