import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { LiveEvent } from '../../../../src/contract/events';
import type { AppDependencies } from '../app';
import { requireActor } from '../request-context';

/**
 * The live-events WebSocket: agent-state and call events, filtered per subscriber.
 * @remarks Authenticated by the session cookie like every request. The Origin must be this
 * service's own host, so another site cannot open the socket with the agent's cookie
 * (cross-site WebSocket hijacking).
 */
export function eventRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      method: 'GET',
      url: '/api/events',
      schema: { tags: ['events'], summary: 'Live events (WebSocket upgrade required)' },
      // A plain GET (no upgrade) gets a clear answer instead of a bare 404.
      handler: (request, reply) => {
        requireActor(request);
        return reply.status(426).send({ error: { code: 'validation', message: 'open this URL as a WebSocket' } });
      },
      wsHandler: (socket, request) => {
        const actor = request.actor;
        const origin = request.headers.origin;
        if (!actor) {
          socket.close(4401, 'sign in first');
          return;
        }
        if (origin !== undefined && new URL(origin).host !== request.headers.host) {
          socket.close(4403, 'cross-origin WebSocket refused');
          return;
        }
        const send = (event: LiveEvent) => socket.send(JSON.stringify(event));
        send({ type: 'hello', at: deps.clock().toISOString(), subscriber: actor.userId });
        const unsubscribe = deps.liveEvents.subscribe(actor, send);
        socket.on('close', unsubscribe);
      },
    });
  };
}
