import { bigserial, boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const businessHoursSchedules = pgTable('business_hours_schedules', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  code: text('code').notNull(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  weeklyHours: jsonb('weekly_hours').notNull().default([]),
  closedOnNationalHolidays: boolean('closed_on_national_holidays').notNull().default(true),
  annualClosures: jsonb('annual_closures').notNull().default([]),
  closedDates: date('closed_dates', { mode: 'string' }).array().notNull().default([]),
});

export const queues = pgTable('queues', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  groupId: uuid('group_id').notNull(),
  number: text('number').notNull(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  ringSeconds: integer('ring_seconds').notNull().default(15),
  maxWaitSeconds: integer('max_wait_seconds').notNull().default(180),
  waitAnnouncement: text('wait_announcement').notNull().default('queue-wait'),
  afterHoursAnnouncement: text('after_hours_announcement').notNull().default('after-hours'),
  fullAnnouncement: text('full_announcement').notNull().default('queue-full'),
  outboundCallerId: text('outbound_caller_id'),
  scheduleId: uuid('schedule_id').notNull(),
  hoursOverride: text('hours_override', { enum: ['open', 'closed'] }),
  recordCalls: boolean('record_calls').notNull().default(true),
  /** Whether agents may pause the queue's recordings (migration 0012). */
  recordingPauseAllowed: boolean('recording_pause_allowed').notNull().default(true),
  /** Days a recording of the queue is kept after the call, 1–1825 (migrations 0012, 0013). */
  recordingRetentionDays: integer('recording_retention_days').notNull().default(180),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const queueSkills = pgTable(
  'queue_skills',
  {
    queueId: uuid('queue_id').notNull(),
    skillId: uuid('skill_id').notNull(),
    minLevel: integer('min_level').notNull().default(1),
  },
  (table) => [primaryKey({ columns: [table.queueId, table.skillId] })],
);

export const queueCalls = pgTable('queue_calls', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  queueId: uuid('queue_id').notNull(),
  sipCallId: text('sip_call_id').notNull(),
  caller: text('caller'),
  enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  state: text('state', { enum: ['waiting', 'ringing', 'answered', 'abandoned', 'after-hours'] }).notNull(),
  ringingExtension: text('ringing_extension'),
  ringingUntil: timestamp('ringing_until', { withTimezone: true }),
  answeredBy: uuid('answered_by'),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  abandonReason: text('abandon_reason', { enum: ['caller', 'wait-limit', 'lost'] }),
  endedAt: timestamp('ended_at', { withTimezone: true }),
});
