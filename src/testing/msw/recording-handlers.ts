import { http } from 'msw';
import { z } from 'zod';
import { idSchema } from '../../contract/common';
import { queueRecordingsExtendedSchema } from '../../contract/queues';
import {
  recordingDetailSchema,
  recordingFlagSchema,
  recordingPageSchema,
  recordingRetentionEndSchema,
  recordingSchema,
  type RecordingDetail,
  type RecordingListItem,
  type RecordingPause,
} from '../../contract/recordings';
import { mockDatabase } from './mock-database';
import { auditBy } from './mock-audit';
import { contractResponse, errorResponse, readBody, readParams, readQuery, signedInSession } from './mock-http';
import { mockQueues } from './queue-mock';

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
  readonly #library = new Map<string, RecordingListItem & Pick<RecordingDetail, 'peaks'>>();

  /** Files a finished recording (the supervisors' search, detail and extension). */
  add(recording: RecordingListItem & Pick<RecordingDetail, 'peaks'>): void {
    this.#library.set(recording.id, recording);
  }

  /** The finished recordings, newest first. */
  library(): (RecordingListItem & Pick<RecordingDetail, 'peaks'>)[] {
    return [...this.#library.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** Keeps one 180 days longer. */
  extend(id: string): (RecordingListItem & Pick<RecordingDetail, 'peaks'>) | undefined {
    const recording = this.#library.get(id);
    if (recording === undefined) return undefined;
    const extended = { ...recording, retainUntil: new Date(Date.parse(recording.retainUntil) + 180 * 86_400_000).toISOString(), retentionExtendedDays: recording.retentionExtendedDays + 180 };
    this.#library.set(id, extended);
    return extended;
  }

  /** An administrator ends one's retention now; `undefined` when unknown or deleted. */
  endRetention(id: string): (RecordingListItem & Pick<RecordingDetail, 'peaks'>) | 'recording' | 'ended' | undefined {
    const recording = this.#library.get(id);
    if (recording === undefined || recording.status === 'deleted') return undefined;
    if (recording.status === 'recording') return 'recording';
    if (recording.retentionEndedAt !== null) return 'ended';
    const now = new Date(mockDatabase.now()).toISOString();
    const ended = { ...recording, retainUntil: now, retentionEndedAt: now };
    this.#library.set(id, ended);
    return ended;
  }

  /** Keeps every retained recording of a queue (not deleted, not ended early) 180 days longer; how many. */
  extendQueue(queueId: string): number {
    let count = 0;
    for (const recording of this.#library.values()) {
      if (recording.queueId !== queueId || recording.status === 'deleted' || recording.retentionEndedAt !== null) continue;
      this.extend(recording.id);
      count += 1;
    }
    return count;
  }

  /** The retention job's run: deletes what expired (the row stays, `deleted`, without its waveform). */
  deleteExpired(): number {
    let count = 0;
    for (const recording of this.#library.values()) {
      if ((recording.status !== 'complete' && recording.status !== 'failed') || Date.parse(recording.retainUntil) >= mockDatabase.now()) continue;
      this.#library.set(recording.id, { ...recording, status: 'deleted', peaks: null });
      count += 1;
    }
    return count;
  }

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
    this.#library.clear();
  }
}

/** The mock service's recordings; reset with the database. */
export const mockRecordings = new MockRecordings();
mockDatabase.onReset(() => mockRecordings.reset());

function flagOf(recording: MockCallRecording) {
  const paused = recording.pauses.at(-1)?.endMs === null;
  return { recordingId: recording.recordingId, status: paused ? ('paused' as const) : ('recording' as const), pauseAllowed: recording.pauseAllowed, pauses: recording.pauses.map((pause) => ({ ...pause })) };
}

const idParams = z.object({ id: idSchema });

const searchQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  agentId: idSchema.optional(),
  number: z.string().max(32).optional(),
  categoryId: idSchema.optional(),
  queueId: idSchema.optional(),
  before: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * `/api/recordings` (search, detail, 180-day extension, audited) for supervisors and
 * administrators, the early end of a retention for administrators, the queue-wide 180-day
 * extension (`/api/queues/:queueId/recordings/extend`), and `/api/call-records/by-call-id/:sipCallId/recording` (+ `/pause`, `/resume`): the agent's
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

  http.get('/api/recordings', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    if (signedIn.account.role === 'agent') return errorResponse(403, 'forbidden', 'supervisors and administrators only');
    const query = readQuery(request, searchQuerySchema);
    if (!query.ok) return query.response;
    const { from, to, agentId, number, categoryId, queueId, before, limit } = query.value;
    const matching = mockRecordings
      .library()
      .filter((recording) => recording.status !== 'deleted' && (queueId === undefined || recording.queueId === queueId))
      .filter((recording) => signedIn.account.role === 'administrator' || signedIn.account.groupIds.includes(recording.groupId))
      .filter((recording) => (from === undefined || recording.startedAt >= new Date(from).toISOString()) && (to === undefined || recording.startedAt < new Date(to).toISOString()))
      .filter((recording) => (agentId === undefined || recording.agentId === agentId) && (number === undefined || (recording.customerNumber ?? '').includes(number)))
      .filter((recording) => categoryId === undefined || recording.categoryId === categoryId)
      .filter((recording) => before === undefined || `${recording.startedAt}_${recording.id}` < before);
    const items = matching.slice(0, limit).map(({ peaks: _peaks, ...item }) => item);
    const last = items.at(-1);
    return contractResponse(recordingPageSchema, { items, next: matching.length > limit && last !== undefined ? `${last.startedAt}_${last.id}` : null });
  }),

  http.get('/api/recordings/:id', ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, idParams);
    if (!param.ok) return param.response;
    const recording = mockRecordings.library().find((candidate) => candidate.id === param.value.id);
    if (recording === undefined || signedIn.account.role === 'agent') return errorResponse(404, 'not-found', 'no such recording');
    const { agentName: _a, agentExtension: _e, queueNumber: _q, categoryId: _c, callRecordId: _r, ...detail } = recording;
    return contractResponse(recordingDetailSchema, detail);
  }),

  http.post('/api/recordings/:id/extend', ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, idParams);
    if (!param.ok) return param.response;
    if (signedIn.account.role === 'agent') return errorResponse(403, 'forbidden', 'supervisors and administrators only');
    const extended = mockRecordings.extend(param.value.id);
    if (extended === undefined) return errorResponse(404, 'not-found', 'no such recording');
    auditBy(signedIn.account, 'update', 'recording', extended.id, { retainUntil: extended.retainUntil });
    const { agentName: _a, agentExtension: _e, queueNumber: _q, categoryId: _c, callRecordId: _r, peaks: _p, ...recording } = extended;
    return contractResponse(recordingSchema, recording);
  }),

  http.post('/api/recordings/:id/end-retention', async ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, idParams);
    if (!param.ok) return param.response;
    if (signedIn.account.role !== 'administrator') return errorResponse(403, 'forbidden', 'requires the role administrator');
    const body = await readBody(request, recordingRetentionEndSchema);
    if (!body.ok) return body.response;
    const ended = mockRecordings.endRetention(param.value.id);
    if (ended === undefined) return errorResponse(404, 'not-found', 'recording not found');
    if (ended === 'recording') return errorResponse(409, 'conflict', 'the call is still being recorded; end the retention once the call is over');
    if (ended === 'ended') return errorResponse(409, 'conflict', 'its retention already ended; it is deleted at the retention job’s next run');
    auditBy(signedIn.account, 'update', 'recording', ended.id, { change: 'retention-ended', reason: body.value.reason });
    const { agentName: _a, agentExtension: _e, queueNumber: _q, categoryId: _c, callRecordId: _r, peaks: _p, ...recording } = ended;
    return contractResponse(recordingSchema, recording);
  }),

  http.post('/api/queues/:queueId/recordings/extend', ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, z.object({ queueId: idSchema }));
    if (!param.ok) return param.response;
    if (signedIn.account.role === 'agent') return errorResponse(403, 'forbidden', 'requires the role supervisor or administrator');
    const queue = mockQueues.find(param.value.queueId);
    if (queue === undefined) return errorResponse(404, 'not-found', 'queue not found');
    if (signedIn.account.role !== 'administrator' && !signedIn.account.groupIds.includes(queue.groupId)) return errorResponse(403, 'forbidden', 'that belongs to another group');
    const extended = mockRecordings.extendQueue(queue.id);
    auditBy(signedIn.account, 'update', 'queue', queue.id, { change: 'recordings-retention-extended', queueNumber: queue.number, days: 180, extended });
    return contractResponse(queueRecordingsExtendedSchema, { extended });
  }),
];
