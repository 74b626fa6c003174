import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../../../src/contract/errors';
import { agentStateSchema } from '../../../../src/contract/events';
import { DomainError } from '../../domain/errors';
import type { AppDependencies } from '../app';

/**
 * The answer to the PBX's offer check: one compact JSON line (Kamailio's http_client keeps the
 * first line of a body).
 */
export const callOfferSchema = z.object({
  offer: z.boolean(),
  /** 200: route the call to the phone; 480 or 486: answer the caller with this status instead. */
  sipStatus: z.union([z.literal(200), z.literal(480), z.literal(486)]),
  /** Reason phrase for the SIP response, plain ASCII. */
  sipReason: z.string(),
  /** The agent's state; null when the extension is not one of the service's agents. */
  state: agentStateSchema.nullable(),
});

const offerQuerySchema = z.object({
  /** The called extension (the Request-URI user). */
  user: z.string().regex(/^[0-9A-Za-z._-]{1,32}$/, 'must be an extension (1 to 32 letters, digits, . _ -)'),
});

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * Only the PBX holds the token: it comes from the stack in a file readable by its owner only.
 * Compared by digest in constant time, so neither its content nor its length leaks by timing.
 * @remarks Every `/api/pbx/*` endpoint runs this `onRequest`, before validation.
 */
export function requirePbx(request: FastifyRequest, token: string | undefined): void {
  const presented = /^Bearer ([^\s]+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (token === undefined) throw new DomainError('unauthenticated', 'the PBX endpoints are not configured on this service (TSUNAGU_PBX_TOKEN)');
  if (presented === undefined || !timingSafeEqual(digest(presented), digest(token))) {
    throw new DomainError('unauthenticated', 'this endpoint is for the PBX only: send its bearer token');
  }
}

/**
 * Endpoints for the PBX, not for browsers: authenticated by the bearer token shared with
 * Kamailio, never by a session.
 */
export function pbxRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/pbx/offer',
      {
        schema: {
          tags: ['pbx'],
          summary: 'Whether the PBX offers a new call to an extension, by its agent state (PBX only)',
          security: [{ pbx: [] }],
          querystring: offerQuerySchema,
          response: { 200: callOfferSchema, 400: errorResponseSchema, 401: errorResponseSchema },
        },
        // Before validation: a caller without the token learns nothing, not even what a valid query is.
        onRequest: async (request) => requirePbx(request, deps.config.pbxToken),
      },
      async (request) => deps.agentStates.offerFor(request.query.user),
    );
  };
}
