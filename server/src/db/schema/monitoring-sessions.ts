import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Supervisors' monitoring sessions (migration 0014_monitoring_sessions.sql). */
export const monitoringSessions = pgTable('monitoring_sessions', {
  id: uuid('id').primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  sipCallId: text('sip_call_id').notNull(),
  customerTag: text('customer_tag').notNull(),
  agentTag: text('agent_tag').notNull(),
  customerProfile: text('customer_profile', { enum: ['webrtc', 'plain'] }).notNull(),
  agentProfile: text('agent_profile', { enum: ['webrtc', 'plain'] }).notNull(),
  ownTags: jsonb('own_tags').notNull(),
  supervisorId: uuid('supervisor_id').notNull(),
  supervisorName: text('supervisor_name').notNull(),
  agentId: uuid('agent_id').notNull(),
  agentName: text('agent_name').notNull(),
  agentGroupIds: uuid('agent_group_ids').array().notNull().default([]),
  mode: text('mode', { enum: ['listen', 'whisper', 'barge'] }).notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  modeChangedAt: timestamp('mode_changed_at', { withTimezone: true }),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  endReason: text('end_reason', { enum: ['stopped', 'call-ended', 'service-stopped', 'service-restart'] }),
});
