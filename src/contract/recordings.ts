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
