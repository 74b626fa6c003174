import {
  recordingDetailSchema,
  recordingFlagSchema,
  recordingPageSchema,
  recordingSchema,
  type RecordingDetail,
  type RecordingDto,
  type RecordingFlagDto,
  type RecordingPage,
  type RecordingSearch,
} from '../contract/recordings';
import type { ApiClient } from './api-client';
import type { ApiResult } from './api-error';

/**
 * Server-side recordings (全通話録音): the agent's flag of their call's recording and its
 * pause/resume (`/api/call-records/by-call-id/:sipCallId/recording`); the supervisor's search,
 * playback and retention extension (`/api/recordings`).
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

  /** GET /api/recordings: the newest first, 50 a page. */
  search(query: RecordingSearch): Promise<ApiResult<RecordingPage>> {
    const parameters: Record<string, string> = {};
    for (const [key, value] of Object.entries(query)) if (typeof value === 'string' && value !== '') parameters[key] = value;
    return this.client.get('/recordings', recordingPageSchema, parameters);
  }

  /** GET /api/recordings/:id: one recording with its waveform peaks. */
  get(id: string): Promise<ApiResult<RecordingDetail>> {
    return this.client.get(`/recordings/${encodeURIComponent(id)}`, recordingDetailSchema);
  }

  /** POST /api/recordings/:id/extend: keeps it 180 days longer (audited by the service). */
  extend(id: string): Promise<ApiResult<RecordingDto>> {
    return this.client.send('POST', `/recordings/${encodeURIComponent(id)}/extend`, recordingSchema);
  }

  /**
   * POST /api/recordings/:id/end-retention: an administrator ends the recording's retention
   * now (a customer's erasure request, 消去請求; a contract ending), saying why (1–500
   * characters). The service's retention job deletes it at its next run and audits the
   * deletion with the reason.
   * @remarks 403 for anyone but administrators, 404 when unknown or already deleted, 409 while
   * the call is still being recorded or when its retention already ended.
   */
  endRetention(id: string, reason: string): Promise<ApiResult<RecordingDto>> {
    return this.client.send('POST', `/recordings/${encodeURIComponent(id)}/end-retention`, recordingSchema, { reason });
  }

  /** The address of the recording's audio (WAV, HTTP Range for seeking); `download` asks for an attachment. Every use is audited by the service. */
  static audioUrl(id: string, download = false): string {
    return `/api/recordings/${encodeURIComponent(id)}/audio${download ? '?download=1' : ''}`;
  }
}
