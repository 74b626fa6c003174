/**
 * Life cycle of one call, outgoing or incoming.
 *
 * @remarks
 * ```
 *  outgoing:  dialing ──(180/183)──► ringing ──(200 OK)──► active ⇄ held ──► ended
 *               │                      │                     │
 *               └──(4xx-6xx, CANCEL)───┴─────────────────────┴──(BYE either side)──► ended
 *
 *  incoming:  incoming ──accept()──► answering ──(ACK)──► active ⇄ held ──► ended
 *               └──reject() / CANCEL / timeout──► ended
 * ```
 * `held` means *we* put the call on hold (our re-INVITE offered `inactive`). The remote side
 * holding us does not change the state; it sets the `remoteHold` flag on the call instead, so a
 * call can be held by both sides at once without losing track of who has to resume.
 */
export type CallStateName = 'dialing' | 'ringing' | 'incoming' | 'answering' | 'active' | 'held' | 'ended';

const allowed: Record<CallStateName, readonly CallStateName[]> = {
  dialing: ['ringing', 'active', 'ended'],
  ringing: ['active', 'ended'],
  incoming: ['answering', 'ended'],
  answering: ['active', 'ended'],
  active: ['held', 'ended'],
  held: ['active', 'ended'],
  ended: [],
};

/** True when a call may move from `from` to `to`. */
export function canCallTransition(from: CallStateName, to: CallStateName): boolean {
  return allowed[from].includes(to);
}

/** True while the call has not ended. */
export function isLive(state: CallStateName): boolean {
  return state !== 'ended';
}

/** True once media has been negotiated (answered), whether or not it is held. */
export function isConnected(state: CallStateName): boolean {
  return state === 'active' || state === 'held';
}

/**
 * Why a call ended, as a value the UI translates.
 *
 * @remarks
 * `rejected` carries the SIP final response to our INVITE: 404 (no such user), 480 (not
 * available / not registered; a queue says why in the reason phrase: `Closed`, `Queue Wait
 * Limit Reached`), 484 (a malformed outside number), 486 (busy), 408 (no answer / timeout), 503
 * (no gateway to the phone network, or no routing decision), 603 (declined) and so on.
 * `failed` is a local failure (no microphone, WebRTC negotiation error, lost transport).
 * `transferred` ends our legs of a call we handed to `target` (blind or attended transfer);
 * `replaced` ends a call that an INVITE with Replaces (RFC 3891) took over: the colleague who
 * consulted us completed the transfer and the customer now talks to us on a new call.
 */
export type CallEndReason =
  | { readonly kind: 'hangup'; readonly by: 'local' | 'remote' }
  | { readonly kind: 'cancelled'; readonly by: 'local' | 'remote' }
  | { readonly kind: 'rejected'; readonly status: number; readonly reason: string }
  | { readonly kind: 'declined'; readonly status: number }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'transferred'; readonly target: string }
  | { readonly kind: 'replaced' };
