import { and, asc, eq, lt, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Recording, RecordingListItem, RecordingPauseInterval, RecordingPeaks, RecordingQuery, RecordingStatus, RetentionEnd } from '../domain/recordings/recording';
import type { NewRecording, RecordingAgent, RecordingQueuePolicy, RecordingRepository } from '../domain/recordings/recording-repository';
import type { Db } from './database';
import { rows } from './rows';
import { recordings } from './schema/recordings';

type RecordingRow = typeof recordings.$inferSelect;

const pausesSchema = z.array(z.object({ startMs: z.number(), endMs: z.number().nullable(), by: z.string() }));
const peaksSchema = z.object({ customer: z.array(z.number()), agent: z.array(z.number()) });

function toRecording(row: RecordingRow): Recording {
  const pauses = pausesSchema.safeParse(row.pauses);
  const peaks = peaksSchema.safeParse(row.peaks);
  return {
    id: row.id,
    tenantId: row.tenantId,
    groupId: row.groupId,
    sipCallId: row.sipCallId,
    agentId: row.agentId,
    queueId: row.queueId,
    direction: row.direction,
    customerNumber: row.customerNumber,
    customerTag: row.customerTag,
    agentTag: row.agentTag,
    subscriberTag: row.subscriberTag,
    filePath: row.filePath,
    status: row.status,
    failure: row.failure,
    pauseAllowed: row.pauseAllowed,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    durationMs: row.durationMs,
    pauses: pauses.success ? pauses.data : [],
    peaks: peaks.success ? peaks.data : null,
    sha256: row.sha256,
    retainUntil: row.retainUntil,
    retentionExtendedDays: row.retentionExtendedDays,
    retentionEnded:
      row.retentionEndedAt === null || row.retentionEndReason === null ? null : { at: row.retentionEndedAt, by: row.retentionEndedBy, reason: row.retentionEndReason },
    deletedAt: row.deletedAt,
  };
}

interface QueuePolicyRow {
  id: string;
  tenant_id: string;
  group_id: string;
  number: string;
  record_calls: boolean;
  recording_pause_allowed: boolean;
  recording_retention_days: number;
}

function toQueuePolicy(row: QueuePolicyRow): RecordingQueuePolicy {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    groupId: row.group_id,
    number: row.number,
    recordCalls: row.record_calls,
    pauseAllowed: row.recording_pause_allowed,
    retentionDays: row.recording_retention_days,
  };
}

/** Recordings whose retention may still be extended: not deleted, not ended early by an administrator. */
const retained = sql`${recordings.status} <> 'deleted' and ${recordings.retentionEndedAt} is null`;

/** Recordings over PostgreSQL. */
export class DbRecordingRepository implements RecordingRepository {
  constructor(private readonly db: Db) {}

  async agentOfExtension(extension: string): Promise<RecordingAgent | undefined> {
    const [found] = await rows<{ tenant_id: string; id: string; group_ids: string[] }>(
      this.db,
      sql`select u.tenant_id, u.id,
                 coalesce(array_agg(ug.group_id::text order by ug.group_id) filter (where ug.group_id is not null), '{}') as group_ids
            from users u
            left join user_groups ug on ug.user_id = u.id
           where u.sip_user = ${extension} and u.active
           group by u.id
           order by exists (select 1 from sessions ss where ss.user_id = u.id and ss.ended_at is null and ss.expires_at > now()) desc, u.created_at
           limit 1`,
    );
    return found ? { tenantId: found.tenant_id, userId: found.id, groupIds: found.group_ids } : undefined;
  }

  async queueByNumber(number: string): Promise<RecordingQueuePolicy | undefined> {
    const [found] = await rows<QueuePolicyRow>(
      this.db,
      sql`select id, tenant_id, group_id, number, record_calls, recording_pause_allowed, recording_retention_days
            from queues where number = ${number} and active order by created_at limit 1`,
    );
    return found ? toQueuePolicy(found) : undefined;
  }

  async queueById(tenantId: string, queueId: string): Promise<RecordingQueuePolicy | undefined> {
    if (!z.uuid().safeParse(queueId).success) return undefined;
    const [found] = await rows<QueuePolicyRow>(
      this.db,
      sql`select id, tenant_id, group_id, number, record_calls, recording_pause_allowed, recording_retention_days
            from queues where tenant_id = ${tenantId} and id = ${queueId}`,
    );
    return found ? toQueuePolicy(found) : undefined;
  }

  async create(recording: NewRecording): Promise<Recording | undefined> {
    const [inserted] = await this.db.insert(recordings).values(recording).onConflictDoNothing().returning();
    return inserted ? toRecording(inserted) : undefined;
  }

  async find(tenantId: string, id: string): Promise<Recording | undefined> {
    if (!z.uuid().safeParse(id).success) return undefined;
    const [found] = await this.db.select().from(recordings).where(and(eq(recordings.tenantId, tenantId), eq(recordings.id, id))).limit(1);
    return found ? toRecording(found) : undefined;
  }

  async findByCallId(sipCallId: string): Promise<Recording | undefined> {
    const [found] = await this.db.select().from(recordings).where(eq(recordings.sipCallId, sipCallId)).orderBy(asc(recordings.startedAt)).limit(1);
    return found ? toRecording(found) : undefined;
  }

  async listRecording(): Promise<Recording[]> {
    const found = await this.db.select().from(recordings).where(eq(recordings.status, 'recording'));
    return found.map(toRecording);
  }

  async setPauses(id: string, pauses: readonly RecordingPauseInterval[]): Promise<void> {
    await this.db.update(recordings).set({ pauses: [...pauses] }).where(eq(recordings.id, id));
  }

  async complete(
    id: string,
    finished: { endedAt: Date; durationMs: number; pauses: readonly RecordingPauseInterval[]; peaks: RecordingPeaks; sha256: string; retainUntil: Date },
  ): Promise<void> {
    await this.db
      .update(recordings)
      .set({
        status: 'complete',
        failure: null,
        endedAt: finished.endedAt,
        durationMs: finished.durationMs,
        pauses: [...finished.pauses],
        peaks: finished.peaks,
        sha256: finished.sha256,
        retainUntil: sql`${finished.retainUntil}::timestamptz + make_interval(days => ${recordings.retentionExtendedDays})`,
      })
      // A recording whose retention already ended stays deleted.
      .where(and(eq(recordings.id, id), sql`${recordings.status} <> 'deleted'`));
  }

  async fail(id: string, failure: string, endedAt: Date): Promise<void> {
    await this.db
      .update(recordings)
      .set({ status: 'failed', failure: failure.slice(0, 500), endedAt })
      .where(and(eq(recordings.id, id), sql`${recordings.status} <> 'deleted'`));
  }

  async extend(id: string, days: number): Promise<Recording | undefined> {
    const [updated] = await this.db
      .update(recordings)
      .set({
        retainUntil: sql`${recordings.retainUntil} + make_interval(days => ${days})`,
        retentionExtendedDays: sql`${recordings.retentionExtendedDays} + ${days}`,
      })
      .where(and(eq(recordings.id, id), retained))
      .returning();
    return updated ? toRecording(updated) : undefined;
  }

  async extendQueue(tenantId: string, queueId: string, days: number): Promise<number> {
    const updated = await this.db
      .update(recordings)
      .set({
        retainUntil: sql`${recordings.retainUntil} + make_interval(days => ${days})`,
        retentionExtendedDays: sql`${recordings.retentionExtendedDays} + ${days}`,
      })
      .where(and(eq(recordings.tenantId, tenantId), eq(recordings.queueId, queueId), retained))
      .returning({ id: recordings.id });
    return updated.length;
  }

  async endRetention(id: string, end: RetentionEnd): Promise<Recording | undefined> {
    const [updated] = await this.db
      .update(recordings)
      .set({ retainUntil: end.at, retentionEndedAt: end.at, retentionEndedBy: end.by, retentionEndReason: end.reason })
      .where(and(eq(recordings.id, id), sql`${recordings.status} in ('complete', 'failed')`))
      .returning();
    return updated ? toRecording(updated) : undefined;
  }

  async expired(now: Date, limit: number, skip: readonly string[]): Promise<Recording[]> {
    const found = await this.db
      .select()
      .from(recordings)
      .where(and(sql`${recordings.status} in ('complete', 'failed')`, lt(recordings.retainUntil, now), skip.length === 0 ? undefined : notInArray(recordings.id, [...skip])))
      .orderBy(asc(recordings.retainUntil))
      .limit(limit);
    return found.map(toRecording);
  }

  async claimExpired(id: string, status: RecordingStatus, now: Date): Promise<Recording | undefined> {
    const [claimed] = await this.db
      .update(recordings)
      .set({ status: 'deleted', deletedAt: now })
      .where(and(eq(recordings.id, id), eq(recordings.status, status), lt(recordings.retainUntil, now)))
      .returning();
    return claimed ? toRecording(claimed) : undefined;
  }

  async unclaim(id: string, status: RecordingStatus): Promise<void> {
    await this.db.update(recordings).set({ status, deletedAt: null }).where(and(eq(recordings.id, id), eq(recordings.status, 'deleted')));
  }

  async forgetPeaks(id: string): Promise<void> {
    await this.db.update(recordings).set({ peaks: null }).where(and(eq(recordings.id, id), eq(recordings.status, 'deleted')));
  }

  async search(query: RecordingQuery): Promise<RecordingListItem[]> {
    if (query.groupIds !== 'all' && query.groupIds.length === 0) return [];
    const inGroups = query.groupIds === 'all' ? sql`true` : sql`r.group_id in (${sql.join(query.groupIds.map((id) => sql`${id}::uuid`), sql`, `)})`;
    const digits = query.number?.replace(/[^0-9]/g, '') ?? '';
    const found = await rows<{ id: string; agent_name: string | null; agent_extension: string | null; queue_number: string | null; category_id: string | null; call_record_id: string | null }>(
      this.db,
      sql`select r.id, u.display_name as agent_name, u.sip_user as agent_extension, q.number as queue_number,
                 cr.category_id, cr.id as call_record_id
            from recordings r
            left join users u on u.id = r.agent_id
            left join queues q on q.id = r.queue_id
            left join lateral (select c.id, c.category_id from call_records c
                                where c.tenant_id = r.tenant_id and c.sip_call_id = r.sip_call_id
                                order by (c.agent_id = r.agent_id) desc nulls last, c.started_at limit 1) cr on true
           where r.tenant_id = ${query.tenantId} and r.status <> 'deleted' and ${inGroups}
             and ${query.from === undefined ? sql`true` : sql`r.started_at >= ${query.from}`}
             and ${query.to === undefined ? sql`true` : sql`r.started_at < ${query.to}`}
             and ${query.agentId === undefined ? sql`true` : sql`r.agent_id = ${query.agentId}::uuid`}
             and ${digits === '' ? sql`true` : sql`regexp_replace(coalesce(r.customer_number, ''), '[^0-9]', '', 'g') like ${`%${digits}%`}`}
             and ${query.categoryId === undefined ? sql`true` : sql`cr.category_id = ${query.categoryId}::uuid`}
             and ${query.queueId === undefined ? sql`true` : sql`r.queue_id = ${query.queueId}::uuid`}
             and ${query.before === undefined ? sql`true` : sql`(r.started_at, r.id) < (${query.before.startedAt}::timestamptz, ${query.before.id}::uuid)`}
           order by r.started_at desc, r.id desc
           limit ${query.limit}`,
    );
    if (found.length === 0) return [];
    const full = await this.db
      .select()
      .from(recordings)
      .where(sql`${recordings.id} in (${sql.join(found.map((row) => sql`${row.id}::uuid`), sql`, `)})`);
    const byId = new Map(full.map((row) => [row.id, toRecording(row)]));
    return found.flatMap((row) => {
      const recording = byId.get(row.id);
      return recording === undefined
        ? []
        : [
            {
              recording,
              agentName: row.agent_name,
              agentExtension: row.agent_extension,
              queueNumber: row.queue_number,
              categoryId: row.category_id,
              callRecordId: row.call_record_id,
            },
          ];
    });
  }
}
