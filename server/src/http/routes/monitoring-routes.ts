import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../../src/contract/common';
import { errorResponseSchema } from '../../../../src/contract/errors';
import {
  monitoringChangeSchema,
  monitoringSessionListSchema,
  monitoringSessionSchema,
  monitoringSessionStatusSchema,
  monitoringStartedSchema,
  monitoringStartSchema,
  type MonitoringSessionDto,
  type MonitoringSessionStatus as MonitoringSessionStatusDto,
} from '../../../../src/contract/monitoring';
import { MonitoringMediaError } from '../../domain/monitoring/monitoring-media';
import type { MonitoringSession, MonitoringSessionStatus } from '../../domain/monitoring/monitoring-service';
import { installPeriodicJob } from '../plugins/periodic-job';
import type { AppDependencies } from '../app';
import { originOf, requireActor } from '../request-context';

/** How often the calls of monitoring sessions are looked at (ended calls, undone whisper). */
export const monitoringSweepIntervalMs = 2_000;

function sessionDto(session: MonitoringSession): MonitoringSessionDto {
  return {
    id: session.id,
    agentId: session.agentId,
    agentName: session.agentName,
    supervisorId: session.supervisorId,
    supervisorName: session.supervisorName,
    sipCallId: session.sipCallId,
    mode: session.mode,
    startedAt: session.startedAt.toISOString(),
  };
}

function statusDto(status: MonitoringSessionStatus): MonitoringSessionStatusDto {
  return { ...sessionDto(status), endedAt: status.endedAt?.toISOString() ?? null, endReason: status.endReason };
}

/** rtpengine unusable: 503 `media-unavailable`, logged with its reason. */
async function onMedia<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof MonitoringMediaError)) throw error;
    reply.log.warn({ kind: error.kind }, error.message);
    return reply.status(503).send({ error: { code: 'media-unavailable', message: 'the media relay is not available for monitoring now; try again shortly' } });
  }
}

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema, 503: errorResponseSchema };

/**
 * Monitoring (通話監視): a supervisor listens to an agent's call, whispers to the agent or barges in.
 *
 * @remarks
 * `POST /api/monitoring/sessions {agentId | sipCallId, mode, sdp}` → 201 `{session, sdp}`: the
 * supervisor's browser sends the SDP offer of its audio leg (an `RTCPeerConnection`, ICE
 * gathered) and gets rtpengine's answer; the service's mixer feeds it the call.
 * `PATCH /api/monitoring/sessions/:id {mode}` switches listen / whisper / barge;
 * `DELETE /api/monitoring/sessions/:id` ends it. `GET /api/monitoring/sessions` lists the
 * sessions the caller may know of, `GET /api/monitoring/sessions/:id` one of them, running or
 * ended (with why: `service-restart` after the service stopped without ending it). 503
 * `media-unavailable` when rtpengine cannot be used.
 *
 * As the service starts, the calls of sessions a previous run left open are put back
 * ({@link MonitoringService.recover}), beside the service answering; what could not be put back
 * is logged with the session's id and tried again by the sweep.
 */
export function monitoringRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    // In the background: with rtpengine unreachable each session waits for its timeouts, and
    // the PBX's questions (offer, route) must be answered meanwhile.
    let recovering: Promise<void> = Promise.resolve();
    app.addHook('onReady', async () => {
      recovering = deps.monitoring.recover().then(
        (recovery) => {
          for (const ended of recovery.ended) app.log.info({ sessionId: ended.sessionId, media: ended.media }, 'monitoring session of the previous run ended (service-restart)');
          for (const failed of recovery.failed) app.log.warn({ sessionId: failed.sessionId, reason: failed.message }, 'monitoring session of the previous run: its call could not be put back yet');
        },
        (error: unknown) => app.log.error({ err: error }, 'monitoring recovery failed: sessions of the previous run are tried again by the sweep'),
      );
      return Promise.resolve();
    });
    app.addHook('onClose', async () => recovering);
    installPeriodicJob(app, 'monitoring sweep', () => deps.monitoring.sweep(), monitoringSweepIntervalMs);
    app.addHook('onClose', async () => deps.monitoring.closeAll());

    app.get(
      '/api/monitoring/sessions',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Monitoring sessions on the calls I may see (an agent: on my calls, where policy tells agents)',
          response: { 200: monitoringSessionListSchema, 401: errorResponseSchema },
        },
      },
      async (request) => ({ items: deps.monitoring.list(requireActor(request)).map(sessionDto) }),
    );

    app.get(
      '/api/monitoring/sessions/:id',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'One monitoring session, running or ended (and why it ended)',
          params: z.object({ id: idSchema }),
          response: { 200: monitoringSessionStatusSchema, 401: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request) => statusDto(await deps.monitoring.find(requireActor(request), request.params.id)),
    );

    app.post(
      '/api/monitoring/sessions',
      {
        schema: {
          tags: ['monitoring'],
          summary: "Listen to an agent's call (or whisper, or barge in): the SDP answer for my audio leg",
          body: monitoringStartSchema,
          response: { 201: monitoringStartedSchema, ...errors },
        },
      },
      async (request, reply) =>
        onMedia(reply, async () => {
          const started = await deps.monitoring.start(requireActor(request), originOf(request), request.body);
          return reply.status(201).send({ session: sessionDto(started.session), sdp: started.sdp });
        }),
    );

    app.patch(
      '/api/monitoring/sessions/:id',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Switch my monitoring between listen, whisper and barge',
          params: z.object({ id: idSchema }),
          body: monitoringChangeSchema,
          response: { 200: monitoringSessionSchema, ...errors },
        },
      },
      async (request, reply) =>
        onMedia(reply, async () => sessionDto(await deps.monitoring.change(requireActor(request), originOf(request), request.params.id, request.body.mode))),
    );

    app.delete(
      '/api/monitoring/sessions/:id',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'End monitoring: the call goes on as before',
          params: z.object({ id: idSchema }),
          response: { 204: z.null(), 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request, reply) => {
        await deps.monitoring.stop(requireActor(request), originOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
