import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../../../src/contract/errors';
import { DomainError } from '../../domain/errors';
import { announcementKeyPattern, QueueMediaError } from '../../media/queue-media';
import type { AppDependencies } from '../app';
import { requirePbx } from './pbx-routes';

/** The largest SDP offer accepted; a browser's with ICE candidates is 2–5 KiB. */
export const maxSdpBytes = 16 * 1024;

const sipCallId = z.string().min(1).max(256);
/** A SIP tag (RFC 3261 `token`). */
const sipTag = z.string().regex(/^[A-Za-z0-9.!%*_+`'~-]{1,128}$/, 'must be a SIP tag (1 to 128 token characters)');

const callQuerySchema = z.object({ call: sipCallId, from: sipTag });

const playQuerySchema = callQuerySchema.extend({
  announcement: z.string().regex(announcementKeyPattern, 'must be an announcement key (1 to 40 lower-case letters, digits, -)'),
  mode: z.enum(['loop', 'once']),
  webrtc: z.enum(['0', '1']).transform((value) => value === '1'),
});

/**
 * The answer of `POST /api/pbx/queue-media`: one compact JSON line, the SDP's line breaks
 * escaped, so Kamailio's http_client (first line of the body) and jansson get all of it.
 */
export const queueMediaAnswerSchema = z.object({
  /** The SDP for the caller's 183 Session Progress (rtpengine's address and ports). */
  sdp: z.string(),
  /** The announcement's length in whole seconds, rounded up. */
  seconds: z.number().int(),
});

/** Maps the service's refusal to the PBX's status: 400 bad offer, 404 announcement, 503 relay. */
function replyToQueueMediaError(error: QueueMediaError, reply: FastifyReply): FastifyReply {
  switch (error.kind) {
    case 'bad-offer':
      throw new DomainError('validation', error.message, [{ path: 'body', message: error.message }]);
    case 'unknown-announcement':
      throw new DomainError('not-found', error.message);
    case 'no-relay':
    case 'relay-failed':
      // Kamailio releases the caller with 503; say why in the service's log too.
      reply.log.warn({ kind: error.kind }, error.message);
      return reply.status(503).send({ error: { code: 'media-unavailable', message: error.message } });
    default: {
      const unexpected: never = error.kind;
      throw new Error(`unknown queue media error ${String(unexpected)}`);
    }
  }
}

/**
 * Early media for callers waiting in a queue: the PBX hands the service the caller's SDP
 * offer, the service has rtpengine answer it and play the queue's announcement or hold music.
 *
 * @remarks
 * `POST /api/pbx/queue-media?call=<Call-ID>&from=<From tag>&announcement=queue-wait&mode=loop&webrtc=0`
 * with the caller's SDP offer as the raw body → `{"sdp":"v=0\r\n…","seconds":10}`: Kamailio
 * sends the caller a 183 Session Progress with that SDP while rtpengine plays
 * `<TSUNAGU_MEDIA_DIR>/queue-wait.wav` (`mode=loop` until stopped, `once` a single time;
 * `webrtc=1` when the caller is a browser). Calling it again for the same call replaces what
 * plays. 400 for a body that is not an SDP audio offer, 404 for an unknown announcement,
 * 503 `media-unavailable` when no relay is configured or rtpengine fails.
 *
 * `POST /api/pbx/queue-media/stop?call=<Call-ID>&from=<From tag>` → `{"stopped":true}`, just
 * before the call rings an agent: the playback stops and the stand-in's dialog ends (the branch
 * toward the agent starts the media afresh, see `QueueMedia`). Idempotent.
 *
 * Kamailio's http_client can only POST `application/x-www-form-urlencoded`, so that type (and
 * `application/sdp`) is read here as the raw SDP, in this plugin's scope only.
 */
export function pbxMediaRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(['application/x-www-form-urlencoded', 'application/sdp'], { parseAs: 'string', bodyLimit: maxSdpBytes }, (_request, body, done) => {
      done(null, body);
    });
    const onRequest = async (request: Parameters<typeof requirePbx>[0]) => requirePbx(request, deps.config.pbxToken);

    app.post(
      '/api/pbx/queue-media',
      {
        schema: {
          tags: ['pbx'],
          summary: 'Play a queue’s announcement or hold music to a waiting caller as early media; returns the 183’s SDP (PBX only)',
          security: [{ pbx: [] }],
          querystring: playQuerySchema,
          response: { 200: queueMediaAnswerSchema, 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema, 503: errorResponseSchema },
        },
        onRequest,
      },
      async (request, reply) => {
        const sdp = typeof request.body === 'string' ? request.body : '';
        const { call, from, announcement, mode, webrtc } = request.query;
        try {
          return await deps.queueMedia.play({ callId: call, fromTag: from, announcement, mode, webrtc, sdp });
        } catch (error) {
          if (error instanceof QueueMediaError) return replyToQueueMediaError(error, reply);
          throw error;
        }
      },
    );

    app.post(
      '/api/pbx/queue-media/stop',
      {
        schema: {
          tags: ['pbx'],
          summary: 'Stop what plays to a waiting caller, before the call rings an agent (PBX only)',
          security: [{ pbx: [] }],
          querystring: callQuerySchema,
          response: { 200: z.object({ stopped: z.literal(true) }), 400: errorResponseSchema, 401: errorResponseSchema, 503: errorResponseSchema },
        },
        onRequest,
      },
      async (request, reply) => {
        try {
          await deps.queueMedia.stop({ callId: request.query.call, fromTag: request.query.from });
          return { stopped: true as const };
        } catch (error) {
          if (error instanceof QueueMediaError) return replyToQueueMediaError(error, reply);
          throw error;
        }
      },
    );
  };
}
