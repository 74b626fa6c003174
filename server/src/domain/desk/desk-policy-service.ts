import type { DeskPolicy } from '../../../../src/contract/desk-policy';
import { DomainError, forbidden } from '../errors';
import type { Actor } from '../identity/actor';
import type { DeskPolicyRepository } from './desk-policy-repository';

/** True when the actor has a softphone, and so an agent state and a desk. */
export function hasPhone(actor: Actor): boolean {
  return actor.role === 'agent' || actor.sipUser !== null;
}

/**
 * The agent desk's policy: the administrator's list of not-ready reasons (休憩, 昼休憩…) and
 * how after-call work (後処理) ends.
 *
 * @remarks
 * The softphone reads it once after sign-in and enforces the after-call-work rules; the
 * service checks every not-ready reason against it again ({@link DeskPolicyService.checkReason}),
 * so a stale or altered client cannot report a reason the centre does not use.
 */
export class DeskPolicyService {
  constructor(private readonly repository: DeskPolicyRepository) {}

  /** The policy of the actor's tenant, for a user with a phone. */
  async forActor(actor: Actor): Promise<DeskPolicy> {
    if (!hasPhone(actor)) throw forbidden('the desk policy is for users with a phone');
    return this.repository.policyOf(actor.tenantId);
  }

  /**
   * Refuses a not-ready reason that is not one of the tenant's active codes.
   * @throws DomainError `validation` with a problem on the field `reason` naming the code.
   */
  async checkReason(tenantId: string, reason: string): Promise<void> {
    const policy = await this.repository.policyOf(tenantId);
    const codes = policy.notReadyReasons.map((known) => known.code);
    if (codes.includes(reason)) return;
    const offered = codes.length > 0 ? `one of ${codes.join(', ')}` : 'none: your centre has no not-ready reasons, send none';
    throw new DomainError('validation', `unknown not-ready reason "${reason}"`, [
      { path: 'reason', message: `"${reason}" is not an active not-ready reason of your centre (expected ${offered})` },
    ]);
  }
}
