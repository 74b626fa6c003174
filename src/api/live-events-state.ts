/**
 * States of the live-events connection.
 *
 * ```
 *            open()                 socket open
 *   idle ───────────► connecting ──────────────► open
 *                       ▲    │                     │
 *          retry timer  │    │ socket closed       │ socket closed
 *                       │    ▼  (not by us)        │ (not by us)
 *                    reconnecting ◄────────────────┘
 *
 *   any state ── close(), or the service refuses the subscriber (4401/4403) ──► closed
 *   closed ── open() ──► connecting
 * ```
 */
export type LiveEventsState =
  | { readonly name: 'idle' }
  | { readonly name: 'connecting'; readonly attempt: number }
  | { readonly name: 'open'; readonly since: number }
  | { readonly name: 'reconnecting'; readonly attempt: number; readonly retryAt: number; readonly code: number }
  | { readonly name: 'closed'; readonly reason: LiveEventsCloseReason };

/** Why the connection is closed for good: by us, or refused by the service. */
export type LiveEventsCloseReason = 'closed' | 'unauthenticated' | 'forbidden';

/** Names of {@link LiveEventsState}. */
export type LiveEventsStateName = LiveEventsState['name'];

const transitions: Record<LiveEventsStateName, readonly LiveEventsStateName[]> = {
  idle: ['connecting', 'closed'],
  connecting: ['open', 'reconnecting', 'closed'],
  open: ['reconnecting', 'closed'],
  reconnecting: ['connecting', 'closed'],
  closed: ['connecting'],
};

/** True when the connection may move from `from` to `to`. */
export function canTransition(from: LiveEventsStateName, to: LiveEventsStateName): boolean {
  return transitions[from].includes(to);
}
