import { http } from 'msw';
import { recordingFlagSchema, type RecordingPause } from '../../contract/recordings';
import { mockDatabase } from './mock-database';
import { contractResponse, errorResponse, signedInSession } from './mock-http';

/** The recording of one call in the mock service. */
interface MockCallRecording {
  readonly recordingId: string;
  readonly pauseAllowed: boolean;
  readonly startedAt: number;
  pauses: RecordingPause[];
}

/**
 * The server-side recordings of calls in the mock service: every call is recorded, its pause
 * allowed, unless a test says otherwise with {@link MockRecordings.setPolicy}.
 */
class MockRecordings {
  readonly #calls = new Map<string, MockCallRecording | 'none'>();

  /** `none`: the call is not recorded (404); `no-pause`: recorded, the queue forbids pausing. */
  setPolicy(sipCallId: string, policy: 'none' | 'no-pause' | 'pause'): void {
    this.#calls.set(sipCallId, policy === 'none' ? 'none' : { recordingId: crypto.randomUUID(), pauseAllowed: policy === 'pause', startedAt: Date.now(), pauses: [] });
  }

  /** The call's recording (started on first sight), or `undefined` when it is not recorded. */
  of(sipCallId: string): MockCallRecording | undefined {
    if (!this.#calls.has(sipCallId)) this.setPolicy(sipCallId, 'pause');
    const recording = this.#calls.get(sipCallId);
    return recording === 'none' ? undefined : recording;
  }

  reset(): void {
    this.#calls.clear();
  }
}

/** The mock service's recordings; reset with the database. */
export const mockRecordings = new MockRecordings();
mockDatabase.onReset(() => mockRecordings.reset());

function flagOf(recording: MockCallRecording) {
  const paused = recording.pauses.at(-1)?.endMs === null;
  return { recordingId: recording.recordingId, status: paused ? ('paused' as const) : ('recording' as const), pauseAllowed: recording.pauseAllowed, pauses: recording.pauses.map((pause) => ({ ...pause })) };
}

/**
 * `/api/call-records/by-call-id/:sipCallId/recording` (+ `/pause`, `/resume`): the agent's
 * recording flag and its pause/resume, with the service's refusals (404 not recorded, 403 the
 * queue forbids pausing, 409 already paused / not paused).
 */
export const recordingHandlers = [
  http.get('/api/call-records/by-call-id/:sipCallId/recording', ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const recording = mockRecordings.of(String(params.sipCallId));
    if (recording === undefined) return errorResponse(404, 'not-found', 'this call is not being recorded');
    return contractResponse(recordingFlagSchema, flagOf(recording));
  }),

  http.post('/api/call-records/by-call-id/:sipCallId/recording/:action', ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const action = String(params.action);
    if (action !== 'pause' && action !== 'resume') return errorResponse(404, 'not-found', 'no such action');
    const recording = mockRecordings.of(String(params.sipCallId));
    if (recording === undefined) return errorResponse(404, 'not-found', 'this call is not being recorded');
    if (!recording.pauseAllowed) return errorResponse(403, 'forbidden', "this queue's recordings may not be paused");
    const last = recording.pauses.at(-1);
    const paused = last?.endMs === null;
    const at = Date.now() - recording.startedAt;
    if (action === 'pause') {
      if (paused) return errorResponse(409, 'conflict', 'the recording is already paused');
      recording.pauses.push({ startMs: at, endMs: null, by: signedIn.account.id });
    } else {
      if (!paused) return errorResponse(409, 'conflict', 'the recording is not paused');
      recording.pauses[recording.pauses.length - 1] = { ...last, endMs: at };
    }
    return contractResponse(recordingFlagSchema, flagOf(recording));
  }),
];
