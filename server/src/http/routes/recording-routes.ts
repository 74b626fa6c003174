import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sipCallIdSchema } from '../../../../src/contract/call-records';
import { idSchema } from '../../../../src/contract/common';
import { errorResponseSchema } from '../../../../src/contract/errors';
import {
  recordingDetailSchema,
  recordingFlagSchema,
  recordingListItemSchema,
  recordingPageSchema,
  recordingRetentionEndSchema,
  recordingSchema,
} from '../../../../src/contract/recordings';
import { DomainError } from '../../domain/errors';
import type { Recording, RecordingListItem } from '../../domain/recordings/recording';
import type { RecordingFlag } from '../../domain/recordings/recording-service';
import type { AppDependencies } from '../app';
import { originOf, requireActor } from '../request-context';

const searchQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  agentId: idSchema.optional(),
  number: z.string().max(32).regex(/^[0-9+\- ()]*$/, 'must be digits of a phone number').optional(),
  categoryId: idSchema.optional(),
  queueId: idSchema.optional(),
  /** Cursor: `<startedAt ISO>_<id>` of the last item of the previous page. */
  before: z
    .string()
    .regex(/^[0-9T:.Z+-]+_[0-9a-f-]{36}$/, 'must be a cursor from a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

function recordingDto(recording: Recording): z.infer<typeof recordingSchema> {
  return {
    id: recording.id,
    sipCallId: recording.sipCallId,
    groupId: recording.groupId,
    agentId: recording.agentId,
    queueId: recording.queueId,
    direction: recording.direction,
    customerNumber: recording.customerNumber,
    status: recording.status,
    pauseAllowed: recording.pauseAllowed,
    startedAt: recording.startedAt.toISOString(),
    endedAt: recording.endedAt?.toISOString() ?? null,
    durationMs: recording.durationMs,
    pauses: recording.pauses.map((pause) => ({ ...pause })),
    sha256: recording.sha256,
    retainUntil: recording.retainUntil.toISOString(),
    retentionExtendedDays: recording.retentionExtendedDays,
    retentionEndedAt: recording.retentionEnded?.at.toISOString() ?? null,
  };
}

function flagDto(flag: RecordingFlag): z.infer<typeof recordingFlagSchema> {
  return { ...flag, pauses: flag.pauses.map((pause) => ({ ...pause })) };
}

function listItemDto(item: RecordingListItem): z.infer<typeof recordingListItemSchema> {
  return {
    ...recordingDto(item.recording),
    agentName: item.agentName,
    agentExtension: item.agentExtension,
    queueNumber: item.queueNumber,
    categoryId: item.categoryId,
    callRecordId: item.callRecordId,
  };
}

/** A single `bytes=a-b` / `bytes=a-` / `bytes=-n` range of a file of `size` bytes; undefined when unsatisfiable. */
export function parseByteRange(header: string, size: number): { start: number; end: number } | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return undefined;
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start <= end && start < size ? { start, end } : undefined;
}

/** How long one listener's playback of one recording counts as one (range requests while seeking). */
const PLAYBACK_WINDOW_MS = 10 * 60 * 1000;

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema };

/**
 * Recordings (全通話録音): the agent's pause/resume of their call's recording; search, detail,
 * playback and download with HTTP Range, and retention extension for supervisors (their
 * groups) and administrators (the tenant).
 * @remarks Every playback and download is audited: the first request of a listener for a
 * recording, then again after {@link PLAYBACK_WINDOW_MS}; the range requests of seeking in
 * between are not separate playbacks.
 */
export function recordingRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    const lastAudited = new Map<string, number>();
    /** True when this listener's use of this recording is not yet in the audit log. */
    const needsAudit = (key: string): boolean => {
      const now = Date.now();
      for (const [seen, at] of lastAudited) if (now - at > PLAYBACK_WINDOW_MS) lastAudited.delete(seen);
      if (lastAudited.has(key)) return false;
      lastAudited.set(key, now);
      return true;
    };

    for (const action of ['pause', 'resume'] as const) {
      app.post(
        `/api/call-records/by-call-id/:sipCallId/recording/${action}`,
        {
          schema: {
            tags: ['recordings'],
            summary: action === 'pause' ? 'Pause the recording of my call (where the queue allows)' : 'Resume the recording of my call',
            params: z.object({ sipCallId: sipCallIdSchema }),
            response: { 200: recordingFlagSchema, ...errors },
          },
        },
        async (request) => {
          const actor = requireActor(request);
          const flag =
            action === 'pause'
              ? await deps.recordings.pause(actor, originOf(request), request.params.sipCallId)
              : await deps.recordings.resume(actor, originOf(request), request.params.sipCallId);
          return flagDto(flag);
        },
      );
    }

    app.get(
      '/api/call-records/by-call-id/:sipCallId/recording',
      {
        schema: {
          tags: ['recordings'],
          summary: 'Whether my call is being recorded, or paused (the softphone’s flag)',
          params: z.object({ sipCallId: sipCallIdSchema }),
          response: { 200: recordingFlagSchema, ...errors },
        },
      },
      async (request) => flagDto(await deps.recordings.flag(requireActor(request), request.params.sipCallId)),
    );

    app.get(
      '/api/recordings',
      {
        schema: {
          tags: ['recordings'],
          summary: 'Search recordings by date, agent, number, category and queue (supervisors: their groups; administrators: all)',
          querystring: searchQuerySchema,
          response: { 200: recordingPageSchema, ...errors },
        },
      },
      async (request) => {
        const query = request.query;
        const [beforeAt, beforeId] = query.before?.split('_') ?? [];
        const before = beforeAt !== undefined && beforeId !== undefined ? { startedAt: new Date(beforeAt), id: beforeId } : undefined;
        if (before !== undefined && Number.isNaN(before.startedAt.getTime())) throw new DomainError('validation', 'before: must be a cursor from a previous page');
        const items = await deps.recordings.search(requireActor(request), originOf(request), {
          from: query.from === undefined ? undefined : new Date(query.from),
          to: query.to === undefined ? undefined : new Date(query.to),
          agentId: query.agentId,
          number: query.number,
          categoryId: query.categoryId,
          queueId: query.queueId,
          before,
          limit: query.limit,
        });
        const last = items.at(-1);
        return {
          items: items.map(listItemDto),
          next: items.length === query.limit && last !== undefined ? `${last.recording.startedAt.toISOString()}_${last.recording.id}` : null,
        };
      },
    );

    app.get(
      '/api/recordings/:id',
      {
        schema: {
          tags: ['recordings'],
          summary: 'One recording with its waveform peaks',
          params: z.object({ id: idSchema }),
          response: { 200: recordingDetailSchema, ...errors },
        },
      },
      async (request) => {
        const recording = await deps.recordings.get(requireActor(request), request.params.id);
        return { ...recordingDto(recording), peaks: recording.peaks === null ? null : { customer: [...recording.peaks.customer], agent: [...recording.peaks.agent] } };
      },
    );

    app.get(
      '/api/recordings/:id/audio',
      {
        schema: {
          tags: ['recordings'],
          summary: 'The recording’s WAV (2 channels, 8 kHz μ-law: customer left, agent right), with HTTP Range for seeking; audited. 404 once the retention job deleted it',
          params: z.object({ id: idSchema }),
          querystring: z.object({ download: z.enum(['0', '1']).optional() }),
          produces: ['audio/wav'],
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const download = request.query.download === '1';
        const audited = needsAudit(`${actor.userId}:${request.params.id}:${download ? 'download' : 'play'}`);
        const audio = await deps.recordings.audio(actor, originOf(request), request.params.id, { download, audited });
        const size = (await stat(audio.file).catch(() => undefined))?.size;
        if (size === undefined) throw new DomainError('not-found', 'the recording’s file is missing');
        void reply.header('accept-ranges', 'bytes').header('content-type', 'audio/wav').header('cache-control', 'private, no-store');
        if (download) void reply.header('content-disposition', `attachment; filename="recording-${audio.recording.id}.wav"`);
        const rangeHeader = request.headers.range;
        if (rangeHeader === undefined) {
          void reply.header('content-length', size);
          return reply.send(createReadStream(audio.file));
        }
        const range = parseByteRange(rangeHeader, size);
        if (range === undefined) {
          return reply
            .status(416)
            .header('content-range', `bytes */${size}`)
            .header('content-type', 'application/json')
            .send(JSON.stringify({ error: { code: 'range-not-satisfiable', message: `the recording has ${size} bytes` } }));
        }
        void reply
          .status(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
          .header('content-length', range.end - range.start + 1);
        return reply.send(createReadStream(audio.file, { start: range.start, end: range.end }));
      },
    );

    app.post(
      '/api/recordings/:id/extend',
      {
        schema: {
          tags: ['recordings'],
          summary: 'Keep a recording 180 days longer (supervisors of its group, administrators); audited',
          params: z.object({ id: idSchema }),
          response: { 200: recordingSchema, ...errors },
        },
      },
      async (request) => recordingDto(await deps.recordings.extend(requireActor(request), originOf(request), request.params.id)),
    );

    app.post(
      '/api/recordings/:id/end-retention',
      {
        schema: {
          tags: ['recordings'],
          summary: 'End a recording’s retention now (administrators; an erasure request, 消去請求): the retention job deletes it at its next run; audited with the reason',
          params: z.object({ id: idSchema }),
          body: recordingRetentionEndSchema,
          response: { 200: recordingSchema, ...errors },
        },
      },
      async (request) => recordingDto(await deps.recordings.endRetention(requireActor(request), originOf(request), request.params.id, request.body.reason)),
    );
  };
}
