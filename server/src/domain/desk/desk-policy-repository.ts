import type { DeskPolicy } from '../../../../src/contract/desk-policy';

/** Storage of the tenants' desk policies; implemented over PostgreSQL in `server/src/db`. */
export interface DeskPolicyRepository {
  /**
   * The tenant's active not-ready reasons (in their order) and after-call-work policy.
   * @remarks A tenant without a stored policy ends after-call work by hand and requires no
   * record field.
   */
  policyOf(tenantId: string): Promise<DeskPolicy>;
}
