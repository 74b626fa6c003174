import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { HoursOverride, QueueStats } from '../../../src/contract/queues';
import { annualClosureSchema, openingIntervalSchema } from '../domain/queues/business-hours';
import type { Queue, QueueCall, QueueCallState, QueueRecordingPolicy, RoutableAgent } from '../domain/queues/queue';
import type { AgentLine, QueueCallChange, QueueRepository } from '../domain/queues/queue-repository';
import type { Db } from './database';
import { rows } from './rows';
import { businessHoursSchedules, queueCalls, queues, queueSkills, skills, users } from './schema';

const weeklyHoursSchema = z.array(openingIntervalSchema);
const annualClosuresSchema = z.array(annualClosureSchema);

type QueueRow = typeof queues.$inferSelect;
type ScheduleRow = typeof businessHoursSchedules.$inferSelect;

/** Queues, queue calls and their figures over PostgreSQL. */
export class DbQueueRepository implements QueueRepository {
  constructor(private readonly db: Db) {}

  async findByNumber(number: string): Promise<Queue | undefined> {
    const [found] = await this.select(and(eq(queues.number, number), eq(queues.active, true)), 1);
    return found;
  }

  async findById(tenantId: string, queueId: string): Promise<Queue | undefined> {
    const [found] = await this.select(and(eq(queues.tenantId, tenantId), eq(queues.id, queueId)), 1);
    return found;
  }

  async list(tenantId: string, groupIds: 'all' | readonly string[], qualifiedAgentId?: string): Promise<Queue[]> {
    if (groupIds !== 'all' && groupIds.length === 0) return [];
    const inGroups = groupIds === 'all' ? sql`true` : sql`${queues.groupId} in (${sql.join(groupIds.map((id) => sql`${id}::uuid`), sql`, `)})`;
    const qualified =
      qualifiedAgentId === undefined
        ? sql`true`
        : sql`not exists (select 1 from queue_skills qs where qs.queue_id = ${queues.id}
                           and not exists (select 1 from user_skills us
                                            where us.user_id = ${qualifiedAgentId} and us.skill_id = qs.skill_id and us.level >= qs.min_level))`;
    return this.select(and(eq(queues.tenantId, tenantId), eq(queues.active, true), inGroups, qualified));
  }

  async setHoursOverride(tenantId: string, queueId: string, override: HoursOverride): Promise<void> {
    await this.db
      .update(queues)
      .set({ hoursOverride: override === 'schedule' ? null : override })
      .where(and(eq(queues.tenantId, tenantId), eq(queues.id, queueId)));
  }

  async setRecordingPolicy(tenantId: string, queueId: string, policy: QueueRecordingPolicy): Promise<void> {
    await this.db
      .update(queues)
      .set({ recordCalls: policy.recordCalls, recordingPauseAllowed: policy.pauseAllowed, recordingRetentionDays: policy.retentionDays })
      .where(and(eq(queues.tenantId, tenantId), eq(queues.id, queueId)));
  }

  async findCall(queueId: string, sipCallId: string): Promise<QueueCall | undefined> {
    const [row] = await this.db
      .select()
      .from(queueCalls)
      .where(and(eq(queueCalls.queueId, queueId), eq(queueCalls.sipCallId, sipCallId)))
      .limit(1);
    return row ? toCall(row) : undefined;
  }

  async enterCall(queue: Queue, sipCallId: string, caller: string | null, state: QueueCallState, at: Date): Promise<{ call: QueueCall; created: boolean }> {
    const inserted = await this.db
      .insert(queueCalls)
      .values({
        tenantId: queue.tenantId,
        queueId: queue.id,
        sipCallId,
        caller,
        enteredAt: at,
        lastSeenAt: at,
        state,
        endedAt: state === 'after-hours' ? at : null,
      })
      .onConflictDoNothing({ target: [queueCalls.queueId, queueCalls.sipCallId] })
      .returning();
    const [created] = inserted;
    if (created) return { call: toCall(created), created: true };
    const existing = await this.findCall(queue.id, sipCallId);
    if (!existing) throw new Error(`queue call ${sipCallId} neither created nor found`);
    return { call: existing, created: false };
  }

  async updateCall(queueId: string, sipCallId: string, change: QueueCallChange): Promise<void> {
    await this.db
      .update(queueCalls)
      .set({
        state: change.state,
        lastSeenAt: change.at,
        ...(change.ringingExtension === undefined ? {} : { ringingExtension: change.ringingExtension }),
        ...(change.ringingUntil === undefined ? {} : { ringingUntil: change.ringingUntil }),
        ...(change.answeredBy === undefined ? {} : { answeredBy: change.answeredBy, answeredAt: change.at }),
        ...(change.abandonReason === undefined ? {} : { abandonReason: change.abandonReason }),
        ...(change.ended ? { endedAt: change.at } : {}),
      })
      .where(and(eq(queueCalls.queueId, queueId), eq(queueCalls.sipCallId, sipCallId)));
  }

  async reserveAgent(queue: Queue, sipCallId: string, excludedExtensions: readonly string[], now: Date, ringingUntil: Date): Promise<RoutableAgent | undefined> {
    const notExcluded = excludedExtensions.length === 0 ? sql`true` : sql`u.sip_user not in (${sql.join(excludedExtensions.map((extension) => sql`${extension}`), sql`, `)})`;
    return this.db.transaction(async (tx) => {
      // One routing decision at a time per tenant: two calls must not both take the same agent.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tsunagu-queue-routing:${queue.tenantId}`}))`);
      const [agent] = await rows<{ id: string; sip_user: string; display_name: string; idle_since: Date | string }>(
        tx,
        sql`select u.id, u.sip_user, u.display_name,
                   -- The start of the current spell of availability: a repeated "available" keeps it.
                   coalesce((select min(l.at) from agent_state_log l
                              where l.user_id = u.id and l.state = 'available'
                                and l.id > coalesce((select max(l2.id) from agent_state_log l2
                                                      where l2.user_id = u.id and l2.state <> 'available'), 0)),
                            s.since) as idle_since
              from users u
              join agent_states s on s.user_id = u.id and s.state = 'available'
             where u.tenant_id = ${queue.tenantId} and u.active and u.sip_user is not null
               and exists (select 1 from user_groups ug where ug.user_id = u.id and ug.group_id = ${queue.groupId})
               and exists (select 1 from sessions ss where ss.user_id = u.id and ss.ended_at is null and ss.expires_at > ${now})
               and not exists (select 1 from queue_skills qs where qs.queue_id = ${queue.id}
                                  and not exists (select 1 from user_skills us
                                                   where us.user_id = u.id and us.skill_id = qs.skill_id and us.level >= qs.min_level))
               and ${notExcluded}
               and not exists (select 1 from queue_calls qc
                                where qc.tenant_id = ${queue.tenantId} and qc.state = 'ringing'
                                  and qc.ringing_extension = u.sip_user and qc.ringing_until > ${now}
                                  and not (qc.queue_id = ${queue.id} and qc.sip_call_id = ${sipCallId}))
             order by idle_since asc, u.sip_user asc
             limit 1`,
      );
      if (!agent) return undefined;
      await tx
        .update(queueCalls)
        .set({ state: 'ringing', ringingExtension: agent.sip_user, ringingUntil, lastSeenAt: now })
        .where(and(eq(queueCalls.queueId, queue.id), eq(queueCalls.sipCallId, sipCallId)));
      return { agentId: agent.id, extension: agent.sip_user, displayName: agent.display_name, idleSince: new Date(agent.idle_since) };
    });
  }

  async agentLine(extension: string, now: Date): Promise<AgentLine | undefined> {
    const [found] = await rows<{ tenant_id: string; id: string; outbound_caller_id: string | null; group_ids: string[] }>(
      this.db,
      sql`select u.tenant_id, u.id, u.outbound_caller_id,
                 coalesce(array_agg(ug.group_id::text order by ug.group_id) filter (where ug.group_id is not null), '{}') as group_ids
            from users u
            left join user_groups ug on ug.user_id = u.id
           where u.sip_user = ${extension} and u.active
           group by u.id
           order by exists (select 1 from sessions ss where ss.user_id = u.id and ss.ended_at is null and ss.expires_at > ${now}) desc, u.created_at
           limit 1`,
    );
    return found ? { tenantId: found.tenant_id, userId: found.id, groupIds: found.group_ids, outboundCallerId: found.outbound_caller_id } : undefined;
  }

  async releaseLostCalls(now: Date, staleAfterSeconds: number): Promise<{ tenantId: string; queueId: string }[]> {
    const released = await rows<{ tenant_id: string; queue_id: string }>(
      this.db,
      sql`update queue_calls c
             set state = 'abandoned', abandon_reason = 'lost', ended_at = ${now}, ringing_extension = null, ringing_until = null
            from queues q
           where q.id = c.queue_id and c.state in ('waiting', 'ringing')
             and c.last_seen_at <= ${now}::timestamptz - make_interval(secs => q.ring_seconds + ${staleAfterSeconds})
       returning c.tenant_id, c.queue_id`,
    );
    const queues = new Map(released.map((row) => [row.queue_id, { tenantId: row.tenant_id, queueId: row.queue_id }]));
    return [...queues.values()];
  }

  async userOfExtension(tenantId: string, extension: string): Promise<string | undefined> {
    const [found] = await this.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.sipUser, extension), eq(users.active, true)))
      .limit(1);
    return found?.id;
  }

  async stats(of: readonly Queue[], now: Date, dayStart: Date, staleAfterSeconds: number): Promise<Map<string, QueueStats>> {
    const result = new Map<string, QueueStats>();
    if (of.length === 0) return result;
    const found = await rows<StatsRow>(
      this.db,
      sql`select q.id,
                 count(c.id) filter (where c.state in ('waiting', 'ringing')
                                       and c.last_seen_at > ${now}::timestamptz - make_interval(secs => q.ring_seconds + ${staleAfterSeconds}))::int as waiting,
                 min(c.entered_at) filter (where c.state in ('waiting', 'ringing')
                                             and c.last_seen_at > ${now}::timestamptz - make_interval(secs => q.ring_seconds + ${staleAfterSeconds})) as oldest,
                 count(c.id) filter (where c.entered_at >= ${dayStart})::int as offered,
                 count(c.id) filter (where c.entered_at >= ${dayStart} and c.state = 'answered')::int as answered,
                 count(c.id) filter (where c.entered_at >= ${dayStart} and c.state = 'abandoned')::int as abandoned,
                 count(c.id) filter (where c.entered_at >= ${dayStart} and c.state = 'after-hours')::int as after_hours
            from queues q
            left join queue_calls c on c.queue_id = q.id and (c.entered_at >= ${dayStart} or c.state in ('waiting', 'ringing'))
           where q.id in (${sql.join(of.map((queue) => sql`${queue.id}::uuid`), sql`, `)})
           group by q.id`,
    );
    for (const row of found) {
      const oldest = row.oldest === null ? null : new Date(row.oldest);
      const decided = row.answered + row.abandoned;
      result.set(row.id, {
        waiting: row.waiting,
        oldestWaitingSince: oldest?.toISOString() ?? null,
        longestWaitSeconds: oldest ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 1000)) : 0,
        offeredToday: row.offered,
        answeredToday: row.answered,
        abandonedToday: row.abandoned,
        afterHoursToday: row.after_hours,
        answerRate: decided === 0 ? null : row.answered / decided,
      });
    }
    return result;
  }

  private async select(where: SQL | undefined, limit?: number): Promise<Queue[]> {
    const query = this.db
      .select({ queue: queues, schedule: businessHoursSchedules })
      .from(queues)
      .innerJoin(businessHoursSchedules, eq(businessHoursSchedules.id, queues.scheduleId))
      .where(where)
      .orderBy(asc(queues.number), asc(queues.createdAt));
    const found = limit === undefined ? await query : await query.limit(limit);
    if (found.length === 0) return [];
    const skillRows = await this.db
      .select({ queueId: queueSkills.queueId, code: skills.code, name: skills.name, minLevel: queueSkills.minLevel })
      .from(queueSkills)
      .innerJoin(skills, eq(skills.id, queueSkills.skillId))
      .where(sql`${queueSkills.queueId} in (${sql.join(found.map((row) => sql`${row.queue.id}::uuid`), sql`, `)})`)
      .orderBy(asc(skills.code));
    return found.map((row) => toQueue(row.queue, row.schedule, skillRows.filter((skill) => skill.queueId === row.queue.id)));
  }
}

interface StatsRow {
  readonly id: string;
  readonly waiting: number;
  readonly oldest: Date | string | null;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly after_hours: number;
}

function toQueue(row: QueueRow, schedule: ScheduleRow, skillRows: readonly { code: string; name: string; minLevel: number }[]): Queue {
  return {
    id: row.id,
    tenantId: row.tenantId,
    groupId: row.groupId,
    number: row.number,
    nameJa: row.nameJa,
    nameEn: row.nameEn,
    skills: skillRows.map(({ code, name, minLevel }) => ({ code, name, minLevel })),
    ringSeconds: row.ringSeconds,
    maxWaitSeconds: row.maxWaitSeconds,
    announcements: { wait: row.waitAnnouncement, afterHours: row.afterHoursAnnouncement, full: row.fullAnnouncement },
    outboundCallerId: row.outboundCallerId,
    recordCalls: row.recordCalls,
    recordingPauseAllowed: row.recordingPauseAllowed,
    recordingRetentionDays: row.recordingRetentionDays,
    schedule: {
      code: schedule.code,
      nameJa: schedule.nameJa,
      nameEn: schedule.nameEn,
      // The columns hold what the schedule's editor wrote; a malformed one is a bug, not a closed queue.
      weeklyHours: weeklyHoursSchema.parse(schedule.weeklyHours),
      closedOnNationalHolidays: schedule.closedOnNationalHolidays,
      annualClosures: annualClosuresSchema.parse(schedule.annualClosures),
      closedDates: schedule.closedDates,
    },
    hoursOverride: row.hoursOverride ?? 'schedule',
  };
}

function toCall(row: typeof queueCalls.$inferSelect): QueueCall {
  return { queueId: row.queueId, sipCallId: row.sipCallId, enteredAt: row.enteredAt, state: row.state, ringingExtension: row.ringingExtension };
}
