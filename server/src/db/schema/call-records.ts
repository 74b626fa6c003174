import { bigserial, boolean, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const phases = ['offered', 'answered', 'held', 'resumed', 'transferred', 'ended'] as const;

export const inquiryCategories = pgTable('inquiry_categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const dispositions = pgTable('dispositions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const callRecords = pgTable('call_records', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  groupId: uuid('group_id').notNull(),
  agentId: uuid('agent_id'),
  sipCallId: text('sip_call_id').notNull(),
  direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
  localNumber: text('local_number'),
  remoteNumber: text('remote_number'),
  customerId: uuid('customer_id'),
  queue: text('queue'),
  phase: text('phase', { enum: phases }).notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  offeredAt: timestamp('offered_at', { withTimezone: true }),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  heldSeconds: integer('held_seconds').notNull().default(0),
  durationSeconds: integer('duration_seconds'),
  endReason: text('end_reason', { enum: ['completed', 'abandoned', 'no-answer', 'rejected', 'busy', 'failed', 'transferred'] }),
  transferredTo: text('transferred_to'),
  linkedCallId: uuid('linked_call_id'),
  recordingRef: text('recording_ref'),
  categoryId: uuid('category_id'),
  notes: text('notes').notNull().default(''),
  dispositionId: uuid('disposition_id'),
  followUpAt: date('follow_up_at', { mode: 'string' }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const callRecordEvents = pgTable('call_record_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  callRecordId: uuid('call_record_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  agentId: uuid('agent_id'),
  phase: text('phase', { enum: phases }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  endReason: text('end_reason', { enum: ['rejected', 'busy', 'failed'] }),
  transferredTo: text('transferred_to'),
  linkedSipCallId: text('linked_sip_call_id'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});
