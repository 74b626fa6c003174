import type { AgentStateName } from '../../../../src/contract/events';

/**
 * What the PBX does with a new call to an agent's extension, by the agent's state.
 * @remarks `sipStatus` 200 means "offer the call" (route it to the phone); 480 and 486 are the
 * final responses Kamailio sends the caller instead, with `sipReason` as the reason phrase.
 */
export interface CallOffer {
  readonly offer: boolean;
  readonly sipStatus: 200 | 480 | 486;
  readonly sipReason: string;
  /** The agent's state, or null when the extension is not an agent the service knows. */
  readonly state: AgentStateName | null;
}

/**
 * Whether a call is offered to an agent in `state`.
 *
 * @remarks
 * - available, on-call: offered (a second call while on a call is the phone's decision: call
 *   waiting or 486 by the phone itself);
 * - not-ready (受付停止, 休憩…) and offline: 480 Temporarily Unavailable — the agent is there
 *   but not taking calls, or not signed in;
 * - after-call work (後処理): 486 Busy Here — still busy with the last call.
 * An extension the service does not know (`undefined`) is not one of its agents: offered, the
 * PBX's own rules apply.
 */
export function callOfferFor(state: AgentStateName | undefined): CallOffer {
  if (state === undefined) return { offer: true, sipStatus: 200, sipReason: 'OK', state: null };
  switch (state) {
    case 'available':
    case 'on-call':
      return { offer: true, sipStatus: 200, sipReason: 'OK', state };
    case 'not-ready':
      return { offer: false, sipStatus: 480, sipReason: 'Not Ready', state };
    case 'offline':
      return { offer: false, sipStatus: 480, sipReason: 'Agent Offline', state };
    case 'after-call-work':
      return { offer: false, sipStatus: 486, sipReason: 'After-Call Work', state };
    default:
      return exhaustive(state);
  }
}

function exhaustive(value: never): never {
  throw new Error(`unknown agent state ${String(value)}`);
}
