import type { CallCode, CallDirection, CallEndReason, CallEventRequest, CallRecordDto, CallRecordFilter, CallRecordPatch } from '../../contract/call-records';
import type { CallPhase } from '../../contract/events';
import { exhaustiveSwitchError } from '../../lib/exhaustive-switch-error';
import { exportColumns as callRecordExportColumns, exportLocales as callRecordExportLocales, type ExportColumn as CallRecordExportColumn } from '../../contract/call-record-export';
import { foldCallTimeline, type TimedCallEvent as MockCallEvent } from '../../contract/call-timeline';
import { byteOrderMark, csvLine } from './csv-text';
import { demoAccounts, type DemoAccount } from './demo-directory';
import { keysetPage, newestFirst } from './keyset-cursor';
import { inGroups, requireGroup, visibleGroups } from './mock-access';
import { buildDemoCallRecords } from './demo-call-records';
import { buildDemoCustomers } from './demo-customers';
import { mockCustomers, type MockCustomers } from './mock-customers';
import { mockDatabase } from './mock-database';
import { MockRefusal, type FieldProblem } from './mock-refusal';
import { formatNational, readCallParty } from './phone-numbers';
import { endOfTokyoDay, formatTokyoDateTime, startOfTokyoDay } from './tokyo-time';

/** A call record as the mock keeps it: the contract's fields without the joined names; times in milliseconds. */
export interface MockCallRecord {
  readonly id: string;
  readonly sipCallId: string;
  readonly groupId: string;
  readonly agentId: string | null;
  readonly direction: CallDirection;
  readonly remoteNumber: string | null;
  readonly localNumber: string | null;
  readonly customerId: string | null;
  readonly queue: string | null;
  readonly phase: CallPhase;
  readonly startedAt: number;
  readonly offeredAt: number | null;
  readonly answeredAt: number | null;
  readonly endedAt: number | null;
  readonly durationSeconds: number | null;
  readonly heldSeconds: number;
  readonly endReason: CallEndReason | null;
  readonly transferredTo: string | null;
  readonly linkedCallId: string | null;
  readonly recordingRef: string | null;
  readonly categoryId: string | null;
  readonly notes: string;
  readonly dispositionId: string | null;
  readonly followUpAt: string | null;
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A call event as stored with its record, in arrival order. */
export interface MockStoredCallEvent extends MockCallEvent {
  readonly callRecordId: string;
  readonly linkedSipCallId: string | null;
}

/** Everything the call-record module holds; what a reset loads. */
export interface MockCallRecordData {
  readonly categories: readonly CallCode[];
  readonly dispositions: readonly CallCode[];
  readonly records: readonly MockCallRecord[];
  readonly events: readonly MockStoredCallEvent[];
}

/** What a call event did. */
export interface MockCallEventOutcome {
  readonly record: MockCallRecord;
  /** False for a replay or an event that changes nothing. */
  readonly changed: boolean;
  /** The event created the record (the service answers 201). */
  readonly created: boolean;
}

/** How far ahead of the service's clock an event may be (a browser's clock drifts). */
const maxClockAheadMs = 5 * 60_000;
/** How late an event may arrive (a softphone that was offline sends what it kept). */
const maxEventAgeMs = 7 * 24 * 3600_000;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/u;

/**
 * The call records (応対記録) of the mock service, with the service's rules.
 *
 * @remarks
 * Records are keyed by SIP Call-ID and direction (one per side of a call) and folded from
 * their events (see {@link foldCallTimeline}), so events are idempotent and may come in any
 * order; events never move `version`, only the agent's part does, guarded by
 * `expectedVersion`. Records belong to the group of the agent who had the call: agents and
 * supervisors see their groups', administrators every group's.
 */
export class MockCallRecords {
  private readonly byId = new Map<string, MockCallRecord>();
  private events: MockStoredCallEvent[] = [];
  private categories: readonly CallCode[] = [];
  private dispositions: readonly CallCode[] = [];

  constructor(private readonly customers: MockCustomers) {}

  /** Replaces every record, event and code (a reset, the demo data). */
  load(data: MockCallRecordData): void {
    this.byId.clear();
    for (const record of data.records) this.byId.set(record.id, record);
    this.events = [...data.events];
    this.categories = sortedCodes(data.categories);
    this.dispositions = sortedCodes(data.dispositions);
  }

  /** Inquiry categories (問い合わせ分類) in display order, retired ones included. */
  listCategories(): readonly CallCode[] {
    return this.categories;
  }

  /** Dispositions (対応結果) in display order, retired ones included. */
  listDispositions(): readonly CallCode[] {
    return this.dispositions;
  }

  /** Every record, in no particular order. */
  all(): readonly MockCallRecord[] {
    return [...this.byId.values()];
  }

  /**
   * Files one event of the agent's own side of a call and folds the record again.
   * @remarks A record is one side of a call, keyed by Call-ID and direction: when one agent
   * calls another, the caller's outbound record and the callee's inbound record are two,
   * linked to each other. Within one side, when a queue offers one Call-ID to several agents,
   * the agent who answers first takes the record over; any other event on another agent's side
   * is refused.
   */
  fileEvent(account: DemoAccount, sipCallId: string, event: CallEventRequest, now: number): MockCallEventOutcome {
    if (account.role !== 'agent') throw MockRefusal.forbidden('call events are filed by the agent on the call');
    const groupId = account.groupIds[0];
    if (groupId === undefined) throw MockRefusal.forbidden('you belong to no group');
    const at = Date.parse(event.at);
    const problems: FieldProblem[] = [];
    if (at > now + maxClockAheadMs) problems.push({ path: 'at', message: 'is in the future; check the computer clock' });
    if (at < now - maxEventAgeMs) problems.push({ path: 'at', message: 'is more than 7 days ago' });
    const remoteNumber = event.remoteNumber === null ? null : partyOrProblem(event.remoteNumber, 'remoteNumber', problems);
    const localNumber = event.localNumber === undefined ? null : partyOrProblem(event.localNumber, 'localNumber', problems);
    if (problems.length > 0) throw MockRefusal.invalid(problems);
    const transferredTo = event.transferredTo === undefined ? null : (readCallParty(event.transferredTo)?.value ?? event.transferredTo);

    const existing = this.all().find((record) => record.sipCallId === sipCallId && record.direction === event.direction);
    const record: MockCallRecord = existing ?? {
      id: crypto.randomUUID(),
      sipCallId,
      groupId,
      agentId: account.id,
      direction: event.direction,
      remoteNumber,
      localNumber,
      customerId: this.customers.withNumber(groupId, remoteNumber),
      queue: event.queue ?? null,
      phase: event.phase,
      startedAt: at,
      offeredAt: null,
      answeredAt: null,
      endedAt: null,
      durationSeconds: null,
      heldSeconds: 0,
      endReason: null,
      transferredTo: null,
      linkedCallId: null,
      recordingRef: null,
      categoryId: null,
      notes: '',
      dispositionId: null,
      followUpAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const created = existing === undefined;
    const takeover = !created && record.agentId !== account.id;
    if (takeover && (event.phase !== 'answered' || record.answeredAt !== null)) throw MockRefusal.forbidden(`this call's ${record.direction} side is handled by another agent`);

    const stored: MockStoredCallEvent = {
      callRecordId: record.id,
      phase: event.phase,
      at,
      agentId: account.id,
      endReason: event.phase === 'ended' ? (event.endReason ?? null) : null,
      transferredTo: event.phase === 'transferred' ? transferredTo : null,
      linkedSipCallId: event.linkedSipCallId ?? null,
    };
    const replay = this.eventsOf(record.id).some((known) => known.phase === stored.phase && known.at === stored.at);
    if (!replay) this.events.push(stored);

    const ownerId = takeover ? account.id : record.agentId;
    const owningGroup = takeover ? groupId : record.groupId;
    const progressed: MockCallRecord = {
      ...record,
      ...foldCallTimeline(this.eventsOf(record.id), ownerId, record.direction),
      agentId: ownerId,
      groupId: owningGroup,
      customerId: owningGroup === record.groupId ? record.customerId : this.customers.withNumber(owningGroup, record.remoteNumber ?? remoteNumber),
      remoteNumber: record.remoteNumber ?? remoteNumber,
      localNumber: record.localNumber ?? localNumber,
      queue: record.queue ?? event.queue ?? null,
      recordingRef: event.recordingRef ?? record.recordingRef,
    };
    const changed = created || !sameProgress(record, progressed);
    const saved = changed ? { ...progressed, updatedAt: now } : record;
    this.byId.set(saved.id, saved);
    if (created) this.linkCallSides(sipCallId);
    if (created || event.linkedSipCallId !== undefined) this.linkTransferLegs(sipCallId);
    const blindTransfer = event.phase === 'transferred' && event.linkedSipCallId === undefined;
    if (blindTransfer || (event.phase === 'answered' && event.direction === 'inbound')) this.linkBlindTransfer(sipCallId);
    return { record: this.byId.get(saved.id) ?? saved, changed, created };
  }

  /** A record `account` may read; 404 or 403 otherwise. */
  readable(account: DemoAccount, id: string): MockCallRecord {
    const record = this.byId.get(id);
    if (!record) throw MockRefusal.notFound('call record');
    requireGroup(account, record.groupId);
    return record;
  }

  /**
   * Saves the agent's part: the agent of the call, a supervisor of its group or an
   * administrator. Every invalid field is reported at once and nothing is written.
   * @remarks A patch that changes nothing keeps the version, but a stale one is still refused.
   */
  update(account: DemoAccount, id: string, patch: CallRecordPatch, now: number): MockCallRecord {
    const record = this.readable(account, id);
    if (account.role === 'agent' && record.agentId !== account.id) throw MockRefusal.forbidden('agents complete the records of their own calls');
    const problems: FieldProblem[] = [];
    if (patch.categoryId && !usable(this.categories, patch.categoryId, record.categoryId)) problems.push({ path: 'categoryId', message: 'no such inquiry category in use' });
    if (patch.dispositionId && !usable(this.dispositions, patch.dispositionId, record.dispositionId)) problems.push({ path: 'dispositionId', message: 'no such disposition in use' });
    if (patch.customerId && this.customers.find(patch.customerId)?.groupId !== record.groupId) problems.push({ path: 'customerId', message: "no such customer in this record's group" });
    if (problems.length > 0) throw MockRefusal.invalid(problems);
    if (patch.expectedVersion !== record.version) {
      throw new MockRefusal('conflict', `this call record was changed by someone else (now version ${record.version}); reload it and make your change again`);
    }
    const changes: { -readonly [K in 'categoryId' | 'notes' | 'dispositionId' | 'followUpAt' | 'customerId']?: MockCallRecord[K] } = {};
    if (patch.categoryId !== undefined && patch.categoryId !== record.categoryId) changes.categoryId = patch.categoryId;
    if (patch.notes !== undefined && patch.notes !== record.notes) changes.notes = patch.notes;
    if (patch.dispositionId !== undefined && patch.dispositionId !== record.dispositionId) changes.dispositionId = patch.dispositionId;
    if (patch.followUpAt !== undefined && patch.followUpAt !== record.followUpAt) changes.followUpAt = patch.followUpAt;
    if (patch.customerId !== undefined && patch.customerId !== record.customerId) changes.customerId = patch.customerId;
    if (Object.keys(changes).length === 0) return record;
    const saved: MockCallRecord = { ...record, ...changes, version: record.version + 1, updatedAt: now };
    this.byId.set(id, saved);
    return saved;
  }

  /**
   * The records of the account's groups matching `filter`, newest first.
   * @throws MockRefusal 400 on `number` when it is no phone number or extension.
   */
  matching(account: DemoAccount, filter: CallRecordFilter): MockCallRecord[] {
    let remote: { readonly value: string | null } | undefined;
    if (filter.number !== undefined) {
      const party = readCallParty(filter.number);
      if (!party) throw MockRefusal.invalid([{ path: 'number', message: 'not a phone number or extension' }]);
      remote = party;
    }
    const from = filter.from === undefined ? undefined : dayPattern.test(filter.from) ? startOfTokyoDay(filter.from) : Date.parse(filter.from);
    const to = filter.to === undefined ? undefined : dayPattern.test(filter.to) ? endOfTokyoDay(filter.to) : Date.parse(filter.to);
    const text = filter.q?.toLowerCase();
    const groups = visibleGroups(account);
    return this.all()
      .filter(
        (record) =>
          inGroups(groups, record.groupId) &&
          (from === undefined || record.startedAt >= from) &&
          (to === undefined || record.startedAt < to) &&
          (filter.agentId === undefined || record.agentId === filter.agentId) &&
          (remote === undefined || record.remoteNumber === remote.value) &&
          (filter.customerId === undefined || record.customerId === filter.customerId) &&
          (filter.categoryId === undefined || record.categoryId === filter.categoryId) &&
          (filter.dispositionId === undefined || record.dispositionId === filter.dispositionId) &&
          (text === undefined || record.notes.toLowerCase().includes(text)),
      )
      .sort((a, b) => newestFirst(positionOf(a), positionOf(b)));
  }

  /** One page of {@link matching} after `cursor`. */
  search(account: DemoAccount, filter: CallRecordFilter, cursor: string | undefined, limit: number) {
    return keysetPage(this.matching(account, filter), positionOf, cursor, limit);
  }

  /**
   * The records matching `filter` as the service's CSV for Japanese Excel: byte-order mark,
   * CRLF, RFC 4180 quoting, Tokyo times, Japanese numbers in national form, codes by name.
   */
  exportCsv(account: DemoAccount, filter: CallRecordFilter, lang: 'ja' | 'en'): string {
    const records = this.matching(account, filter);
    const locale = callRecordExportLocales[lang];
    const nameOf = (codes: readonly CallCode[], id: string | null) => {
      const code = codes.find((candidate) => candidate.id === id);
      return id === null ? null : code === undefined ? id : lang === 'ja' ? code.nameJa : code.nameEn;
    };
    const cell = (record: MockCallRecord, column: CallRecordExportColumn): string | number | null => {
      switch (column) {
        case 'startedAt':
          return formatTokyoDateTime(record.startedAt);
        case 'direction':
          return locale.directions[record.direction];
        case 'remoteNumber':
          return displayNumber(record.remoteNumber);
        case 'localNumber':
          return displayNumber(record.localNumber);
        case 'agent':
          return agentNameOf(record.agentId);
        case 'queue':
          return record.queue;
        case 'answeredAt':
          return record.answeredAt === null ? null : formatTokyoDateTime(record.answeredAt);
        case 'endedAt':
          return record.endedAt === null ? null : formatTokyoDateTime(record.endedAt);
        case 'durationSeconds':
          return record.durationSeconds;
        case 'heldSeconds':
          return record.heldSeconds;
        case 'endReason':
          return record.endReason === null ? null : locale.endReasons[record.endReason];
        case 'transferredTo':
          return displayNumber(record.transferredTo);
        case 'customer':
          return this.customerNameOf(record.customerId);
        case 'category':
          return nameOf(this.categories, record.categoryId);
        case 'disposition':
          return nameOf(this.dispositions, record.dispositionId);
        case 'followUpAt':
          return record.followUpAt;
        case 'notes':
          return record.notes;
        case 'recordingRef':
          return record.recordingRef;
        case 'sipCallId':
          return record.sipCallId;
        case 'id':
          return record.id;
        default:
          return exhaustiveSwitchError(column);
      }
    };
    const header = byteOrderMark + csvLine(callRecordExportColumns.map((column) => locale.headers[column]));
    return header + records.map((record) => csvLine(callRecordExportColumns.map((column) => cell(record, column)))).join('');
  }

  /** A customer's most recent calls: linked to them, or from one of their numbers and linked to no one. */
  recentForCustomer(groups: 'all' | readonly string[], customerId: string, numbers: readonly string[], limit: number): MockCallRecord[] {
    return this.all()
      .filter((record) => inGroups(groups, record.groupId) && (record.customerId === customerId || (record.customerId === null && record.remoteNumber !== null && numbers.includes(record.remoteNumber))))
      .sort((a, b) => newestFirst(positionOf(a), positionOf(b)))
      .slice(0, limit);
  }

  /** The contract's view of a record, with the agent's and customer's names. */
  toDto(record: MockCallRecord): CallRecordDto {
    const instant = (at: number | null) => (at === null ? null : new Date(at).toISOString());
    return {
      ...record,
      agentName: agentNameOf(record.agentId),
      customerName: this.customerNameOf(record.customerId),
      startedAt: new Date(record.startedAt).toISOString(),
      offeredAt: instant(record.offeredAt),
      answeredAt: instant(record.answeredAt),
      endedAt: instant(record.endedAt),
      createdAt: new Date(record.createdAt).toISOString(),
      updatedAt: new Date(record.updatedAt).toISOString(),
    };
  }

  private eventsOf(callRecordId: string): MockStoredCallEvent[] {
    return this.events.filter((event) => event.callRecordId === callRecordId);
  }

  private customerNameOf(customerId: string | null): string | null {
    return customerId === null ? null : (this.customers.find(customerId)?.name ?? null);
  }

  /** Links the two sides of a call between agents once both exist; a side linked already keeps its link. */
  private linkCallSides(sipCallId: string): void {
    const sides = this.all().filter((record) => record.sipCallId === sipCallId);
    for (const side of sides) {
      const other = sides.find((record) => record.direction !== side.direction);
      if (other && side.linkedCallId === null) this.byId.set(side.id, { ...side, linkedCallId: other.id });
    }
  }

  /**
   * Links a blind transfer's legs, as the service does: the transferred call (its
   * `transferred` event names no other leg) and the answered inbound call from the same
   * number, with another Call-ID, taken by the target extension or through the target queue,
   * from 30 s before to 3 minutes after the transfer; the nearest in time; never a leg another
   * transfer linked.
   */
  private linkBlindTransfer(sipCallId: string): void {
    const free = (record: MockCallRecord, partner: MockCallRecord) =>
      record.linkedCallId === null || record.linkedCallId === partner.id || this.byId.get(record.linkedCallId)?.sipCallId === record.sipCallId;
    const extensionOf = (agentId: string | null) => demoAccounts.find((account) => account.id === agentId)?.sipUser ?? undefined;
    let best: { transferred: MockCallRecord; followUp: MockCallRecord; distance: number } | undefined;
    for (const event of this.events) {
      if (event.phase !== 'transferred' || event.linkedSipCallId !== null || event.transferredTo === null) continue;
      const transferred = this.byId.get(event.callRecordId);
      if (!transferred || transferred.remoteNumber === null) continue;
      for (const followUp of this.byId.values()) {
        if (transferred.sipCallId !== sipCallId && followUp.sipCallId !== sipCallId) continue;
        const distance = followUp.startedAt - event.at;
        const matches =
          followUp.direction === 'inbound' &&
          followUp.answeredAt !== null &&
          followUp.sipCallId !== transferred.sipCallId &&
          followUp.remoteNumber === transferred.remoteNumber &&
          (event.transferredTo === extensionOf(followUp.agentId) || event.transferredTo === followUp.queue) &&
          distance >= -blindTransferWindowMs.before &&
          distance <= blindTransferWindowMs.after &&
          free(transferred, followUp) &&
          free(followUp, transferred);
        if (matches && (best === undefined || Math.abs(distance) < best.distance)) best = { transferred, followUp, distance: Math.abs(distance) };
      }
    }
    if (!best) return;
    this.byId.set(best.transferred.id, { ...best.transferred, linkedCallId: best.followUp.id });
    this.byId.set(best.followUp.id, { ...best.followUp, linkedCallId: best.transferred.id });
  }

  /**
   * Links the two legs of a transfer once both records exist, whichever arrived first: the
   * first event naming the other leg's Call-ID, in arrival order.
   * @remarks Of the named leg's two sides, the one the same agent filed is the leg. A transfer
   * link replaces a link between the sides of one call, never another transfer's.
   */
  private linkTransferLegs(sipCallId: string): void {
    const replaceable = (record: MockCallRecord) => record.linkedCallId === null || this.byId.get(record.linkedCallId)?.sipCallId === record.sipCallId;
    for (const event of this.events) {
      if (event.linkedSipCallId === null) continue;
      const self = this.byId.get(event.callRecordId);
      const legs = this.all().filter((record) => record.sipCallId === event.linkedSipCallId);
      const other = legs.find((record) => record.agentId === event.agentId) ?? legs[0];
      if (!self || !other || other.sipCallId === self.sipCallId || (self.sipCallId !== sipCallId && event.linkedSipCallId !== sipCallId)) continue;
      if (replaceable(self)) this.byId.set(self.id, { ...self, linkedCallId: other.id });
      if (replaceable(other)) this.byId.set(other.id, { ...other, linkedCallId: self.id });
      return;
    }
  }
}

/**
 * When the answered inbound call that follows a blind transfer may start, around the transfer
 * (the service's rule: 30 s before for the browsers' clocks, 3 minutes after).
 */
const blindTransferWindowMs = { before: 30_000, after: 180_000 } as const;

/** The call records the handlers share: the demo's, afresh after every reset. */
export const mockCallRecords = new MockCallRecords(mockCustomers);
const loadDemoCallRecords = () => {
  const now = mockDatabase.now();
  mockCallRecords.load(buildDemoCallRecords(buildDemoCustomers(now), now));
};
loadDemoCallRecords();
mockDatabase.onReset(loadDemoCallRecords);

function positionOf(record: MockCallRecord) {
  return { at: record.startedAt, id: record.id };
}

function sameProgress(before: MockCallRecord, after: MockCallRecord): boolean {
  const keys = [
    'agentId',
    'groupId',
    'phase',
    'startedAt',
    'offeredAt',
    'answeredAt',
    'endedAt',
    'heldSeconds',
    'durationSeconds',
    'endReason',
    'transferredTo',
    'remoteNumber',
    'localNumber',
    'queue',
    'recordingRef',
  ] as const satisfies readonly (keyof MockCallRecord)[];
  return keys.every((key) => before[key] === after[key]);
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

function sortedCodes(codes: readonly CallCode[]): CallCode[] {
  return [...codes].sort((a, b) => a.sortOrder - b.sortOrder || a.nameJa.localeCompare(b.nameJa, 'ja'));
}

function agentNameOf(agentId: string | null): string | null {
  return demoAccounts.find((account) => account.id === agentId)?.displayName ?? null;
}

/** Japanese numbers in their national form (Excel keeps `03-…` as text); others as stored. */
function displayNumber(number: string | null): string | null {
  return number?.startsWith('+81') ? formatNational(number) : number;
}
