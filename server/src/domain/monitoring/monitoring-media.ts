import type { MonitoringMode } from '../../../../src/contract/monitoring';
import type { MediaProfile } from '../../media/ng-client';
import type { AgentSide, CallParties } from './call-parties';

/** Why the media of a monitoring session could not be set up or changed. */
export type MonitoringMediaErrorKind =
  /** The service has no media relay configured (`TSUNAGU_RTPENGINE_NG`) (→ 503). */
  | 'no-relay'
  /** rtpengine did not answer or refused a command (→ 503). */
  | 'relay-failed'
  /** rtpengine holds no answered dialog for the call any more (→ 409: the call ended). */
  | 'call-gone'
  /** The supervisor's SDP is not an audio offer rtpengine could use (→ 400). */
  | 'bad-offer';

/** The media side of monitoring failed; `kind` says how. */
export class MonitoringMediaError extends Error {
  override readonly name = 'MonitoringMediaError';

  constructor(
    readonly kind: MonitoringMediaErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** The supervisor's audio leg to join to a call. */
export interface SupervisorLeg {
  readonly sessionId: string;
  readonly sipCallId: string;
  readonly parties: CallParties;
  /** The supervisor's SDP offer. */
  readonly sdp: string;
  /** A browser (`webrtc`) or a plain RTP phone. */
  readonly profile: MediaProfile;
}

/** The tags a monitoring session adds to the monitored call in rtpengine (design note §3.1). */
export interface MonitoringTags {
  /** The mixer's input: a subscription to the customer and the agent. */
  readonly input: string;
  /** The supervisor's leg (its From tag)… */
  readonly supervisor: string;
  /** …answered by the mixer. */
  readonly mixForSupervisor: string;
  /** The mixer's publication the agent hears while whispering or barging. */
  readonly mixForAgent: string;
  /** The mixer's publication the customer hears while barging. */
  readonly mixForCustomer: string;
}

/** The tags of session `sessionId`: `mon-`, `sv-`, `mix-sv-`, `mix-agent-`, `mix-customer-<id>`. */
export function monitoringTags(sessionId: string): MonitoringTags {
  return {
    input: `mon-${sessionId}`,
    supervisor: `sv-${sessionId}`,
    mixForSupervisor: `mix-sv-${sessionId}`,
    mixForAgent: `mix-agent-${sessionId}`,
    mixForCustomer: `mix-customer-${sessionId}`,
  };
}

/** A session a previous run of the service left open: what putting its call back needs. */
export interface LeftoverMonitoring {
  readonly sessionId: string;
  readonly sipCallId: string;
  readonly parties: CallParties;
  readonly tags: MonitoringTags;
}

/** What putting a leftover session's call back found. */
export type MonitoringRestore =
  /** The parties hear each other again; the session's legs are gone from the call. */
  | 'restored'
  /** rtpengine no longer holds the call (or its dialog): nothing to put back. */
  | 'call-gone';

/** What a periodic look at a session's call found. */
export type MonitoringCheck =
  /** Everything as the session's mode wants it. */
  | 'intact'
  /** A re-negotiation (hold, transfer) had linked the parties again; the mode was re-applied. */
  | 'reapplied'
  /** The call, or one of its parties, is gone: the session is over. */
  | 'call-gone';

/**
 * The media of monitoring sessions: the supervisor's leg, the mixer and the re-pointing of the
 * parties' ears in rtpengine (docs/design/monitoring-and-recording.md §3.3, §3.4).
 * @remarks A port of the domain; `RtpengineMonitoringMedia` implements it over rtpengine 10.5
 * and the service's `MonitorMixer`.
 */
export interface MonitoringMedia {
  /**
   * The customer's and the agent's tags of an answered call.
   * @throws MonitoringMediaError `call-gone`, `no-relay`, `relay-failed`
   */
  partiesOf(sipCallId: string, agentSide: AgentSide): Promise<CallParties>;
  /**
   * Joins the supervisor's leg to the call in listen mode; resolves with the SDP answer for it.
   * @throws MonitoringMediaError
   */
  join(leg: SupervisorLeg): Promise<string>;
  /** Makes the session's call sound as `mode` says (who hears the supervisor). @throws MonitoringMediaError */
  apply(sessionId: string, mode: MonitoringMode): Promise<void>;
  /** Checks a session's call and re-applies its mode when a re-negotiation undid it. */
  check(sessionId: string): Promise<MonitoringCheck>;
  /**
   * Ends the session's media: the parties hear each other again, the supervisor's leg and the
   * mixer go. Never throws: a call already gone has nothing left to undo.
   */
  leave(sessionId: string): Promise<void>;
  /**
   * Puts back the media of a session whose mixer died with a previous run of the service: each
   * party hears the other again (the rows "listen" and "ended" of design note §3.4), the
   * session's own legs and subscriptions leave the call.
   * @remarks Idempotent: a call already put back (another instance, an earlier attempt) is left
   * as it is.
   * @throws MonitoringMediaError `no-relay`, `relay-failed`
   */
  restore(leftover: LeftoverMonitoring): Promise<MonitoringRestore>;
}
