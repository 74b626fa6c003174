import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors';
import type { IdentityService } from '../../domain/identity/identity-service';

/** Name of the session cookie. */
export const sessionCookie = 'tsunagu_session';
/** Header that must carry the session's CSRF token on every state-changing request. */
export const csrfHeader = 'x-csrf-token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session cookie into `request.actor`, and refuses a state-changing request of a
 * signed-in session that lacks the matching CSRF header (double submit: the token is only
 * readable by our own pages, which received it in the session response).
 */
export function installAuth(app: FastifyInstance, identity: IdentityService): void {
  app.decorateRequest('actor', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const session = await identity.resolve(token);
    if (!session) return;
    // Signing in again replaces the session, so it needs no token of the old one.
    if (!safeMethods.has(request.method) && request.url !== '/api/auth/login') {
      const sent = request.headers[csrfHeader];
      if (sent !== session.csrfToken) throw new DomainError('csrf', 'missing or wrong CSRF token; reload the page');
    }
    request.actor = session.actor;
    request.sessionToken = token;
  });
}
