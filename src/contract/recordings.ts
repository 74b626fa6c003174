import { z } from 'zod';

/** A pause of a recording (for card numbers): milliseconds into the recording; `endMs` is `null` while paused. */
export const recordingPauseSchema = z.object({ startMs: z.number().int(), endMs: z.number().int().nullable(), by: z.string() });
export type RecordingPause = z.infer<typeof recordingPauseSchema>;

/**
 * The recording state of the agent's call (GET/POST /api/call-records/by-call-id/:sipCallId/recording…):
 * the softphone's 録音中 / 一時停止中 flag and whether the queue's policy allows a pause.
 */
export const recordingFlagSchema = z.object({
  recordingId: z.uuid(),
  status: z.enum(['recording', 'paused']),
  pauseAllowed: z.boolean(),
  pauses: z.array(recordingPauseSchema),
});
export type RecordingFlagDto = z.infer<typeof recordingFlagSchema>;

/** A recording as the service shows it (GET /api/recordings/:id, POST …/extend). */
export const recordingSchema = z.object({
  id: z.uuid(),
  sipCallId: z.string(),
  groupId: z.uuid(),
  agentId: z.uuid().nullable(),
  queueId: z.uuid().nullable(),
  direction: z.enum(['inbound', 'outbound']),
  customerNumber: z.string().nullable(),
  status: z.enum(['recording', 'complete', 'failed', 'deleted']),
  pauseAllowed: z.boolean(),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
  durationMs: z.number().int().nullable(),
  pauses: z.array(recordingPauseSchema),
  sha256: z.string().nullable(),
  /** Kept until then; the retention job deletes it at its first run after. */
  retainUntil: z.iso.datetime({ offset: true }),
  retentionExtendedDays: z.number().int(),
  /**
   * When an administrator ended its retention early (POST …/end-retention); `null` otherwise.
   * Such a recording waits for deletion (削除待ち) and can no longer be extended.
   */
  retentionEndedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type RecordingDto = z.infer<typeof recordingSchema>;

/** One recording with its waveform: peak level (0–1) per 100 ms of the customer's and the agent's channel. */
export const recordingDetailSchema = recordingSchema.extend({
  peaks: z.object({ customer: z.array(z.number()), agent: z.array(z.number()) }).nullable(),
});
export type RecordingDetail = z.infer<typeof recordingDetailSchema>;

/** A search result (GET /api/recordings): the recording with its agent, queue and call record. */
export const recordingListItemSchema = recordingSchema.extend({
  agentName: z.string().nullable(),
  agentExtension: z.string().nullable(),
  queueNumber: z.string().nullable(),
  categoryId: z.uuid().nullable(),
  callRecordId: z.uuid().nullable(),
});
export type RecordingListItem = z.infer<typeof recordingListItemSchema>;

/** A page of search results; `next` is the cursor of the following page (`before`). */
export const recordingPageSchema = z.object({ items: z.array(recordingListItemSchema), next: z.string().nullable() });
export type RecordingPage = z.infer<typeof recordingPageSchema>;

/** The search of recordings: a date range (ISO instants), agent, number, call category and queue. */
export interface RecordingSearch {
  readonly from?: string;
  readonly to?: string;
  readonly agentId?: string;
  readonly number?: string;
  readonly categoryId?: string;
  readonly queueId?: string;
  readonly before?: string;
}

/** The longest reason for ending a recording's retention early. */
export const maxRetentionEndReasonLength = 500;

/**
 * POST /api/recordings/:id/end-retention — an administrator ends a recording's retention now
 * (a customer's erasure request under the APPI, 消去請求; the end of a contract): why, 1–500
 * characters after trimming. The retention job deletes it at its next run and names the reason.
 */
export const recordingRetentionEndSchema = z.object({
  reason: z
    .string({ error: 'reason is required: why the retention ends (1–500 characters)' })
    .trim()
    .min(1, 'reason must not be empty: say why the retention ends')
    .max(maxRetentionEndReasonLength, `reason must be at most ${maxRetentionEndReasonLength} characters`),
});
export type RecordingRetentionEnd = z.infer<typeof recordingRetentionEndSchema>;
