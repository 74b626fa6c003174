import { agentHandlers } from './agent-handlers';
import { auditHandlers } from './audit-handlers';
import { authHandlers } from './auth-handlers';
import { callRecordHandlers } from './call-record-handlers';
import { customerHandlers } from './customer-handlers';
import { faqHandlers } from './faq-handlers';
import { liveEventHandlers } from './live-event-handlers';
import { monitoringHandlers } from './monitoring-handlers';
import { queueHandlers } from './queue-handlers';
import { recordingHandlers } from './recording-handlers';

/**
 * Every handler of the mock CTI service, implementing the contract in memory over
 * `mockDatabase`.
 *
 * @remarks
 * One file per module, like the service's routes. A module with data of its own (call
 * records, customers, FAQ) keeps it in `mock-<module>.ts`, loads its demo data there and
 * again on `mockDatabase.onReset()`, and appends its handlers here; specific paths
 * (`/export.csv`, `/lookup`) come before `/:id` inside each array.
 */
export const handlers = [...authHandlers, ...agentHandlers, ...auditHandlers, ...callRecordHandlers, ...customerHandlers, ...faqHandlers, ...queueHandlers, ...recordingHandlers, ...monitoringHandlers, ...liveEventHandlers];
