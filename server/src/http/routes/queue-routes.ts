import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../../../src/contract/errors';
import {
  holidayListSchema,
  holidayQuerySchema,
  hoursOverrideChangeSchema,
  queueListSchema,
  queueRecordingPolicySchema,
  queueRecordingsExtendedSchema,
  queueSchema,
  type QueueDto,
} from '../../../../src/contract/queues';
import { japaneseHolidays } from '../../domain/calendar/japanese-holidays';
import type { QueueView } from '../../domain/queues/queue';
import type { AppDependencies } from '../app';
import { originOf, requireActor } from '../request-context';

function toDto(view: QueueView): QueueDto {
  return {
    id: view.id,
    number: view.number,
    nameJa: view.nameJa,
    nameEn: view.nameEn,
    groupId: view.groupId,
    skills: view.skills.map((skill) => ({ ...skill })),
    ringSeconds: view.ringSeconds,
    maxWaitSeconds: view.maxWaitSeconds,
    outboundCallerId: view.outboundCallerId,
    recordCalls: view.recordCalls,
    pauseAllowed: view.recordingPauseAllowed,
    retentionDays: view.recordingRetentionDays,
    schedule: { code: view.schedule.code, nameJa: view.schedule.nameJa, nameEn: view.schedule.nameEn },
    hoursOverride: view.hoursOverride,
    openNow: view.openNow,
    stats: view.stats,
  };
}

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };

/**
 * Queues for people: their live figures, a supervisor's override of business hours, the
 * holiday calendar, an administrator's recording policy and the queue-wide 180-day extension
 * of its recordings.
 */
export function queueRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/queues',
      {
        schema: {
          tags: ['queues'],
          summary: 'My queues with their live figures (administrators: all; supervisors: their groups; agents: the queues they take)',
          response: { 200: queueListSchema, 401: errorResponseSchema },
        },
      },
      async (request) => ({ items: (await deps.queues.list(requireActor(request))).map(toDto) }),
    );

    app.get(
      '/api/calendar/holidays',
      {
        schema: {
          tags: ['queues'],
          summary: "Japan's national holidays, 振替休日 and 国民の休日 of a year (the days queues close on)",
          querystring: holidayQuerySchema,
          response: { 200: holidayListSchema, 400: errorResponseSchema, 401: errorResponseSchema },
        },
      },
      async (request) => {
        requireActor(request);
        return { year: request.query.year, items: japaneseHolidays(request.query.year) };
      },
    );

    app.put(
      '/api/queues/:queueId/hours-override',
      {
        schema: {
          tags: ['queues'],
          summary: "Open or close a queue whatever its business hours, or give it back to its schedule (its group's supervisors, administrators)",
          params: z.object({ queueId: z.uuid() }),
          body: hoursOverrideChangeSchema,
          response: { 200: queueSchema, 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request) => toDto(await deps.queues.setHoursOverride(requireActor(request), originOf(request), request.params.queueId, request.body.override)),
    );

    app.put(
      '/api/queues/:queueId/recording-policy',
      {
        schema: {
          tags: ['queues', 'recordings'],
          summary: "Set whether a queue's calls are recorded, whether agents may pause, and how many days (1–1825) recordings are kept (administrators); audited",
          params: z.object({ queueId: z.uuid() }),
          body: queueRecordingPolicySchema,
          response: { 200: queueSchema, ...errors },
        },
      },
      async (request) => toDto(await deps.queues.setRecordingPolicy(requireActor(request), originOf(request), request.params.queueId, request.body)),
    );

    app.post(
      '/api/queues/:queueId/recordings/extend',
      {
        schema: {
          tags: ['queues', 'recordings'],
          summary: "Keep every retained recording of a queue 180 days longer (its group's supervisors, administrators); one audit entry with the count",
          params: z.object({ queueId: z.uuid() }),
          response: { 200: queueRecordingsExtendedSchema, ...errors },
        },
      },
      async (request) => deps.recordings.extendQueue(requireActor(request), originOf(request), request.params.queueId),
    );
  };
}
