import type { StoreApi } from 'zustand/vanilla';
import type { AgentStateName } from '../contract/events';
import type { DeskPolicy } from '../contract/desk-policy';

/**
 * The call the desktop is working on: ringing, in conversation, or in after-call work.
 * @remarks Keyed by the SIP Call-ID, the key of the call record in the CTI service.
 */
export interface DeskCall {
  readonly sipCallId: string;
  readonly direction: 'inbound' | 'outbound';
  /** The other party as dialled or presented (extension or phone number); `null` when withheld (非通知). */
  readonly remoteNumber: string | null;
  readonly stage: 'ringing' | 'talking' | 'wrap-up';
  /** The call record's id once the service has answered the first call event. */
  readonly callRecordId: string | undefined;
  /** The customer linked to the record (screen pop or chosen by the agent); `null`: none. */
  readonly customerId: string | null;
}

/** State of the agent's desk as the screens see it. */
export interface DeskStoreState {
  readonly agentState: AgentStateName;
  /** The not-ready reason code, with `not-ready`. */
  readonly reason: string | null;
  /** When the current state began (epoch ms). */
  readonly since: number;
  readonly policy: DeskPolicy | undefined;
  /** The call in front of the agent (the newest one not yet wrapped up). */
  readonly current: DeskCall | undefined;
}

/** Commands of the desk store. */
export interface DeskStoreActions {
  goAvailable: () => void;
  goNotReady: (reasonCode: string) => void;
  /** Links (or unlinks, `null`) the customer of a call's record. */
  linkCustomer: (sipCallId: string, customerId: string | null) => void;
}

/** The desk store. */
export type DeskStore = StoreApi<DeskStoreState & DeskStoreActions>;
