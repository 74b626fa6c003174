import type { FastifyRequest } from 'fastify';
import type { Actor, RequestOrigin } from '../domain/identity/actor';
import { DomainError } from '../domain/errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, set by the auth plugin when the session cookie is valid. */
    actor: Actor | undefined;
    /** The session's cookie token (for sign-out). */
    sessionToken: string | undefined;
  }
}

/** The signed-in actor; 401 when there is none. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('unauthenticated', 'sign in first');
  return request.actor;
}

/** Where the request came from, for the audit log. */
export function originOf(request: FastifyRequest): RequestOrigin {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}
