import type { Recording, RecordingListItem, RecordingPauseInterval, RecordingPeaks, RecordingQuery, RecordingStatus, RetentionEnd } from './recording';

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
  /** The number callers dial (named in audit entries). */
  readonly number: string;
  /** 全通話録音 for the queue's calls (`record_calls`). */
  readonly recordCalls: boolean;
  /** Whether agents may pause its recordings. */
  readonly pauseAllowed: boolean;
  /** Days its recordings are kept after the call (1–1825; 180 by default). */
  readonly retentionDays: number;
}

/** A new recording row, as the PBX's trigger makes it. */
export type NewRecording = Omit<Recording, 'status' | 'failure' | 'endedAt' | 'durationMs' | 'pauses' | 'peaks' | 'sha256' | 'retentionExtendedDays' | 'retentionEnded' | 'deletedAt'>;

/** Storage of recordings; implemented over PostgreSQL in `server/src/db`. */
export interface RecordingRepository {
  /** The active user whose extension is `extension` (a signed-in one first). */
  agentOfExtension(extension: string): Promise<RecordingAgent | undefined>;
  /** The active queue dialled as `number`. */
  queueByNumber(number: string): Promise<RecordingQueuePolicy | undefined>;
  /** A queue of the tenant by id (any state). */
  queueById(tenantId: string, queueId: string): Promise<RecordingQueuePolicy | undefined>;
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
  /**
   * Moves `retainUntil` by `days` and counts them in `retentionExtendedDays`, unless the
   * recording is deleted or its retention was ended early.
   * @returns the extended recording, or undefined when it was not extended.
   */
  extend(id: string, days: number): Promise<Recording | undefined>;
  /**
   * Extends every retained recording of a queue (not deleted, retention not ended early) by
   * `days`, in one statement.
   * @returns how many were extended.
   */
  extendQueue(tenantId: string, queueId: string, days: number): Promise<number>;
  /**
   * Ends a finished (complete or failed) recording's retention now: `retainUntil = end.at`,
   * with who and why.
   * @returns the recording, or undefined when it is not finished or already deleted.
   */
  endRetention(id: string, end: RetentionEnd): Promise<Recording | undefined>;
  /** Complete or failed recordings whose retention ended before `now`, oldest first, but those in `skip`. */
  expired(now: Date, limit: number, skip: readonly string[]): Promise<Recording[]>;
  /**
   * Marks an expired recording `deleted` at `now` if it is still expired and still in
   * `status` (a conditional update), so that when several instances run the job each
   * recording is deleted, and audited, by one of them.
   * @returns the recording now deleted, or undefined when another run took it or it was extended.
   */
  claimExpired(id: string, status: RecordingStatus, now: Date): Promise<Recording | undefined>;
  /** Puts a claimed recording back as it was (its file could not be deleted). */
  unclaim(id: string, status: RecordingStatus): Promise<void>;
  /** Drops a deleted recording's waveform. */
  forgetPeaks(id: string): Promise<void>;
  search(query: RecordingQuery): Promise<RecordingListItem[]>;
}
