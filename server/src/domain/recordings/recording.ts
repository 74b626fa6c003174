/** Where a recording is in its life. */
export type RecordingStatus = 'recording' | 'complete' | 'failed' | 'deleted';

/** An interval during which the recording was paused (silence in the file). */
export interface RecordingPauseInterval {
  /** Milliseconds from the start of the file. */
  readonly startMs: number;
  /** Milliseconds from the start of the file; null while the pause is open. */
  readonly endMs: number | null;
  /** The user who paused it. */
  readonly by: string;
}

/** Peak level per 100 ms (0–1) of each channel, for the player's waveform. */
export interface RecordingPeaks {
  readonly customer: readonly number[];
  readonly agent: readonly number[];
}

/**
 * An administrator's early end of a recording's retention: a customer's request to erase
 * their data (APPI 消去請求), or the end of a contract.
 */
export interface RetentionEnd {
  readonly at: Date;
  /** The administrator; null once their account is gone. */
  readonly by: string | null;
  /** Why (1–500 characters): written to the audit log with the deletion. */
  readonly reason: string;
}

/**
 * One call's server-side recording (全通話録音).
 * @remarks Made by the PBX's trigger when the call is answered, never by the agent's browser;
 * found with the call record (応対記録) through the SIP Call-ID. Kept until `retainUntil`
 * (the queue's retention after the call, 180 days by default, extendable by 180 days at a
 * time), then deleted by the retention job; an administrator may end the retention early
 * (`retentionEnded`), and the job deletes it on its next run.
 */
export interface Recording {
  readonly id: string;
  readonly tenantId: string;
  /** The group (所属) whose supervisors may search, play and extend it. */
  readonly groupId: string;
  readonly sipCallId: string;
  readonly agentId: string | null;
  readonly queueId: string | null;
  readonly direction: 'inbound' | 'outbound';
  readonly customerNumber: string | null;
  /** rtpengine tags: the customer's, the agent's and the recorder's subscription. */
  readonly customerTag: string;
  readonly agentTag: string;
  readonly subscriberTag: string;
  /** Relative to the recordings directory. */
  readonly filePath: string;
  readonly status: RecordingStatus;
  readonly failure: string | null;
  /** Whether the agent may pause it (the queue's policy when it was made). */
  readonly pauseAllowed: boolean;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly durationMs: number | null;
  readonly pauses: readonly RecordingPauseInterval[];
  readonly peaks: RecordingPeaks | null;
  readonly sha256: string | null;
  readonly retainUntil: Date;
  readonly retentionExtendedDays: number;
  /** Set when an administrator ended the retention early; null otherwise. */
  readonly retentionEnded: RetentionEnd | null;
  readonly deletedAt: Date | null;
}

/** A recording as search lists it, with what the call record (応対記録) adds. */
export interface RecordingListItem {
  readonly recording: Recording;
  readonly agentName: string | null;
  readonly agentExtension: string | null;
  readonly queueNumber: string | null;
  /** The call record's inquiry category (分類), if the agent filed one. */
  readonly categoryId: string | null;
  readonly callRecordId: string | null;
}

/** Filters of a recording search. */
export interface RecordingQuery {
  readonly tenantId: string;
  /** The searcher's groups, or all of the tenant (administrators). */
  readonly groupIds: 'all' | readonly string[];
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly agentId?: string | undefined;
  /** Digits of the customer's number (a part is enough). */
  readonly number?: string | undefined;
  readonly categoryId?: string | undefined;
  /** Only the recordings of calls through this queue. */
  readonly queueId?: string | undefined;
  /** Only recordings started before this one (keyset paging, newest first). */
  readonly before?: { readonly startedAt: Date; readonly id: string } | undefined;
  readonly limit: number;
}
