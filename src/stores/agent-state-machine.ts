import type { AgentStateName } from '../contract/events';
import { exhaustiveSwitchError } from '../lib/exhaustive-switch-error';
import type { IncomingRefusal } from '../telephony';

/**
 * The moves an agent's state may make.
 *
 * @remarks
 * ```
 *            sign-in                 受付可                 answer (either direction)
 *  offline ──────────► not-ready ◄────────► available ─────────────────────────► on-call
 *     ▲     (受付停止)   │  ▲ reason          │  ▲                                   │
 *     │                 │  └──────────────────┼──┼──── 後処理完了 / timer ─┐         │ last answered
 *     │                 │                     │  └──── 後処理完了 / timer ─┤         │ call ended
 *     │                 └── answer ───────────┼────────► on-call           │         ▼
 *     │                                       │                   after-call-work ◄──┘
 *     └──────────── sign-out, session lost (from every state) ─────────────┘
 * ```
 * A page reload restores the state the service stored (`offline` → any). A call answered
 * during after-call work goes back to `on-call`; a call that ends without being answered
 * changes nothing. Not-ready may move to not-ready (another reason).
 */
const allowed: Readonly<Record<AgentStateName, readonly AgentStateName[]>> = {
  offline: ['not-ready', 'available', 'on-call', 'after-call-work'],
  available: ['not-ready', 'on-call', 'offline'],
  'not-ready': ['available', 'not-ready', 'on-call', 'offline'],
  'on-call': ['after-call-work', 'offline'],
  'after-call-work': ['available', 'not-ready', 'on-call', 'offline'],
};

/** True when the agent's state may move from `from` to `to`. */
export function canAgentTransition(from: AgentStateName, to: AgentStateName): boolean {
  return allowed[from].includes(to);
}

/**
 * How the browser answers an INVITE in each state, whatever Kamailio decided.
 * @remarks 480 Temporarily Unavailable while not ready or offline, 486 Busy Here during
 * after-call work; `undefined` lets the call ring (available, or on-call where the phone's
 * call-waiting rule decides).
 */
export function incomingRefusalFor(state: AgentStateName): IncomingRefusal | undefined {
  switch (state) {
    case 'offline':
    case 'not-ready':
      return 480;
    case 'after-call-work':
      return 486;
    case 'available':
    case 'on-call':
      return undefined;
    default:
      return exhaustiveSwitchError(state);
  }
}
