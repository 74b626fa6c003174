import { bigserial, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const agentStates = pgTable('agent_states', {
  userId: uuid('user_id').primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  state: text('state', { enum: ['offline', 'available', 'not-ready', 'on-call', 'after-call-work'] }).notNull(),
  reason: text('reason'),
  since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
});

export const agentStateLog = pgTable('agent_state_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  userId: uuid('user_id').notNull(),
  state: text('state').notNull(),
  reason: text('reason'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
