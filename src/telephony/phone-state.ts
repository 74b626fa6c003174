/**
 * Registration state of the agent's phone.
 *
 * @remarks
 * ```
 *                 start()
 *   idle ───────────────────► connecting ──(WebSocket open)──► registering ──(200 OK)──► registered
 *    ▲                           │  ▲                              │   ▲                    │
 *    │                  (refused)│  │(backoff elapsed)    (401/403)│   │(re-register)       │(WebSocket lost)
 *    │                           ▼  │                              ▼   │                    ▼
 *    │                       reconnecting ◄──────────────────── failed  └─────────── reconnecting
 *    │                                                         (auth, config)
 *    └──── stop() from any state ──► unregistered  (signed out on purpose; start() again to return)
 * ```
 * `reconnecting` retries forever with exponential backoff: a Kamailio restart or a network drop
 * must never need a page reload. `failed` is terminal until the user changes something
 * (wrong password, a user the server refuses): retrying would only lock the account.
 */
export type PhoneState =
  | { readonly name: 'idle' }
  | { readonly name: 'connecting'; readonly attempt: number }
  | { readonly name: 'registering' }
  | { readonly name: 'registered'; readonly since: number }
  | { readonly name: 'reconnecting'; readonly attempt: number; readonly retryAt: number; readonly cause: PhoneFailure }
  | { readonly name: 'unregistered' }
  | { readonly name: 'failed'; readonly failure: PhoneFailure };

/** The names of {@link PhoneState}. */
export type PhoneStateName = PhoneState['name'];

/**
 * Why the phone is not registered, as a value the UI translates.
 *
 * @remarks
 * `auth`: the registrar refused the credentials (SIP 401 after the digest retry, or 403).
 * `registrar`: any other final error to REGISTER (e.g. 503).
 * `transport`: the WebSocket could not be opened or was closed by the network or the server.
 * `config`: the settings themselves are unusable (bad URL or SIP URI).
 */
export type PhoneFailure =
  | { readonly kind: 'auth'; readonly status: number }
  | { readonly kind: 'registrar'; readonly status: number; readonly reason: string }
  | { readonly kind: 'transport'; readonly message: string }
  | { readonly kind: 'config'; readonly message: string };

const allowed: Record<PhoneStateName, readonly PhoneStateName[]> = {
  idle: ['connecting', 'unregistered', 'failed'],
  connecting: ['registering', 'reconnecting', 'unregistered', 'failed'],
  registering: ['registered', 'reconnecting', 'unregistered', 'failed'],
  registered: ['registering', 'reconnecting', 'unregistered', 'failed'],
  reconnecting: ['connecting', 'unregistered', 'failed'],
  unregistered: ['connecting', 'unregistered'],
  failed: ['connecting', 'unregistered', 'failed'],
};

/** True when the phone may move from `from` to `to`. */
export function canTransition(from: PhoneStateName, to: PhoneStateName): boolean {
  return allowed[from].includes(to);
}
