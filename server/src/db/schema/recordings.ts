import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Server-side call recordings (migration 0012_recordings.sql). */
export const recordings = pgTable('recordings', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  groupId: uuid('group_id').notNull(),
  sipCallId: text('sip_call_id').notNull(),
  agentId: uuid('agent_id'),
  queueId: uuid('queue_id'),
  direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
  customerNumber: text('customer_number'),
  customerTag: text('customer_tag').notNull(),
  agentTag: text('agent_tag').notNull(),
  subscriberTag: text('subscriber_tag').notNull(),
  filePath: text('file_path').notNull(),
  status: text('status', { enum: ['recording', 'complete', 'failed', 'deleted'] }).notNull().default('recording'),
  failure: text('failure'),
  pauseAllowed: boolean('pause_allowed').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  durationMs: integer('duration_ms'),
  pauses: jsonb('pauses').notNull().default([]),
  peaks: jsonb('peaks'),
  sha256: text('sha256'),
  retainUntil: timestamp('retain_until', { withTimezone: true }).notNull(),
  retentionExtendedDays: integer('retention_extended_days').notNull().default(0),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});
