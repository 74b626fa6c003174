import { and, eq, sql } from 'drizzle-orm';
import { businessHoursSchedules, queues, queueSkills, skills, users, userSkills } from '../db/schema';
import type { AnnualClosure, OpeningInterval } from '../domain/queues/business-hours';
import type { ModuleSeed } from './demo-seed';

/** The demo's skill codes: the identity seed's skills get one, and 一般受付 (general) is added. */
const skillCodes: Readonly<Record<string, string>> = {
  マイナンバーカード: 'my-number-card',
  住所変更: 'address-change',
  '料金・請求': 'billing',
  English: 'english',
};

const everyDay = [1, 2, 3, 4, 5, 6, 7];
const weekdays = [1, 2, 3, 4, 5];

/** Business-hours schedules of the demo: open around the clock, and the usual public-office hours. */
export const demoSchedules = [
  {
    code: 'always-open',
    nameJa: '24時間365日',
    nameEn: 'Always open',
    weeklyHours: everyDay.map((weekday): OpeningInterval => ({ weekday, opens: '00:00', closes: '24:00' })),
    closedOnNationalHolidays: false,
    annualClosures: [] as AnnualClosure[],
  },
  {
    code: 'weekdays-0830-1715',
    nameJa: '平日 8:30〜17:15',
    nameEn: 'Weekdays 8:30–17:15',
    weeklyHours: weekdays.map((weekday): OpeningInterval => ({ weekday, opens: '08:30', closes: '17:15' })),
    closedOnNationalHolidays: true,
    annualClosures: [{ from: '12-29', to: '01-03', nameJa: '年末年始', nameEn: 'New Year holidays' }] as AnnualClosure[],
  },
] as const;

/**
 * The demo queues. 2001–2003 are open at any hour, so the demo and the end-to-end tests can
 * always call them; 2009 keeps real office hours (weekdays 8:30–17:15 except national holidays
 * and 年末年始) to show the after-hours message. 2002's short wait limit (30 s) lets a test
 * see a caller released as abandoned without waiting minutes.
 */
export const demoQueues = [
  { number: '2001', nameJa: '東京窓口', nameEn: 'Tokyo desk', group: 'a', skill: 'general', schedule: 'always-open', maxWaitSeconds: 120, outboundCallerId: '0312345678' },
  { number: '2002', nameJa: '料金窓口', nameEn: 'Billing desk', group: 'a', skill: 'billing', schedule: 'always-open', maxWaitSeconds: 30, outboundCallerId: '0312345679' },
  { number: '2003', nameJa: '大阪サポート', nameEn: 'Osaka support', group: 'b', skill: 'general', schedule: 'always-open', maxWaitSeconds: 120, outboundCallerId: '0612345678' },
  { number: '2009', nameJa: '平日窓口', nameEn: 'Weekday desk', group: 'a', skill: 'general', schedule: 'weekdays-0830-1715', maxWaitSeconds: 120, outboundCallerId: '0312345670' },
] as const;

/** Agents with an outbound caller ID of their own (直通番号); the others present their queue's. */
export const demoAgentCallerIds: Readonly<Record<string, string>> = { '1001': '0312341001' };

/**
 * Skills, schedules and queues of the demo tenant: every agent has 一般受付 (general); 1002 and
 * 1003 also 料金・請求 (billing); 1001 has a direct number of their own.
 */
export function queuesSeed(): ModuleSeed {
  return async (db, context) => {
    await db.transaction(async (tx) => {
      for (const [name, code] of Object.entries(skillCodes)) {
        await tx.update(skills).set({ code }).where(and(eq(skills.tenantId, context.tenantId), eq(skills.name, name)));
      }
      const [general] = await tx.insert(skills).values({ tenantId: context.tenantId, name: '一般受付', code: 'general' }).returning();
      const [billing] = await tx.select().from(skills).where(and(eq(skills.tenantId, context.tenantId), eq(skills.code, 'billing')));
      if (!general || !billing) throw new Error('demo skills not created');
      const skillIds: Readonly<Record<string, string>> = { general: general.id, billing: billing.id };

      const agents = Object.keys(context.agentGroups).sort();
      const grants = [
        ...agents.map((agent) => ({ agent, skillId: general.id })),
        ...['1002', '1003'].map((agent) => ({ agent, skillId: billing.id })),
      ];
      for (const grant of grants) {
        const userId = context.userIds[grant.agent];
        if (!userId) throw new Error(`demo agent ${grant.agent} not seeded`);
        await tx
          .insert(userSkills)
          .values({ userId, skillId: grant.skillId, level: 3 })
          .onConflictDoUpdate({ target: [userSkills.userId, userSkills.skillId], set: { level: sql`excluded.level` } });
      }

      for (const [agent, callerId] of Object.entries(demoAgentCallerIds)) {
        const userId = context.userIds[agent];
        if (userId) await tx.update(users).set({ outboundCallerId: callerId }).where(eq(users.id, userId));
      }

      const scheduleIds: Record<string, string> = {};
      for (const schedule of demoSchedules) {
        const [row] = await tx
          .insert(businessHoursSchedules)
          .values({ tenantId: context.tenantId, ...schedule, weeklyHours: [...schedule.weeklyHours], annualClosures: [...schedule.annualClosures] })
          .returning();
        if (!row) throw new Error(`schedule ${schedule.code} not created`);
        scheduleIds[schedule.code] = row.id;
      }

      for (const queue of demoQueues) {
        const scheduleId = scheduleIds[queue.schedule];
        const skillId = skillIds[queue.skill];
        if (!scheduleId || !skillId) throw new Error(`queue ${queue.number}: unknown schedule or skill`);
        const [row] = await tx
          .insert(queues)
          .values({
            tenantId: context.tenantId,
            groupId: context.groupIds[queue.group],
            number: queue.number,
            nameJa: queue.nameJa,
            nameEn: queue.nameEn,
            ringSeconds: 15,
            maxWaitSeconds: queue.maxWaitSeconds,
            outboundCallerId: queue.outboundCallerId,
            scheduleId,
          })
          .returning();
        if (!row) throw new Error(`queue ${queue.number} not created`);
        await tx.insert(queueSkills).values({ queueId: row.id, skillId, minLevel: 1 });
      }
    });
  };
}
