import { and, asc, eq } from 'drizzle-orm';
import { requiredRecordFieldSchema, type DeskPolicy } from '../../../src/contract/desk-policy';
import type { DeskPolicyRepository } from '../domain/desk/desk-policy-repository';
import type { Db } from './database';
import { deskPolicies, notReadyReasons } from './schema';

/** Desk policies and not-ready reasons over PostgreSQL. */
export class DbDeskPolicyRepository implements DeskPolicyRepository {
  constructor(private readonly db: Db) {}

  async policyOf(tenantId: string): Promise<DeskPolicy> {
    const reasons = await this.db
      .select({ id: notReadyReasons.id, code: notReadyReasons.code, nameJa: notReadyReasons.nameJa, nameEn: notReadyReasons.nameEn, sortOrder: notReadyReasons.sortOrder })
      .from(notReadyReasons)
      .where(and(eq(notReadyReasons.tenantId, tenantId), eq(notReadyReasons.active, true)))
      .orderBy(asc(notReadyReasons.sortOrder), asc(notReadyReasons.code));
    const [policy] = await this.db.select().from(deskPolicies).where(eq(deskPolicies.tenantId, tenantId)).limit(1);
    return {
      notReadyReasons: reasons,
      afterCallWork: {
        autoAvailableAfterSeconds: policy?.acwAutoAvailableSeconds ?? null,
        // The column's check constraint keeps it to these names; parsing gives them their type.
        requiredFields: (policy?.acwRequiredFields ?? []).map((field) => requiredRecordFieldSchema.parse(field)),
      },
    };
  }
}
