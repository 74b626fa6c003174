/**
 * The one contract between the CTI service, the SPA's API client and the MSW handlers:
 * zod schemas for every request and response.
 * @packageDocumentation
 */
export * from './auth';
export * from './common';
export * from './errors';
export * from './audit';
export * from './events';
export * from './call-records';
export * from './customers';
export * from './faq';
export * from './call-record-export';
export * from './call-timeline';
export * from './desk-policy';
export * from './queues';
