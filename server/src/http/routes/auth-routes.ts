import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginRequestSchema, sessionResponseSchema, type SessionResponse } from '../../../../src/contract/auth';
import { errorResponseSchema } from '../../../../src/contract/errors';
import type { Actor } from '../../domain/identity/actor';
import type { SipCredentials } from '../../domain/identity/sip-credentials';
import type { AppDependencies } from '../app';
import { sessionCookie } from '../plugins/auth';
import { originOf, requireActor } from '../request-context';

function sessionResponse(deps: AppDependencies, actor: Actor, csrfToken: string, expiresAt: Date, sip: SipCredentials | undefined): SessionResponse {
  return {
    user: {
      id: actor.userId,
      tenantId: actor.tenantId,
      username: actor.username,
      displayName: actor.displayName,
      role: actor.role,
      groupIds: [...actor.groupIds],
      sipUser: actor.sipUser,
    },
    csrfToken,
    expiresAt: expiresAt.toISOString(),
    sip:
      sip && actor.sipUser
        ? {
            server: deps.config.sip.wsUrl,
            domain: deps.config.sip.domain,
            user: actor.sipUser,
            username: sip.username,
            password: sip.password,
            expiresAt: sip.expiresAt.toISOString(),
          }
        : null,
  };
}

function loginName(body: unknown): string {
  const username = (body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username.trim().toLowerCase() : '';
}

/** Sign-in, the current session (with fresh SIP credentials) and sign-out. */
export function authRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in with user name and password',
          body: loginRequestSchema,
          response: { 200: sessionResponseSchema, 401: errorResponseSchema, 409: errorResponseSchema, 429: errorResponseSchema },
        },
        config: {
          rateLimit: {
            max: deps.config.loginRateLimitPerMinute,
            timeWindow: '1 minute',
            // Per address *and* user name: a whole centre signs in from one NAT address at 9:00,
            // while guessing one account's password stays slow.
            hook: 'preHandler',
            keyGenerator: (request) => `${request.ip}|${loginName(request.body)}`,
          },
        },
      },
      async (request, reply) => {
        const signedIn = await deps.identity.login(request.body.username, request.body.password, originOf(request));
        await deps.agentStates.signedIn(signedIn.actor);
        void reply.setCookie(sessionCookie, signedIn.token, {
          httpOnly: true,
          secure: deps.config.cookieSecure,
          sameSite: 'strict',
          path: '/',
          expires: signedIn.expiresAt,
        });
        return sessionResponse(deps, signedIn.actor, signedIn.csrfToken, signedIn.expiresAt, signedIn.sip);
      },
    );

    app.get(
      '/api/auth/session',
      { schema: { tags: ['auth'], summary: 'The current session, with fresh SIP credentials', response: { 200: sessionResponseSchema, 401: errorResponseSchema } } },
      async (request) => {
        const actor = requireActor(request);
        const session = request.sessionToken ? await deps.identity.resolve(request.sessionToken) : undefined;
        if (!session) throw new Error('session vanished between hooks');
        return sessionResponse(deps, actor, session.csrfToken, session.expiresAt, deps.identity.sipCredentialsFor(actor));
      },
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], summary: 'Sign out and free the seat', response: { 204: z.null(), 401: errorResponseSchema } } },
      async (request, reply) => {
        const actor = requireActor(request);
        if (request.sessionToken) await deps.identity.logout(request.sessionToken, actor, originOf(request));
        // No call is offered to someone who has left.
        await deps.agentStates.signedOut(actor);
        void reply.clearCookie(sessionCookie, { path: '/' });
        return reply.status(204).send(null);
      },
    );
  };
}
