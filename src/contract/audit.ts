import { z } from 'zod';
import { idSchema, instantSchema, pageQuerySchema, pageSchema } from './common';

export const auditActionSchema = z.enum(['read', 'list', 'search', 'create', 'update', 'delete', 'export', 'play', 'download', 'login', 'login-failed', 'logout']);

/** GET /api/audit query. */
export const auditQuerySchema = pageQuerySchema.extend({
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  actorId: idSchema.optional(),
  action: auditActionSchema.optional(),
  resourceType: z.string().max(50).optional(),
  resourceId: z.string().max(200).optional(),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: instantSchema,
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  action: auditActionSchema,
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = pageSchema(auditEntrySchema);
