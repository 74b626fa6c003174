import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPageSchema, auditQuerySchema } from '../../../../src/contract/audit';
import { errorResponseSchema } from '../../../../src/contract/errors';
import { requireRole } from '../../domain/identity/access-policy';
import type { AppDependencies } from '../app';
import { requireActor } from '../request-context';

/** Searching the audit log: administrators only. */
export function auditRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Search the audit log (newest first)',
          querystring: auditQuerySchema,
          response: { 200: auditPageSchema, 401: errorResponseSchema, 403: errorResponseSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        requireRole(actor, 'administrator');
        const q = request.query;
        const beforeId = q.cursor ? Number.parseInt(q.cursor, 10) : undefined;
        const rows = await deps.audit.search({
          tenantId: actor.tenantId,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
          actorId: q.actorId,
          action: q.action,
          resourceType: q.resourceType,
          resourceId: q.resourceId,
          beforeId: Number.isFinite(beforeId) ? beforeId : undefined,
          limit: q.limit + 1,
        });
        const page = rows.slice(0, q.limit);
        return {
          items: page.map((row) => ({
            id: row.id,
            at: row.at.toISOString(),
            actorId: row.actorId,
            actorName: row.actorName,
            action: row.action,
            resourceType: row.resourceType,
            resourceId: row.resourceId,
            ip: row.ip ?? null,
            userAgent: row.userAgent ?? null,
            detail: row.detail ?? {},
          })),
          nextCursor: rows.length > q.limit ? String(page.at(-1)?.id ?? '') : null,
        };
      },
    );
  };
}
