import { agentHandlers } from './agent-handlers';
import { auditHandlers } from './audit-handlers';
import { authHandlers } from './auth-handlers';
import { liveEventHandlers } from './live-event-handlers';

/**
 * Every handler of the mock CTI service, implementing the contract in memory over
 * `mockDatabase`.
 *
 * @remarks
 * One file per module, like the service's routes: a new module (call records, customers,
 * FAQ) adds `<module>-handlers.ts` next to these, with its own collections registered through
 * `mockDatabase.onReset()`, and appends its array here.
 */
export const handlers = [...authHandlers, ...agentHandlers, ...auditHandlers, ...liveEventHandlers];
