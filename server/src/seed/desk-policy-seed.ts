import { deskPolicies, notReadyReasons } from '../db/schema';
import type { ModuleSeed } from './demo-seed';

/** The demo centre's not-ready reasons (離席理由), in the order agents see them. */
export const demoNotReadyReasons = [
  { code: 'break', nameJa: '休憩', nameEn: 'Break' },
  { code: 'lunch', nameJa: '昼休憩', nameEn: 'Lunch' },
  { code: 'training', nameJa: '研修', nameEn: 'Training' },
  { code: 'meeting', nameJa: 'ミーティング', nameEn: 'Meeting' },
  { code: 'admin-work', nameJa: '事務作業', nameEn: 'Admin work' },
] as const;

/**
 * The demo tenant's desk policy: five not-ready reasons; after-call work ends by itself after
 * 120 s and needs an inquiry category and a disposition on the call record first.
 */
export function deskPolicySeed(): ModuleSeed {
  return async (db, context) => {
    await db.transaction(async (tx) => {
      await tx.insert(notReadyReasons).values(demoNotReadyReasons.map((reason, index) => ({ ...reason, tenantId: context.tenantId, sortOrder: (index + 1) * 10 })));
      await tx.insert(deskPolicies).values({ tenantId: context.tenantId, acwAutoAvailableSeconds: 120, acwRequiredFields: ['categoryId', 'dispositionId'] });
    });
  };
}
