import type { CallDirection } from '../../../../src/contract/call-records';
import type { CallPhase } from '../../../../src/contract/events';
import type { CallCode, CallRecord, CallRecordChanges, CallRecordPage, CallRecordQuery, StoredCallRecord } from './call-record';
import type { CallEvent, CallTimeline } from './call-timeline';

/** A call event as stored, with the other leg of a transfer when the softphone named it. */
export interface StoredCallEvent extends CallEvent {
  readonly linkedSipCallId?: string | null | undefined;
}

/** What a record is created with when its first event arrives. */
export interface NewCallRecord {
  readonly tenantId: string;
  readonly groupId: string;
  readonly agentId: string;
  readonly sipCallId: string;
  readonly direction: CallDirection;
  readonly remoteNumber: string | null;
  readonly localNumber: string | null;
  readonly queue: string | null;
  readonly phase: CallPhase;
  readonly startedAt: Date;
  readonly now: Date;
}

/** The call-progress part of a record, written after each new event. */
export interface CallProgress {
  readonly agentId: string | null;
  readonly groupId: string;
  /** Match the remote number against the customers of the (new) group again. */
  readonly relinkCustomer: boolean;
  readonly timeline: CallTimeline;
  readonly remoteNumber: string | null;
  readonly localNumber: string | null;
  readonly queue: string | null;
  readonly recordingRef: string | null;
  readonly now: Date;
}

/** A record locked for the rest of a transaction, with every event received so far. */
export interface LockedCall {
  readonly record: StoredCallRecord;
  /** True when the record was created by this transaction. */
  readonly created: boolean;
  readonly events: readonly StoredCallEvent[];
  /** Stores an event; false when the same phase at the same instant is already there (a replay). */
  addEvent(event: StoredCallEvent): Promise<boolean>;
  save(progress: CallProgress): Promise<StoredCallRecord>;
}

/** When the inbound call that follows a blind transfer may start, around the transfer's time. */
export interface BlindTransferWindow {
  /** How much earlier than the transfer (the transferring and the receiving agent's clocks differ). */
  readonly beforeSeconds: number;
  /** How much later than the transfer (the customer's phone may take a while to call the target). */
  readonly afterSeconds: number;
}

/** Storage of call records; implemented over PostgreSQL in `server/src/db`. */
export interface CallRecordRepository {
  /**
   * Runs `work` in one transaction with the record of one side of a call locked (the draft's
   * `sipCallId` and `direction`), creating it from `draft` (linked to the customer with that
   * number in the group, if any) when absent.
   * @remarks A record is one side of a call: when two agents call each other, the caller's
   * outbound record and the callee's inbound record share the Call-ID and are two records.
   * Events of one side are applied one at a time, so two arriving together cannot both
   * derive the record from a set of events that misses the other.
   */
  withCall<T>(draft: NewCallRecord, work: (call: LockedCall) => Promise<T>): Promise<T>;
  /**
   * Links the two sides of a call between agents (same Call-ID, inbound and outbound) once
   * both exist, leaving a side already linked to something else as it is.
   * @param filedBy - the side just created: its direction and the agent who filed it.
   * @remarks Only when that agent is a party of the call the other side's record describes:
   * the other side's remote number is the agent's extension, or the PBX rang the agent for
   * this Call-ID through a queue (`queue_calls`: rung or answered by them). Knowing a Call-ID
   * is not enough to attach a record of one's own to a colleague's call.
   */
  linkCallSides(tenantId: string, sipCallId: string, filedBy: { readonly direction: CallDirection; readonly agentId: string }): Promise<void>;
  /**
   * Links the two legs of a transfer once both records exist (either may arrive first).
   * @remarks When the named leg has two sides, the one filed by the same agent is the leg. A
   * transfer link replaces a link between the sides of one call (which the shared Call-ID
   * still tells), never another transfer's.
   */
  linkTransferLegs(tenantId: string, sipCallId: string): Promise<void>;
  /**
   * Links a blind transfer's two legs, which share no Call-ID, once both records exist (either
   * may arrive first): the transferred call (a `transferred` event naming no other leg) and the
   * inbound call that followed it, given the Call-ID of either.
   * @remarks The pair must match on every point: the follow-up is an answered inbound record
   * with the same remote number (the customer, who placed the new call) and another Call-ID;
   * it was answered by the transfer's target (the target is that agent's extension) or came
   * through it (the target is the record's `queue`, or the PBX routed that Call-ID through the
   * queue with that number); it started within `window` of the
   * transfer (`window.beforeSeconds` earlier allow for the two browsers' clocks). Agents rung
   * on the way who did not answer are not linked. Of several, the one nearest in time wins. A leg already linked to another transfer's leg is never relinked; a
   * link between the two sides of one call between agents gives way, as for
   * {@link CallRecordRepository.linkTransferLegs}.
   */
  linkBlindTransfer(tenantId: string, sipCallId: string, window: BlindTransferWindow): Promise<void>;
  find(tenantId: string, id: string): Promise<CallRecord | undefined>;
  /**
   * Writes the agent's part if the record is still at `expectedVersion`, adding one to it.
   * @returns the record, `'stale'` when someone else changed it first, `undefined` when absent.
   */
  update(tenantId: string, id: string, expectedVersion: number, changes: CallRecordChanges, now: Date): Promise<CallRecord | 'stale' | undefined>;
  search(query: CallRecordQuery): Promise<CallRecordPage>;
  /** The most recent calls of a customer: linked to them, or from one of their numbers and linked to no one. */
  recentForCustomer(tenantId: string, groupIds: 'all' | readonly string[], customerId: string, numbers: readonly string[], limit: number): Promise<CallRecord[]>;
  categories(tenantId: string): Promise<CallCode[]>;
  dispositions(tenantId: string): Promise<CallCode[]>;
  /** True when `customerId` is a customer of `groupId`. */
  customerInGroup(tenantId: string, groupId: string, customerId: string): Promise<boolean>;
}
