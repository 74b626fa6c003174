import type { DeskPolicy, NotReadyReason } from '../../contract/desk-policy';
import { demoId } from './seeded-random';

const reason = (n: number, code: string, nameJa: string, nameEn: string): NotReadyReason => ({
  id: demoId('dea5', n),
  code,
  nameJa,
  nameEn,
  sortOrder: n * 10,
});

/**
 * The demo tenant's desk policy, as the service seeds it: five not-ready reasons, after-call
 * work that ends by itself after 120 seconds, and a record that needs its inquiry category and
 * disposition before the agent may leave after-call work.
 */
export function demoDeskPolicy(): DeskPolicy {
  return {
    notReadyReasons: [
      reason(1, 'break', '休憩', 'Break'),
      reason(2, 'lunch', '昼休憩', 'Lunch'),
      reason(3, 'training', '研修', 'Training'),
      reason(4, 'meeting', 'ミーティング', 'Meeting'),
      reason(5, 'admin-work', '事務作業', 'Admin work'),
    ],
    afterCallWork: { autoAvailableAfterSeconds: 120, requiredFields: ['categoryId', 'dispositionId'] },
  };
}
