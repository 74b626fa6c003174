import type { CallDirection, CallEndReason } from '../../../../src/contract/call-records';
import type { CallPhase } from '../../../../src/contract/events';

/**
 * A call record (応対記録) as stored: one side of a call.
 * @remarks The times come from the call's events (see `deriveCallTimeline`); the category,
 * notes, disposition and follow-up are the agent's part, guarded by `version`. A record is
 * keyed by tenant, `sipCallId` and `direction`: a call between two agents has the caller's
 * outbound record and the callee's inbound record.
 */
export interface StoredCallRecord {
  readonly id: string;
  readonly tenantId: string;
  /** The owning group (所属): only its members and administrators may see the record. */
  readonly groupId: string;
  readonly agentId: string | null;
  readonly sipCallId: string;
  readonly direction: CallDirection;
  readonly localNumber: string | null;
  readonly remoteNumber: string | null;
  readonly customerId: string | null;
  readonly queue: string | null;
  readonly phase: CallPhase;
  readonly startedAt: Date;
  readonly offeredAt: Date | null;
  readonly answeredAt: Date | null;
  readonly endedAt: Date | null;
  readonly heldSeconds: number;
  readonly durationSeconds: number | null;
  readonly endReason: CallEndReason | null;
  readonly transferredTo: string | null;
  /**
   * The other leg of a transfer (another `sipCallId`); else, for a call between two agents,
   * the other side of it (the same `sipCallId`, the other direction).
   */
  readonly linkedCallId: string | null;
  readonly recordingRef: string | null;
  readonly categoryId: string | null;
  readonly notes: string;
  readonly dispositionId: string | null;
  /** A calendar day, `YYYY-MM-DD`. */
  readonly followUpAt: string | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A call record with the names a reader needs beside the ids. */
export interface CallRecord extends StoredCallRecord {
  readonly agentName: string | null;
  readonly customerName: string | null;
}

/** The agent's part of a record, as a change: only the fields present are written. */
export interface CallRecordChanges {
  readonly categoryId?: string | null;
  readonly notes?: string;
  readonly dispositionId?: string | null;
  readonly followUpAt?: string | null;
  readonly customerId?: string | null;
}

/** An inquiry category (問い合わせ分類) or disposition (対応結果) of a tenant. */
export interface CallCode {
  readonly id: string;
  readonly nameJa: string;
  readonly nameEn: string;
  readonly active: boolean;
  readonly sortOrder: number;
}

/** Filters of a record search, already checked and normalised by the service. */
export interface CallRecordQuery {
  readonly tenantId: string;
  /** The groups the reader may see (`'all'`: administrators). */
  readonly groupIds: 'all' | readonly string[];
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly agentId?: string | undefined;
  /** The other party: an E.164 number or an extension; `null` finds withheld numbers. */
  readonly remoteNumber?: string | null | undefined;
  readonly customerId?: string | undefined;
  readonly categoryId?: string | undefined;
  readonly dispositionId?: string | undefined;
  /** A substring of the notes. */
  readonly text?: string | undefined;
  /** Where the previous page ended (opaque). */
  readonly cursor?: string | undefined;
  readonly limit: number;
}

/** One page of records, newest first, and the cursor of the next page (`null` at the end). */
export interface CallRecordPage {
  readonly items: readonly CallRecord[];
  readonly nextCursor: string | null;
}
