import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceConfig } from '../config';
import type { Database } from '../db/database';
import type { Clock } from '../domain/clock';
import type { Services } from '../services';
import { installAuth } from './plugins/auth';
import { installErrorHandler } from './plugins/error-handler';
import { installPeriodicJob, queueSweepIntervalMs, recordingSweepIntervalMs, sessionSweepIntervalMs } from './plugins/periodic-job';
import { routeModules } from './routes';

declare module 'fastify' {
  interface FastifyInstance {
    /** Method and URL pattern of every API route (for the access-matrix test). */
    apiRoutes: readonly { method: string; url: string }[];
  }
}

/** Everything the HTTP layer needs; built by `server.ts` or by tests. */
export interface AppDependencies extends Services {
  readonly config: ServiceConfig;
  readonly database: Database;
  readonly clock: Clock;
}

/**
 * Builds the CTI service's HTTP app without listening, so tests can `inject()` requests.
 * @remarks Routes are thin: validate with the contract's zod schemas, call the domain, shape
 * the response. OpenAPI is generated from the same schemas and served at /api/docs.
 */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      deps.config.logLevel === 'silent'
        ? false
        : {
            level: deps.config.logLevel,
            // Never log credentials or session material.
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          },
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const staticDir = deps.config.staticDir && existsSync(path.join(deps.config.staticDir, 'index.html')) ? path.resolve(deps.config.staticDir) : undefined;
  installErrorHandler(app, { spaFallback: staticDir !== undefined });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(websocket);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Tsunagu CTI service', version: '0.1.0', description: 'Identity, call records, customers, FAQ, audit and live events.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tsunagu_session' }, pbx: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installAuth(app, deps.identity);
  // Agents whose sessions expired without a sign-out go offline, so supervisors see them leave.
  installPeriodicJob(app, 'session sweep', () => deps.agentStates.sweepExpiredSessions(), sessionSweepIntervalMs);
  // Queue calls the PBX lost track of stop counting as waiting.
  installPeriodicJob(app, 'queue sweep', () => deps.queues.sweepLostCalls(), queueSweepIntervalMs);
  // Recordings: finish those whose call rtpengine no longer relays; delete what outlived its retention.
  installPeriodicJob(app, 'recording sweep', () => deps.recordings.sweep(), recordingSweepIntervalMs);
  installPeriodicJob(app, 'recording retention', () => deps.recordings.deleteExpired(), deps.config.recordings.retentionIntervalSeconds * 1000);
  app.addHook('onClose', async () => deps.recordings.stopAll());

  // Every API route, so the access-matrix test can prove none is left out of it.
  const registered: { method: string; url: string }[] = [];
  app.decorate('apiRoutes', registered);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    for (const method of [route.method].flat()) if (method !== 'HEAD') registered.push({ method, url: route.url });
  });

  for (const routes of routeModules) await app.register(routes(deps));

  if (staticDir) await app.register(fastifyStatic, { root: staticDir, wildcard: false });
  return app;
}
