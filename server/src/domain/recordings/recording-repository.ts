import type { Recording, RecordingListItem, RecordingPauseInterval, RecordingPeaks, RecordingQuery } from './recording';

/** An agent's extension as a recording needs it: who, which tenant and groups. */
export interface RecordingAgent {
  readonly tenantId: string;
  readonly userId: string;
  readonly groupIds: readonly string[];
}

/** A queue's recording policy. */
export interface RecordingQueuePolicy {
  readonly id: string;
  readonly tenantId: string;
  readonly groupId: string;
  /** 全通話録音 for the queue's calls (`record_calls`). */
  readonly recordCalls: boolean;
  /** Whether agents may pause its recordings. */
  readonly pauseAllowed: boolean;
  /** 180, or 360 for a queue whose retention is extended. */
  readonly retentionDays: number;
}

/** A new recording row, as the PBX's trigger makes it. */
export type NewRecording = Omit<Recording, 'status' | 'failure' | 'endedAt' | 'durationMs' | 'pauses' | 'peaks' | 'sha256' | 'retentionExtendedDays' | 'deletedAt'>;

/** Storage of recordings; implemented over PostgreSQL in `server/src/db`. */
export interface RecordingRepository {
  /** The active user whose extension is `extension` (a signed-in one first). */
  agentOfExtension(extension: string): Promise<RecordingAgent | undefined>;
  /** The active queue dialled as `number`. */
  queueByNumber(number: string): Promise<RecordingQueuePolicy | undefined>;
  /** Inserts a recording; undefined when the call already has one (a retransmitted 200 OK). */
  create(recording: NewRecording): Promise<Recording | undefined>;
  find(tenantId: string, id: string): Promise<Recording | undefined>;
  /** The recording of a call, in any tenant (the PBX does not know the tenant). */
  findByCallId(sipCallId: string): Promise<Recording | undefined>;
  /** Every recording still `recording` (after a restart they are finished as failed). */
  listRecording(): Promise<Recording[]>;
  setPauses(id: string, pauses: readonly RecordingPauseInterval[]): Promise<void>;
  complete(id: string, finished: { endedAt: Date; durationMs: number; pauses: readonly RecordingPauseInterval[]; peaks: RecordingPeaks; sha256: string; retainUntil: Date }): Promise<void>;
  fail(id: string, failure: string, endedAt: Date): Promise<void>;
  /** Moves `retainUntil` by `days` and counts them in `retentionExtendedDays`. */
  extend(id: string, days: number): Promise<Recording | undefined>;
  /** Complete or failed recordings whose retention ended before `now`, oldest first. */
  expired(now: Date, limit: number): Promise<Recording[]>;
  markDeleted(id: string, at: Date): Promise<void>;
  search(query: RecordingQuery): Promise<RecordingListItem[]>;
}
