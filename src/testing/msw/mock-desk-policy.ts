import type { DeskPolicy } from '../../contract/desk-policy';
import { demoDeskPolicy } from './demo-desk-policy';
import { mockDatabase } from './mock-database';

/**
 * The mock tenant's desk policy; tests replace `policy` to try another one (no timer, other
 * required fields) and `mockDatabase.reset()` brings the demo policy back.
 */
export const mockDeskPolicy: { policy: DeskPolicy } = { policy: demoDeskPolicy() };

mockDatabase.onReset(() => {
  mockDeskPolicy.policy = demoDeskPolicy();
});
