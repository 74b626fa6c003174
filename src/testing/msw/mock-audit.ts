import type { AuditEntryDto } from '../../contract/audit';
import type { DemoAccount } from './demo-directory';
import { mockDatabase } from './mock-database';

/**
 * Writes what `account` did to the audit log, as the service does for every read, search,
 * export and change of personal data.
 */
export function auditBy(account: DemoAccount, action: AuditEntryDto['action'], resourceType: string, resourceId: string | null, detail: Record<string, unknown> = {}): void {
  mockDatabase.recordAudit({ actorId: account.id, actorName: account.username, action, resourceType, resourceId, detail });
}
