import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../../../src/contract/errors';
import type { AppDependencies } from '../app';
import { requirePbx } from './pbx-routes';

const sipCallId = z.string().min(1).max(256);
const tag = z.string().min(1).max(256);
/** A SIP user as Kamailio has it (From / To user): digits, letters, . * # + _ -; empty when withheld. */
const sipUser = z
  .string()
  .max(64)
  .regex(/^[0-9A-Za-z.*#+_-]*$/, 'must be a SIP user (digits, letters, . * # + _ -)')
  .optional()
  .transform((value) => (value ? value : null));

const startQuerySchema = z.object({
  call: sipCallId,
  /** From tag of the INVITE. */
  from: tag,
  /** To tag of the 2xx. */
  to: tag,
  caller: sipUser,
  callee: z.string().min(1).max(64).regex(/^[0-9A-Za-z.*#+_-]+$/, 'must be the dialled SIP user'),
  /** The queue number the call came through. */
  queue: sipUser,
  /** The extension of the agent who answered a queue call. */
  agent: sipUser,
});

/** The answer of `POST /api/pbx/recordings/start`: one compact JSON line. */
export const recordingDecisionSchema = z.object({
  recording: z.boolean(),
  recordingId: z.uuid().optional(),
  /** Why it is not recorded: `policy` (the queue does not record), `no-agent`, `no-relay`, `failed`, `already`. */
  reason: z.enum(['policy', 'no-agent', 'no-relay', 'failed', 'already']).optional(),
});

/**
 * The PBX's side of recording (全通話録音), authenticated by the PBX's bearer token like every
 * `/api/pbx/*` endpoint, never by a session: a browser cannot start or stop a recording.
 *
 * @remarks
 * `POST /api/pbx/recordings/start?call=<Call-ID>&from=<From tag>&to=<To tag>&caller=<From user>&callee=<To user>[&queue=2001&agent=1002]`
 * — Kamailio's `route[RECORDING_START]` on the first 2xx of an initial INVITE: the service
 * subscribes to the two parties' media in rtpengine and records them, unless the queue's
 * policy says not to. Always 200 (`{"recording":false,"reason":"failed"}` when rtpengine
 * refused): a recording never holds up or drops a call.
 *
 * `POST /api/pbx/recordings/stop?call=<Call-ID>` — `route[RECORDING_STOP]` on BYE: the file
 * is finished; `{"stopped":false}` for a call that was not being recorded.
 */
export function pbxRecordingRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    const onRequest = async (request: Parameters<typeof requirePbx>[0]) => requirePbx(request, deps.config.pbxToken);
    // Kamailio's http_client posts a form body (it cannot leave the body out of a POST); the
    // query carries everything, the body is taken and ignored.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, body, done) => done(null, body));

    app.post(
      '/api/pbx/recordings/start',
      {
        schema: {
          tags: ['pbx'],
          summary: 'An answered call: record it as its queue’s policy says (PBX only)',
          security: [{ pbx: [] }],
          querystring: startQuerySchema,
          response: { 200: recordingDecisionSchema, 400: errorResponseSchema, 401: errorResponseSchema },
        },
        onRequest,
      },
      async (request) => {
        const query = request.query;
        const decision = await deps.recordings.startFromPbx({
          sipCallId: query.call,
          fromTag: query.from,
          toTag: query.to,
          caller: query.caller,
          callee: query.callee,
          queue: query.queue,
          agent: query.agent,
        });
        if (!decision.recording && decision.reason === 'failed') request.log.warn({ sipCallId: query.call }, 'the call could not be recorded (rtpengine refused the subscription)');
        return decision;
      },
    );

    app.post(
      '/api/pbx/recordings/stop',
      {
        schema: {
          tags: ['pbx'],
          summary: 'A call ended: finish its recording (PBX only)',
          security: [{ pbx: [] }],
          querystring: z.object({ call: sipCallId }),
          response: { 200: z.object({ stopped: z.boolean() }), 400: errorResponseSchema, 401: errorResponseSchema },
        },
        onRequest,
      },
      async (request) => ({ stopped: await deps.recordings.stop(request.query.call) }),
    );
  };
}
