import { and, asc, desc, eq, getTableColumns, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { CallDirection } from '../../../src/contract/call-records';
import type { CallCode, CallRecord, CallRecordChanges, CallRecordPage, CallRecordQuery, StoredCallRecord } from '../domain/call-records/call-record';
import type { BlindTransferWindow, CallProgress, CallRecordRepository, LockedCall, NewCallRecord, StoredCallEvent } from '../domain/call-records/call-record-repository';
import type { CustomerCallHistory } from '../domain/customers/customer-repository';
import type { Db } from './database';
import { containsPattern, keysetCursor } from './keyset-cursor';
import { callRecordEvents, callRecords, customerPhones, customers, dispositions, inquiryCategories, users } from './schema';

type CallRecordRow = typeof callRecords.$inferSelect;

const withNames = {
  ...getTableColumns(callRecords),
  agentName: users.displayName,
  customerName: customers.name,
  cursor: keysetCursor.of(callRecords.startedAt, callRecords.id),
};

/** Call records over PostgreSQL. */
export class DbCallRecordRepository implements CallRecordRepository, CustomerCallHistory {
  constructor(private readonly db: Db) {}

  async withCall<T>(draft: NewCallRecord, work: (call: LockedCall) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(callRecords)
        .values({
          tenantId: draft.tenantId,
          groupId: draft.groupId,
          agentId: draft.agentId,
          sipCallId: draft.sipCallId,
          direction: draft.direction,
          remoteNumber: draft.remoteNumber,
          localNumber: draft.localNumber,
          customerId: customerWithNumber(draft.tenantId, draft.groupId, draft.remoteNumber),
          queue: draft.queue,
          phase: draft.phase,
          startedAt: draft.startedAt,
          createdAt: draft.now,
          updatedAt: draft.now,
        })
        .onConflictDoNothing({ target: [callRecords.tenantId, callRecords.sipCallId, callRecords.direction] })
        .returning({ id: callRecords.id });
      const [row] = await tx
        .select()
        .from(callRecords)
        .where(and(eq(callRecords.tenantId, draft.tenantId), eq(callRecords.sipCallId, draft.sipCallId), eq(callRecords.direction, draft.direction)))
        .for('update');
      if (!row) throw new Error(`${draft.direction} call record ${draft.sipCallId} neither created nor found`);
      const events = await tx.select().from(callRecordEvents).where(eq(callRecordEvents.callRecordId, row.id));
      return work({
        record: toStored(row),
        created: inserted.length > 0,
        events: events.map((event) => ({
          phase: event.phase,
          at: event.at,
          agentId: event.agentId,
          endReason: event.endReason,
          transferredTo: event.transferredTo,
          linkedSipCallId: event.linkedSipCallId,
        })),
        async addEvent(event: StoredCallEvent) {
          const added = await tx
            .insert(callRecordEvents)
            .values({
              callRecordId: row.id,
              tenantId: row.tenantId,
              agentId: event.agentId,
              phase: event.phase,
              at: event.at,
              endReason: event.endReason ?? null,
              transferredTo: event.transferredTo ?? null,
              linkedSipCallId: event.linkedSipCallId ?? null,
            })
            .onConflictDoNothing({ target: [callRecordEvents.callRecordId, callRecordEvents.phase, callRecordEvents.at] })
            .returning({ id: callRecordEvents.id });
          return added.length > 0;
        },
        async save(progress: CallProgress) {
          const t = progress.timeline;
          const [saved] = await tx
            .update(callRecords)
            .set({
              agentId: progress.agentId,
              groupId: progress.groupId,
              ...(progress.relinkCustomer ? { customerId: customerWithNumber(row.tenantId, progress.groupId, progress.remoteNumber) } : {}),
              remoteNumber: progress.remoteNumber,
              localNumber: progress.localNumber,
              queue: progress.queue,
              recordingRef: progress.recordingRef,
              phase: t.phase,
              startedAt: t.startedAt,
              offeredAt: t.offeredAt,
              answeredAt: t.answeredAt,
              endedAt: t.endedAt,
              heldSeconds: t.heldSeconds,
              durationSeconds: t.durationSeconds,
              endReason: t.endReason,
              transferredTo: t.transferredTo,
              updatedAt: progress.now,
            })
            .where(eq(callRecords.id, row.id))
            .returning();
          if (!saved) throw new Error(`call record ${row.id} vanished while locked`);
          return toStored(saved);
        },
      });
    });
  }

  async linkCallSides(tenantId: string, sipCallId: string, filedBy: { readonly direction: CallDirection; readonly agentId: string }): Promise<void> {
    await this.db.execute(sql`
      update call_records c
         set linked_call_id = other.id
        from call_records other
       where c.tenant_id = ${tenantId} and c.sip_call_id = ${sipCallId} and c.linked_call_id is null
         and other.tenant_id = c.tenant_id and other.sip_call_id = c.sip_call_id and other.direction <> c.direction
         -- The agent who filed the new side is a party of the call the existing side describes.
         and exists (
           select 1
             from call_records theirs
             join users me on me.id = ${filedBy.agentId} and me.tenant_id = theirs.tenant_id and me.sip_user is not null
            where theirs.tenant_id = ${tenantId} and theirs.sip_call_id = ${sipCallId} and theirs.direction <> ${filedBy.direction}
              and (theirs.remote_number = me.sip_user
                   or exists (select 1 from queue_calls qc
                               where qc.tenant_id = theirs.tenant_id and qc.sip_call_id = theirs.sip_call_id
                                 and (qc.answered_by = me.id or qc.ringing_extension = me.sip_user))))`);
  }

  async linkTransferLegs(tenantId: string, sipCallId: string): Promise<void> {
    // Of the two sides of the named leg, the one the same agent filed is theirs (the
    // consultation call they made), the other is the colleague's side of it.
    await this.db.execute(sql`
      with pair as (
        select e.call_record_id as a, other.id as b
          from call_record_events e
          join call_records self on self.id = e.call_record_id
          join call_records other on other.tenant_id = e.tenant_id and other.sip_call_id = e.linked_sip_call_id
         where e.tenant_id = ${tenantId} and e.linked_sip_call_id is not null
           and (self.sip_call_id = ${sipCallId} or e.linked_sip_call_id = ${sipCallId})
           and other.sip_call_id <> self.sip_call_id
         order by e.id, (other.agent_id is not distinct from e.agent_id) desc, other.created_at, other.id
         limit 1)
      update call_records c
         set linked_call_id = case when c.id = pair.a then pair.b else pair.a end
        from pair
       where c.id in (pair.a, pair.b)
         and (c.linked_call_id is null
              or exists (select 1 from call_records side where side.id = c.linked_call_id and side.sip_call_id = c.sip_call_id))`);
  }

  async linkBlindTransfer(tenantId: string, sipCallId: string, window: BlindTransferWindow): Promise<void> {
    const before = sql`make_interval(secs => ${window.beforeSeconds})`;
    const after = sql`make_interval(secs => ${window.afterSeconds})`;
    // Both ends are found through the customer's number (call_records_by_number); the named
    // Call-ID is either the transferred call or the inbound call that may follow one.
    await this.db.execute(sql`
      with candidate as (
        select t.id as a, f.id as b, e.transferred_to as target, e.at, f.started_at
          from call_records t
          join call_record_events e on e.call_record_id = t.id
          join call_records f on f.tenant_id = t.tenant_id and f.remote_number = t.remote_number and f.direction = 'inbound'
                             and f.started_at between e.at - ${before} and e.at + ${after}
         where t.tenant_id = ${tenantId} and t.sip_call_id = ${sipCallId} and t.remote_number is not null
           and e.phase = 'transferred' and e.linked_sip_call_id is null and e.transferred_to is not null
        union all
        select t.id, f.id, e.transferred_to, e.at, f.started_at
          from call_records f
          join call_records t on t.tenant_id = f.tenant_id and t.remote_number = f.remote_number
          join call_record_events e on e.call_record_id = t.id
         where f.tenant_id = ${tenantId} and f.sip_call_id = ${sipCallId} and f.direction = 'inbound' and f.remote_number is not null
           and e.phase = 'transferred' and e.linked_sip_call_id is null and e.transferred_to is not null
           and f.started_at between e.at - ${before} and e.at + ${after}),
      pair as (
        select c.a, c.b
          from candidate c
          join call_records t on t.id = c.a
          join call_records f on f.id = c.b
          left join users target_agent on target_agent.id = f.agent_id
         where f.sip_call_id <> t.sip_call_id and f.answered_at is not null
           and (c.target = target_agent.sip_user or c.target = f.queue
                or exists (select 1 from queue_calls qc join queues q on q.id = qc.queue_id
                            where qc.tenant_id = f.tenant_id and qc.sip_call_id = f.sip_call_id and q.number = c.target))
           and (t.linked_call_id is null or t.linked_call_id = f.id
                or exists (select 1 from call_records side where side.id = t.linked_call_id and side.sip_call_id = t.sip_call_id))
           and (f.linked_call_id is null or f.linked_call_id = t.id
                or exists (select 1 from call_records side where side.id = f.linked_call_id and side.sip_call_id = f.sip_call_id))
         order by abs(extract(epoch from (c.started_at - c.at))), f.created_at, f.id
         limit 1)
      update call_records c
         set linked_call_id = case when c.id = pair.a then pair.b else pair.a end
        from pair
       where c.id in (pair.a, pair.b)`);
  }

  async find(tenantId: string, id: string): Promise<CallRecord | undefined> {
    const [row] = await this.selectWithNames()
      .where(and(eq(callRecords.tenantId, tenantId), eq(callRecords.id, id)))
      .limit(1);
    return row ? toRecord(row) : undefined;
  }

  async update(tenantId: string, id: string, expectedVersion: number, changes: CallRecordChanges, now: Date): Promise<CallRecord | 'stale' | undefined> {
    const updated = await this.db
      .update(callRecords)
      .set({ ...changes, version: sql`${callRecords.version} + 1`, updatedAt: now })
      .where(and(eq(callRecords.tenantId, tenantId), eq(callRecords.id, id), eq(callRecords.version, expectedVersion)))
      .returning({ id: callRecords.id });
    if (updated.length === 0) return (await this.find(tenantId, id)) ? 'stale' : undefined;
    return this.find(tenantId, id);
  }

  async search(query: CallRecordQuery): Promise<CallRecordPage> {
    const conditions: SQL[] = [eq(callRecords.tenantId, query.tenantId), inGroups(query.groupIds)];
    if (query.from) conditions.push(gte(callRecords.startedAt, query.from));
    if (query.to) conditions.push(lt(callRecords.startedAt, query.to));
    if (query.agentId) conditions.push(eq(callRecords.agentId, query.agentId));
    if (query.remoteNumber !== undefined) conditions.push(query.remoteNumber === null ? isNull(callRecords.remoteNumber) : eq(callRecords.remoteNumber, query.remoteNumber));
    if (query.customerId) conditions.push(eq(callRecords.customerId, query.customerId));
    if (query.categoryId) conditions.push(eq(callRecords.categoryId, query.categoryId));
    if (query.dispositionId) conditions.push(eq(callRecords.dispositionId, query.dispositionId));
    // Served by the trigram index on notes, Japanese included (no word boundaries needed).
    if (query.text) {
      // With an agent the agent's index already narrows to a few hundred rows; letting the
      // planner also scan the trigram index would read every matching note of the year
      // (bench:data). The expression hides the column from that index on purpose.
      const narrow = Boolean(query.agentId);
      conditions.push(narrow ? sql`(coalesce(${callRecords.notes}, '') || '') ilike ${containsPattern(query.text)}` : ilike(callRecords.notes, containsPattern(query.text)));
    }
    if (query.cursor) conditions.push(keysetCursor.after(query.cursor, callRecords.startedAt, callRecords.id));
    const found = await this.selectWithNames()
      .where(and(...conditions))
      .orderBy(desc(callRecords.startedAt), desc(callRecords.id))
      .limit(query.limit + 1);
    const page = found.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toRecord), nextCursor: found.length > query.limit && last ? keysetCursor.encode(last.cursor) : null };
  }

  async recentForCustomer(tenantId: string, groupIds: 'all' | readonly string[], customerId: string, numbers: readonly string[], limit: number): Promise<CallRecord[]> {
    const theirs = numbers.length === 0 ? eq(callRecords.customerId, customerId) : or(eq(callRecords.customerId, customerId), and(isNull(callRecords.customerId), inArray(callRecords.remoteNumber, [...numbers])));
    const found = await this.selectWithNames()
      .where(and(eq(callRecords.tenantId, tenantId), inGroups(groupIds), theirs))
      .orderBy(desc(callRecords.startedAt), desc(callRecords.id))
      .limit(limit);
    return found.map(toRecord);
  }

  async categories(tenantId: string): Promise<CallCode[]> {
    return this.db
      .select({ id: inquiryCategories.id, nameJa: inquiryCategories.nameJa, nameEn: inquiryCategories.nameEn, active: inquiryCategories.active, sortOrder: inquiryCategories.sortOrder })
      .from(inquiryCategories)
      .where(eq(inquiryCategories.tenantId, tenantId))
      .orderBy(asc(inquiryCategories.sortOrder), asc(inquiryCategories.nameJa));
  }

  async dispositions(tenantId: string): Promise<CallCode[]> {
    return this.db
      .select({ id: dispositions.id, nameJa: dispositions.nameJa, nameEn: dispositions.nameEn, active: dispositions.active, sortOrder: dispositions.sortOrder })
      .from(dispositions)
      .where(eq(dispositions.tenantId, tenantId))
      .orderBy(asc(dispositions.sortOrder), asc(dispositions.nameJa));
  }

  async customerInGroup(tenantId: string, groupId: string, customerId: string): Promise<boolean> {
    const found = await this.db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.tenantId, tenantId), eq(customers.groupId, groupId), eq(customers.id, customerId)))
      .limit(1);
    return found.length > 0;
  }

  private selectWithNames() {
    return this.db.select(withNames).from(callRecords).leftJoin(users, eq(users.id, callRecords.agentId)).leftJoin(customers, eq(customers.id, callRecords.customerId));
  }
}

/** The customer of `groupId` with this number, found by the database as the row is written. */
function customerWithNumber(tenantId: string, groupId: string, number: string | null): SQL | null {
  if (number === null) return null;
  return sql`(select ${customerPhones.customerId} from ${customerPhones}
               where ${customerPhones.tenantId} = ${tenantId} and ${customerPhones.groupId} = ${groupId} and ${customerPhones.e164} = ${number})`;
}

function inGroups(groupIds: 'all' | readonly string[]): SQL {
  if (groupIds === 'all') return sql`true`;
  return groupIds.length === 0 ? sql`false` : inArray(callRecords.groupId, [...groupIds]);
}

function toStored(row: CallRecordRow): StoredCallRecord {
  return row;
}

function toRecord(row: CallRecordRow & { agentName: string | null; customerName: string | null; cursor: string }): CallRecord {
  const { cursor: _cursor, ...record } = row;
  return record;
}
