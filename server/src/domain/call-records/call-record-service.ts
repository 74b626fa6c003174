import type { CallEventRequest, CallRecordFilter, CallRecordPatch } from '../../../../src/contract/call-records';
import type { CallPhase } from '../../../../src/contract/events';
import { auditEntry, type AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { DomainError, forbidden, notFound } from '../errors';
import type { Actor, RequestOrigin } from '../identity/actor';
import { requireGroup, visibleGroups } from '../identity/access-policy';
import type { LiveEvents } from '../live/live-events';
import type { CallCode, CallRecord, CallRecordChanges, CallRecordPage, CallRecordQuery, StoredCallRecord } from './call-record';
import { CallRecordCsv } from './call-record-csv';
import type { BlindTransferWindow, CallProgress, CallRecordRepository, StoredCallEvent } from './call-record-repository';
import { readCallParty } from './call-party';
import { deriveCallTimeline } from './call-timeline';
import { endOfTokyoDay, startOfTokyoDay } from './tokyo-time';

type FieldProblem = { path: string; message: string };

/** How far ahead of the service's clock an event's time may be (a browser's clock drifts). */
const maxClockAheadMs = 5 * 60_000;
/** How late an event may arrive (a softphone that was offline sends what it kept). */
const maxEventAgeMs = 7 * 24 * 3600_000;
/**
 * When the inbound call that follows a blind transfer may start: up to 3 minutes after the
 * transfer (the customer's phone calls the target, which may wait in a queue — 2 minutes in
 * the demo queues — before an agent's phone rings), and up to 30 s before it (two browsers'
 * clocks).
 */
const blindTransferWindow: BlindTransferWindow = { beforeSeconds: 30, afterSeconds: 180 };
/** Records per query while writing an export. */
const exportPageSize = 500;
const day = /^\d{4}-\d{2}-\d{2}$/;

/** What a call event did to its record. */
export interface CallEventOutcome {
  readonly callRecordId: string;
  readonly version: number;
  readonly phase: CallPhase;
  /** False for a replay or an event that changes nothing. */
  readonly changed: boolean;
  readonly created: boolean;
}

/**
 * Call records (応対記録, A9): created by the agent's softphone from SIP call events, completed
 * by the agent (category, notes, disposition, follow-up), searched and exported (C2).
 *
 * @remarks
 * Records belong to the agent's group (所属): administrators see every group, supervisors and
 * agents their own groups (C1). Each read, search, export and change is written to the audit
 * log before anything is returned. The agent's part is guarded by a version (optimistic
 * concurrency): a change made on a stale copy is refused with `conflict`, never merged
 * silently. Call events do not move that version, so a form opened during the call can be
 * saved after the hang-up.
 */
export class CallRecordService {
  constructor(
    private readonly repository: CallRecordRepository,
    private readonly audit: AuditLog,
    private readonly liveEvents: LiveEvents,
    private readonly clock: Clock,
  ) {}

  /**
   * Files one event of the agent's own side of a call, keyed by the SIP Call-ID and the
   * direction; creates the record on the first. Idempotent: a replay changes nothing and is
   * neither audited nor published.
   * @remarks A call between two agents has two sides with one Call-ID: the caller's outbound
   * record and the callee's inbound record, each with its own agent, fields and version,
   * linked to each other (`linkedCallId`). Within one side, when a queue offers one Call-ID to
   * several agents, the agent who answers takes the record over, provided no one has answered
   * it yet; any other event on another agent's side is refused.
   *
   * Transfers link the two legs' records both ways (`linkedCallId`). An attended transfer
   * names its consultation's Call-ID. A blind transfer (REFER) cannot: the customer's phone
   * places a new call the transferring agent never sees. Its `transferred` event (with
   * `transferredTo` and no `linkedSipCallId`) is kept as a pending blind transfer, and is
   * linked to the inbound call that followed it when everything matches: same customer number
   * (a withheld number links nothing), another Call-ID, answered by the target agent (their
   * extension is `transferredTo`) or through the target queue (the record's `queue` is
   * `transferredTo`, or the PBX asked the service to route that Call-ID through it), started from 30 s before to 3 minutes after the transfer; the nearest in
   * time if several, never a leg already linked to another transfer. Whichever of the two
   * events (the transfer, the answer) arrives last makes the link.
   */
  async fileEvent(actor: Actor, origin: RequestOrigin, sipCallId: string, event: CallEventRequest): Promise<CallEventOutcome> {
    if (actor.role !== 'agent') throw forbidden('call events are filed by the agent on the call');
    const groupId = actor.groupIds[0];
    if (!groupId) throw forbidden('you belong to no group');
    const now = this.clock();
    const at = new Date(event.at);
    const problems: FieldProblem[] = [];
    if (at.getTime() > now.getTime() + maxClockAheadMs) problems.push({ path: 'at', message: 'is in the future; check the computer clock' });
    if (at.getTime() < now.getTime() - maxEventAgeMs) problems.push({ path: 'at', message: 'is more than 7 days ago' });
    const remoteNumber = event.remoteNumber === null ? null : partyOrProblem(event.remoteNumber, 'remoteNumber', problems);
    const localNumber = event.localNumber === undefined ? null : partyOrProblem(event.localNumber, 'localNumber', problems);
    if (problems.length > 0) throw new DomainError('validation', 'some fields are invalid', problems);
    const transferredTo = event.transferredTo === undefined ? null : (readCallParty(event.transferredTo)?.value ?? event.transferredTo);

    const stored: StoredCallEvent = {
      phase: event.phase,
      at,
      agentId: actor.userId,
      endReason: event.phase === 'ended' ? (event.endReason ?? null) : null,
      transferredTo: event.phase === 'transferred' ? transferredTo : null,
      linkedSipCallId: event.linkedSipCallId ?? null,
    };
    const draft = {
      tenantId: actor.tenantId,
      groupId,
      agentId: actor.userId,
      sipCallId,
      direction: event.direction,
      remoteNumber,
      localNumber,
      queue: event.queue ?? null,
      phase: event.phase,
      startedAt: at,
      now,
    };

    const result = await this.repository.withCall(draft, async (call) => {
      const record = call.record;
      const takeover = !call.created && record.agentId !== actor.userId;
      if (takeover && (event.phase !== 'answered' || record.answeredAt !== null)) throw forbidden(`this call's ${record.direction} side is handled by another agent`);
      const added = await call.addEvent(stored);
      const ownerId = takeover ? actor.userId : record.agentId;
      const progress: CallProgress = {
        agentId: ownerId,
        groupId: takeover ? groupId : record.groupId,
        relinkCustomer: takeover && groupId !== record.groupId,
        timeline: deriveCallTimeline(added ? [...call.events, stored] : call.events, ownerId, record.direction),
        remoteNumber: record.remoteNumber ?? remoteNumber,
        localNumber: record.localNumber ?? localNumber,
        queue: record.queue ?? event.queue ?? null,
        recordingRef: event.recordingRef ?? record.recordingRef,
        now,
      };
      if (!call.created && sameProgress(record, progress)) return { record, changed: false, created: false };
      return { record: await call.save(progress), changed: true, created: call.created };
    });

    const { record } = result;
    if (result.changed) {
      await this.audit.record(
        auditEntry(actor, origin, result.created ? 'create' : 'update', 'call-record', record.id, { sipCallId, phase: event.phase, at: at.toISOString() }),
      );
      this.liveEvents.publish({
        type: 'call',
        tenantId: record.tenantId,
        at: at.toISOString(),
        sipCallId,
        agentId: record.agentId,
        groupId: record.groupId,
        phase: record.phase,
        direction: record.direction,
        remoteNumber: record.remoteNumber,
        queue: record.queue,
      });
    }
    if (result.created) await this.repository.linkCallSides(actor.tenantId, sipCallId, { direction: event.direction, agentId: actor.userId });
    if (result.created || event.linkedSipCallId) await this.repository.linkTransferLegs(actor.tenantId, sipCallId);
    const blindTransfer = event.phase === 'transferred' && event.linkedSipCallId === undefined;
    const answeredInbound = event.phase === 'answered' && event.direction === 'inbound';
    if (blindTransfer || answeredInbound) await this.repository.linkBlindTransfer(actor.tenantId, sipCallId, blindTransferWindow);
    return { callRecordId: record.id, version: record.version, phase: record.phase, changed: result.changed, created: result.created };
  }

  /** One record, for a reader of its group; audited. */
  async get(actor: Actor, origin: RequestOrigin, id: string): Promise<CallRecord> {
    const record = await this.readable(actor, id);
    await this.audit.record(auditEntry(actor, origin, 'read', 'call-record', record.id));
    return record;
  }

  /**
   * Saves the agent's part of a record: the agent of the call, a supervisor of its group or
   * an administrator. Every invalid field is reported at once and nothing is written.
   * @remarks A change that changes nothing keeps the version (so repeating it is harmless),
   * but is still refused when `expectedVersion` is stale: the editor's copy is out of date.
   */
  async update(actor: Actor, origin: RequestOrigin, id: string, patch: CallRecordPatch): Promise<CallRecord> {
    const record = await this.readable(actor, id);
    if (actor.role === 'agent' && record.agentId !== actor.userId) throw forbidden('agents complete the records of their own calls');

    const problems: FieldProblem[] = [];
    const [categories, dispositions] = await Promise.all([
      patch.categoryId ? this.repository.categories(actor.tenantId) : [],
      patch.dispositionId ? this.repository.dispositions(actor.tenantId) : [],
    ]);
    if (patch.categoryId && !usable(categories, patch.categoryId, record.categoryId)) problems.push({ path: 'categoryId', message: 'no such inquiry category in use' });
    if (patch.dispositionId && !usable(dispositions, patch.dispositionId, record.dispositionId)) problems.push({ path: 'dispositionId', message: 'no such disposition in use' });
    if (patch.customerId && !(await this.repository.customerInGroup(actor.tenantId, record.groupId, patch.customerId))) {
      problems.push({ path: 'customerId', message: "no such customer in this record's group" });
    }
    if (problems.length > 0) throw new DomainError('validation', 'some fields are invalid', problems);
    if (patch.expectedVersion !== record.version) throw stale(record.version);

    const changes = changesOf(record, patch);
    const changed = Object.keys(changes);
    let saved = record;
    if (changed.length > 0) {
      const result = await this.repository.update(actor.tenantId, id, patch.expectedVersion, changes, this.clock());
      if (result === undefined) throw notFound('call record');
      if (result === 'stale') throw stale(undefined);
      saved = result;
    }
    await this.audit.record(auditEntry(actor, origin, 'update', 'call-record', id, { changed, version: saved.version }));
    return saved;
  }

  /** Records of the reader's groups, newest first; the search and what it returned are audited. */
  async search(actor: Actor, origin: RequestOrigin, filter: CallRecordFilter & { cursor?: string | undefined; limit: number }): Promise<CallRecordPage> {
    const page = await this.repository.search({ ...this.queryOf(actor, filter), cursor: filter.cursor, limit: filter.limit });
    await this.audit.record(
      auditEntry(actor, origin, 'search', 'call-record', null, { filters: filtersOf(filter), count: page.items.length, ids: page.items.map((record) => record.id) }),
    );
    return page;
  }

  /**
   * The records matching `filter` as CSV lines (header first), for Japanese Excel.
   * @remarks Audited before the first line is produced; written page by page, so an export
   * of a whole contract period does not sit in memory.
   */
  async export(actor: Actor, origin: RequestOrigin, filter: CallRecordFilter, lang: 'ja' | 'en'): Promise<AsyncIterable<string>> {
    const query = this.queryOf(actor, filter);
    const [categories, dispositions] = await Promise.all([this.repository.categories(actor.tenantId), this.repository.dispositions(actor.tenantId)]);
    await this.audit.record(auditEntry(actor, origin, 'export', 'call-record', null, { filters: filtersOf(filter), lang }));
    const csv = new CallRecordCsv(lang, categories, dispositions);
    const repository = this.repository;
    return (async function* lines() {
      yield csv.header();
      let cursor: string | undefined;
      do {
        const page = await repository.search({ ...query, cursor, limit: exportPageSize });
        if (page.items.length > 0) yield page.items.map((record) => csv.row(record)).join('');
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    })();
  }

  /** The tenant's inquiry categories (問い合わせ分類), in display order, retired ones included. */
  async categories(actor: Actor): Promise<CallCode[]> {
    return this.repository.categories(actor.tenantId);
  }

  /** The tenant's dispositions (対応結果), in display order, retired ones included. */
  async dispositions(actor: Actor): Promise<CallCode[]> {
    return this.repository.dispositions(actor.tenantId);
  }

  private async readable(actor: Actor, id: string): Promise<CallRecord> {
    const record = await this.repository.find(actor.tenantId, id);
    if (!record) throw notFound('call record');
    requireGroup(actor, record.groupId);
    return record;
  }

  private queryOf(actor: Actor, filter: CallRecordFilter): Omit<CallRecordQuery, 'limit' | 'cursor'> {
    let remoteNumber: string | null | undefined;
    if (filter.number !== undefined) {
      const party = readCallParty(filter.number);
      if (!party) throw new DomainError('validation', 'some fields are invalid', [{ path: 'number', message: 'not a phone number or extension' }]);
      remoteNumber = party.value;
    }
    return {
      tenantId: actor.tenantId,
      groupIds: visibleGroups(actor),
      from: filter.from === undefined ? undefined : day.test(filter.from) ? startOfTokyoDay(filter.from) : new Date(filter.from),
      to: filter.to === undefined ? undefined : day.test(filter.to) ? endOfTokyoDay(filter.to) : new Date(filter.to),
      agentId: filter.agentId,
      remoteNumber,
      customerId: filter.customerId,
      categoryId: filter.categoryId,
      dispositionId: filter.dispositionId,
      text: filter.q,
    };
  }
}

function partyOrProblem(text: string, path: string, problems: FieldProblem[]): string | null {
  const party = readCallParty(text);
  if (!party) problems.push({ path, message: 'not a phone number or extension' });
  return party?.value ?? null;
}

/** A code may be chosen when it is in use, or when the record already has it. */
function usable(codes: readonly CallCode[], id: string, current: string | null): boolean {
  return codes.some((code) => code.id === id && (code.active || id === current));
}

function stale(current: number | undefined): DomainError {
  const now = current === undefined ? '' : ` (now version ${current})`;
  return new DomainError('conflict', `this call record was changed by someone else${now}; reload it and make your change again`);
}

function changesOf(record: StoredCallRecord, patch: CallRecordPatch): CallRecordChanges {
  const changes: { -readonly [K in keyof CallRecordChanges]: CallRecordChanges[K] } = {};
  if (patch.categoryId !== undefined && patch.categoryId !== record.categoryId) changes.categoryId = patch.categoryId;
  if (patch.notes !== undefined && patch.notes !== record.notes) changes.notes = patch.notes;
  if (patch.dispositionId !== undefined && patch.dispositionId !== record.dispositionId) changes.dispositionId = patch.dispositionId;
  if (patch.followUpAt !== undefined && patch.followUpAt !== record.followUpAt) changes.followUpAt = patch.followUpAt;
  if (patch.customerId !== undefined && patch.customerId !== record.customerId) changes.customerId = patch.customerId;
  return changes;
}

function sameProgress(record: StoredCallRecord, progress: CallProgress): boolean {
  const t = progress.timeline;
  const sameTime = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());
  return (
    record.agentId === progress.agentId &&
    record.groupId === progress.groupId &&
    record.phase === t.phase &&
    sameTime(record.startedAt, t.startedAt) &&
    sameTime(record.offeredAt, t.offeredAt) &&
    sameTime(record.answeredAt, t.answeredAt) &&
    sameTime(record.endedAt, t.endedAt) &&
    record.heldSeconds === t.heldSeconds &&
    record.durationSeconds === t.durationSeconds &&
    record.endReason === t.endReason &&
    record.transferredTo === t.transferredTo &&
    record.remoteNumber === progress.remoteNumber &&
    record.localNumber === progress.localNumber &&
    record.queue === progress.queue &&
    record.recordingRef === progress.recordingRef
  );
}

/** The filters as given, for the audit log. */
function filtersOf(filter: CallRecordFilter): Record<string, string> {
  const entries = Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'cursor');
  return Object.fromEntries(entries);
}
