import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { AuditAction, AuditEntry, AuditLog, AuditQuery, AuditRecord } from '../domain/audit/audit-log';
import type { Db } from './database';
import { auditLog } from './schema';

/** The audit log over PostgreSQL: insert-only (a trigger refuses updates and deletes). */
export class DbAuditLog implements AuditLog {
  constructor(private readonly db: Db) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.insert(auditLog).values({
      tenantId: entry.tenantId,
      actorId: entry.actorId,
      actorName: entry.actorName,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId,
      ip: entry.ip ?? null,
      userAgent: entry.userAgent ?? null,
      detail: entry.detail ?? {},
    });
  }

  async search(query: AuditQuery): Promise<AuditRecord[]> {
    const conditions: SQL[] = [eq(auditLog.tenantId, query.tenantId)];
    if (query.from) conditions.push(gte(auditLog.at, query.from));
    if (query.to) conditions.push(lte(auditLog.at, query.to));
    if (query.actorId) conditions.push(eq(auditLog.actorId, query.actorId));
    if (query.action) conditions.push(eq(auditLog.action, query.action));
    if (query.resourceType) conditions.push(eq(auditLog.resourceType, query.resourceType));
    if (query.resourceId) conditions.push(eq(auditLog.resourceId, query.resourceId));
    if (query.beforeId !== undefined) conditions.push(lt(auditLog.id, query.beforeId));
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(and(...conditions))
      .orderBy(desc(auditLog.id))
      .limit(query.limit);
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      tenantId: row.tenantId,
      actorId: row.actorId,
      actorName: row.actorName,
      action: row.action as AuditAction,
      resourceType: row.resourceType,
      resourceId: row.resourceId,
      ip: row.ip ?? undefined,
      userAgent: row.userAgent ?? undefined,
      detail: row.detail,
    }));
  }
}
