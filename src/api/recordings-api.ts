import { recordingFlagSchema, type RecordingFlagDto } from '../contract/recordings';
import type { ApiClient } from './api-client';
import type { ApiResult } from './api-error';

/**
 * Server-side recordings (全通話録音): the agent's flag of their call's recording and its
 * pause/resume (`/api/call-records/by-call-id/:sipCallId/recording`).
 */
export class RecordingsApi {
  constructor(private readonly client: ApiClient) {}

  /** GET …/recording: whether the call is being recorded or paused; 404 when it is not recorded. */
  flag(sipCallId: string): Promise<ApiResult<RecordingFlagDto>> {
    return this.client.get(`/call-records/by-call-id/${encodeURIComponent(sipCallId)}/recording`, recordingFlagSchema);
  }

  /** POST …/recording/pause or …/resume: pauses (where the queue allows) or resumes the recording. */
  setPaused(sipCallId: string, paused: boolean): Promise<ApiResult<RecordingFlagDto>> {
    return this.client.send('POST', `/call-records/by-call-id/${encodeURIComponent(sipCallId)}/recording/${paused ? 'pause' : 'resume'}`, recordingFlagSchema);
  }
}
