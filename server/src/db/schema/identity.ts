import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  seatLimit: integer('seat_limit').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const groups = pgTable('groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['administrator', 'supervisor', 'agent'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  sipUser: text('sip_user'),
  /** Number presented on this agent's calls to the phone network, unless a queue's applies. */
  outboundCallerId: text('outbound_caller_id'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const userGroups = pgTable(
  'user_groups',
  {
    userId: uuid('user_id').notNull(),
    groupId: uuid('group_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.groupId] })],
);

export const skills = pgTable('skills', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  name: text('name').notNull(),
  /** Stable code queues and routing use (`general`, `billing`); generated when not given. */
  code: text('code')
    .notNull()
    .default(sql`('skill-' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 12))`),
});

export const userSkills = pgTable(
  'user_skills',
  {
    userId: uuid('user_id').notNull(),
    skillId: uuid('skill_id').notNull(),
    level: integer('level').notNull().default(1),
  },
  (table) => [primaryKey({ columns: [table.userId, table.skillId] })],
);

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  ip: text('ip'),
  userAgent: text('user_agent'),
});
