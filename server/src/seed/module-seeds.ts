import { callRecordsSeed } from './call-records-seed';
import { customersSeed } from './customers-seed';
import type { ModuleSeed } from './demo-seed';
import { deskPolicySeed } from './desk-policy-seed';
import { faqSeed } from './faq-seed';
import { queuesSeed } from './queues-seed';

/**
 * Every module's demo data, run in order after the identity seed (by `server.ts`, and by
 * default in tests); a module adds one line.
 */
export const demoModuleSeeds: ModuleSeed[] = [
  customersSeed(),
  callRecordsSeed(),
  faqSeed(),
  deskPolicySeed(),
  queuesSeed(),
];
