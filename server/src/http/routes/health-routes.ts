import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDependencies } from '../app';

/** Liveness and readiness for monitoring (SLA: failures detected within 30 minutes). */
export function healthRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['operations'],
          summary: 'Service and database health',
          response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
        },
      },
      async () => {
        await deps.database.db.execute(sql`select 1`);
        return { status: 'ok' as const, database: deps.database.kind };
      },
    );
  };
}
