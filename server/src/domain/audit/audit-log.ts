import type { Actor, RequestOrigin } from '../identity/actor';

/** Kinds of audited actions. */
export type AuditAction = 'read' | 'list' | 'search' | 'create' | 'update' | 'delete' | 'export' | 'play' | 'download' | 'login' | 'login-failed' | 'logout';

/** One line of the audit log: who did what to which resource, when and from where. */
export interface AuditEntry {
  readonly tenantId: string | null;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly action: AuditAction;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly ip: string | undefined;
  readonly userAgent: string | undefined;
  readonly detail?: Record<string, unknown>;
}

/** A stored audit entry. */
export interface AuditRecord extends AuditEntry {
  readonly id: number;
  readonly at: Date;
}

/** Filters of an audit search (administrators only). */
export interface AuditQuery {
  readonly tenantId: string;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly actorId?: string | undefined;
  readonly action?: AuditAction | undefined;
  readonly resourceType?: string | undefined;
  readonly resourceId?: string | undefined;
  readonly beforeId?: number | undefined;
  readonly limit: number;
}

/**
 * The append-only audit trail.
 * @remarks Contracts require every read of personal data (call records, customers,
 * recordings) and every change to be reconstructable: who, what, when, from where.
 */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  search(query: AuditQuery): Promise<AuditRecord[]>;
}

/** Builds an entry for `actor` from `origin`. */
export function auditEntry(
  actor: Actor,
  origin: RequestOrigin,
  action: AuditAction,
  resourceType: string,
  resourceId: string | null,
  detail?: Record<string, unknown>,
): AuditEntry {
  return {
    tenantId: actor.tenantId,
    actorId: actor.userId,
    actorName: actor.username,
    action,
    resourceType,
    resourceId,
    ip: origin.ip,
    userAgent: origin.userAgent,
    ...(detail ? { detail } : {}),
  };
}
