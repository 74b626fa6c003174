import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../../../src/contract/errors';
import type { AppDependencies } from '../app';
import { withFieldsIn } from './field-location';
import { requirePbx } from './pbx-routes';

const extension = z.string().regex(/^[0-9A-Za-z._-]{1,32}$/, 'must be an extension (1 to 32 letters, digits, . _ -)');
/** The dialled number, as Kamailio has it in the Request-URI user (any number may be asked about). */
const dialled = z.string().regex(/^[0-9A-Za-z.*#+_-]{1,32}$/, 'must be a dialled number (1 to 32 digits, letters, . * # + _ -)');
const sipCallId = z.string().min(1).max(256);
/** The caller's number as presented (From user); empty or absent when withheld. */
const caller = z
  .string()
  .max(64)
  .optional()
  .transform((value) => (value ? value : null));

const routeQuerySchema = z.object({
  queue: dialled,
  call: sipCallId,
  caller,
  /** Extensions already rung for this call in this round, comma-separated: `1001,1002`. */
  tried: z
    .string()
    .max(1000)
    .optional()
    .transform((value) => (value ? value.split(',').map((item) => item.trim()).filter((item) => item !== '') : []))
    .pipe(z.array(extension).max(100)),
});

/**
 * The answer of `GET /api/pbx/route`: one compact JSON line with flat fields (Kamailio reads
 * them with its json module, e.g. `json_get_field($var(answer), "action", "$var(action)")`).
 */
export const routingDecisionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('ring'),
    queueId: z.uuid(),
    queueNumber: z.string(),
    /** The agent's extension to ring (the Request-URI user for `lookup("location")`). */
    extension: z.string(),
    /** Ring this long (e.g. `t_set_fr(ringSeconds * 1000)`), then ask again with `extension` added to `tried`. */
    ringSeconds: z.number().int(),
    /** Whether the queue's calls are recorded (全通話録音), for the media relay. */
    record: z.boolean(),
  }),
  z.object({
    action: z.literal('wait'),
    queueId: z.uuid(),
    queueNumber: z.string(),
    /** Key of the message or music to play while waiting. */
    announcement: z.string(),
    maxWaitSeconds: z.number().int(),
    /** Seconds left before the service releases the call as abandoned. */
    remainingSeconds: z.number().int(),
    /** Ask again after this many seconds, with an empty `tried` (a new round). */
    retrySeconds: z.number().int(),
  }),
  z.object({ action: z.literal('closed'), queueId: z.uuid(), queueNumber: z.string(), announcement: z.string() }),
  z.object({ action: z.literal('abandon'), queueId: z.uuid(), queueNumber: z.string(), announcement: z.string() }),
  /** The call was already answered: ring no one, play nothing (the PBX never needs to ask then). */
  z.object({ action: z.literal('none'), queueId: z.uuid(), queueNumber: z.string() }),
  z.object({ action: z.literal('unknown') }),
]);

const queueEventQuerySchema = z.object({
  queue: dialled,
  call: sipCallId,
  event: z.enum(['entered', 'ringing', 'no-answer', 'answered', 'abandoned', 'after-hours']),
  /** The agent's extension: required with `ringing` and `answered`. */
  extension: extension.optional(),
  caller,
});

const callerIdQuerySchema = z.object({
  /** The calling agent's extension (the From user of the INVITE to the phone network). */
  extension,
  /** The queue the call is made for, when the softphone or a dial prefix says so. */
  queue: dialled.optional(),
});

/** The answer of `GET /api/pbx/caller-id`: the number to present, and which rule chose it. */
export const outboundCallerIdSchema = z.object({
  callerId: z.string().nullable(),
  source: z.enum(['queue', 'agent', 'group', 'none']),
});

/**
 * The PBX's side of queue routing, authenticated like `GET /api/pbx/offer` by the bearer token
 * shared with Kamailio (`TSUNAGU_PBX_TOKEN`), never by a session.
 *
 * @remarks
 * `GET /api/pbx/route?queue=2001&call=<Call-ID>&caller=<number>&tried=1001,1002` — who takes a
 * call to a queue number: `{"action":"ring","extension":"1002","ringSeconds":15,…}`,
 * `{"action":"wait","announcement":"queue-wait","retrySeconds":5,…}`,
 * `{"action":"closed","announcement":"after-hours",…}`, `{"action":"abandon","announcement":"queue-full",…}`,
 * `{"action":"none",…}` (the call was already answered: ring no one, play nothing) or
 * `{"action":"unknown"}` (not a queue). The first question about a Call-ID enters the call
 * in the queue; every value in the query is URL-encoded (`$(ci{s.encode.uri})`… in Kamailio).
 *
 * `POST /api/pbx/queue-events?queue=2001&call=<Call-ID>&event=answered&extension=1002` — what
 * happened: `entered`, `ringing` (extension), `no-answer`, `answered` (extension), `abandoned`
 * (the caller hung up), `after-hours`; no body (or any), answer `{"recorded":true}`; 404 for a
 * number that is no queue, 400 naming the missing `extension`.
 *
 * `GET /api/pbx/caller-id?extension=1001&queue=2001` — the number a call to the phone network
 * presents (From / P-Asserted-Identity toward the gateway): `{"callerId":"0312345678","source":"queue"}`;
 * `{"callerId":null,"source":"none"}` when no rule gives one.
 */
export function pbxQueueRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    const onRequest = async (request: Parameters<typeof requirePbx>[0]) => requirePbx(request, deps.config.pbxToken);
    // Kamailio's http_client posts with curl's default form type (it cannot leave the body out of
    // a POST); these endpoints read the query only, so any such body is taken and ignored.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, body, done) => done(null, body));

    app.get(
      '/api/pbx/route',
      {
        schema: {
          tags: ['pbx'],
          summary: 'Who takes a call to a queue number, or what the caller hears (PBX only)',
          security: [{ pbx: [] }],
          querystring: routeQuerySchema,
          response: { 200: routingDecisionSchema, 400: errorResponseSchema, 401: errorResponseSchema },
        },
        onRequest,
      },
      async (request) =>
        deps.queues.route({ queue: request.query.queue, sipCallId: request.query.call, caller: request.query.caller, tried: request.query.tried }),
    );

    app.get(
      '/api/pbx/caller-id',
      {
        schema: {
          tags: ['pbx'],
          summary: 'The caller ID an agent’s call to the phone network presents, by queue or agent (PBX only)',
          security: [{ pbx: [] }],
          querystring: callerIdQuerySchema,
          response: { 200: outboundCallerIdSchema, 400: errorResponseSchema, 401: errorResponseSchema },
        },
        onRequest,
      },
      async (request) => deps.queues.outboundCallerId(request.query.extension, request.query.queue ?? null),
    );

    app.post(
      '/api/pbx/queue-events',
      {
        schema: {
          tags: ['pbx'],
          summary: 'The PBX reports a queue call entering, ringing, answered, abandoned or released after hours (PBX only)',
          security: [{ pbx: [] }],
          querystring: queueEventQuerySchema,
          response: { 200: z.object({ recorded: z.literal(true) }), 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema },
        },
        onRequest,
      },
      async (request) => {
        const { queue, call, event, extension: agentExtension, caller: from } = request.query;
        await withFieldsIn('querystring', () => deps.queues.report({ queue, sipCallId: call, event, extension: agentExtension ?? null, caller: from }));
        return { recorded: true as const };
      },
    );
  };
}
