// Every table, one file per module; migrations in server/migrations/ are the source of truth
// for the database, these definitions give the queries their types.
export * from './audit';
export * from './identity';
export * from './agent-states';
export * from './customers';
export * from './call-records';
export * from './faq';
export * from './desk-policy';
export * from './queues';
