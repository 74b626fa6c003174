/**
 * Typed client of the CTI service: HTTP operations and the live-events socket, every answer
 * parsed with the contract's zod schemas. No React, no stores, no UI.
 * @packageDocumentation
 */
export { AgentsApi, agentListSchema } from './agents-api';
export { ApiClient, csrfHeaderName, type ApiClientOptions, type MutationMethod, type QueryParameters, type RequestOptions, type UnexpectedFailureReporter } from './api-client';
export type { ApiError, ApiResult, FieldProblem } from './api-error';
export { AuditApi, type AuditPage, type AuditSearch } from './audit-api';
export { AuthApi } from './auth-api';
export { backoffDelay, defaultBackoff, type Backoff } from './backoff';
export { CallRecordsApi, type CallRecordExport, type CallRecordSearch } from './call-records-api';
export { CustomersApi, type CustomerSearch } from './customers-api';
export type { DownloadedFile } from './downloaded-file';
export { FaqApi, type FaqSearch } from './faq-api';
export { LiveEventsClient, type LiveEventsClientOptions, type LiveEventsListeners, type LiveEventsSocket } from './live-events-client';
export type { LiveEventsCloseReason, LiveEventsState, LiveEventsStateName } from './live-events-state';
export { QueuesApi } from './queues-api';
