import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const notReadyReasons = pgTable('not_ready_reasons', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  code: text('code').notNull(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

export const deskPolicies = pgTable('desk_policies', {
  tenantId: uuid('tenant_id').primaryKey(),
  acwAutoAvailableSeconds: integer('acw_auto_available_seconds'),
  acwRequiredFields: text('acw_required_fields').array().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
