import type { HoursOverride, QueueStats } from '../../../../src/contract/queues';
import { auditEntry, type AuditLog } from '../audit/audit-log';
import { startOfTokyoDay, tokyoDay } from '../call-records/tokyo-time';
import type { Clock } from '../clock';
import { DomainError, notFound } from '../errors';
import type { Actor, RequestOrigin } from '../identity/actor';
import { requireGroup, requireRole, visibleGroups } from '../identity/access-policy';
import type { LiveEvents } from '../live/live-events';
import { openingStateAt, type OpeningState } from './business-hours';
import { isFinal, type Queue, type QueueRecordingPolicy, type QueueView } from './queue';
import type { QueueRepository } from './queue-repository';

/**
 * What the PBX does with a call to a queue number (the answer of `GET /api/pbx/route`).
 *
 * @remarks
 * - `ring`: ring `extension` for `ringSeconds`; no answer in time → ask again with that
 *   extension added to `tried`.
 * - `wait`: nobody can take the call now: play `announcement` (hold music) for `retrySeconds`,
 *   then ask again with an empty `tried` (a new round over every agent); the service releases
 *   the call with `abandon` once it has waited `maxWaitSeconds`.
 * - `closed`: outside business hours: play `announcement` and release the call.
 * - `abandon`: the wait limit passed: play `announcement` and release the call (abandoned).
 * - `none`: the call was already answered (a stray question: the PBX asks no more once it
 *   reports `answered`): ring no one and play nothing; no agent is reserved and the call stays
 *   answered.
 * - `unknown`: the number is no queue; the PBX goes on with its other routes.
 */
export type RoutingDecision =
  | { readonly action: 'ring'; readonly queueId: string; readonly queueNumber: string; readonly extension: string; readonly ringSeconds: number; readonly record: boolean }
  | {
      readonly action: 'wait';
      readonly queueId: string;
      readonly queueNumber: string;
      readonly announcement: string;
      readonly maxWaitSeconds: number;
      readonly remainingSeconds: number;
      readonly retrySeconds: number;
    }
  | { readonly action: 'closed'; readonly queueId: string; readonly queueNumber: string; readonly announcement: string }
  | { readonly action: 'abandon'; readonly queueId: string; readonly queueNumber: string; readonly announcement: string }
  | { readonly action: 'none'; readonly queueId: string; readonly queueNumber: string }
  | { readonly action: 'unknown' };

/**
 * The number an outbound call presents (発信者番号), and whose rule chose it: the queue the call
 * is made for, the agent's own, the first queue of the agent's group that has one, or none.
 */
export interface OutboundCallerId {
  readonly callerId: string | null;
  readonly source: 'queue' | 'agent' | 'group' | 'none';
}

/** What the PBX asks about: a call (`sipCallId`) to the queue number `queue`. */
export interface RoutingRequest {
  readonly queue: string;
  readonly sipCallId: string;
  readonly caller: string | null;
  /** Extensions already rung for this call in the current round. */
  readonly tried: readonly string[];
}

/** What the PBX reports about a queue call. */
export type QueueCallEventKind = 'entered' | 'ringing' | 'no-answer' | 'answered' | 'abandoned' | 'after-hours';

/** A report of the PBX (`POST /api/pbx/queue-events`). */
export interface QueueCallReport {
  readonly queue: string;
  readonly sipCallId: string;
  readonly event: QueueCallEventKind;
  /** The agent's extension: required for `ringing` and `answered`. */
  readonly extension: string | null;
  readonly caller: string | null;
}

/** Longest pause between two questions of the PBX while a caller waits. */
const maxRetrySeconds = 5;
/** Slack on a ringing agent's reservation beyond the queue's ring time (SIP set-up, the PBX's own timer). */
const ringGraceSeconds = 5;
/** A waiting call the PBX stopped asking about counts as gone after its ring time plus this. */
const staleAfterSeconds = 30;

/**
 * Queues, the routing of their calls, business hours and live queue figures (B6).
 *
 * @remarks
 * Kamailio asks {@link QueueService.route} which agent takes a call to a queue number: the
 * longest-idle available agent of the queue's group with its skills, one at a time for the
 * queue's ring time; nobody free → the caller waits (hold music) up to the queue's limit,
 * then a message and release, counted as abandoned; outside business hours (the schedule in
 * Japan time, national holidays, 年末年始, a supervisor's override) a message and release.
 * Every call's passage is stored, so figures survive a restart, and each change is pushed as
 * a `queue` live event to the supervisors of the queue's group.
 */
export class QueueService {
  constructor(
    private readonly repository: QueueRepository,
    private readonly events: LiveEvents,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The PBX's question: who takes this call to a queue number, or what the caller hears. */
  async route(request: RoutingRequest): Promise<RoutingDecision> {
    const queue = await this.repository.findByNumber(request.queue);
    if (!queue) return { action: 'unknown' };
    const now = this.clock();
    const ids = { queueId: queue.id, queueNumber: queue.number };

    let call = await this.repository.findCall(queue.id, request.sipCallId);
    let changed = false;
    if (!call) {
      // Business hours are checked when a call enters: a caller already waiting at closing time is still served.
      const state = this.openingState(queue, now).open ? 'waiting' : 'after-hours';
      const entered = await this.repository.enterCall(queue, request.sipCallId, request.caller, state, now);
      call = entered.call;
      changed = entered.created;
    }
    if (call.state === 'after-hours') {
      if (changed) await this.publish(queue);
      return { action: 'closed', ...ids, announcement: queue.announcements.afterHours };
    }
    if (call.state === 'abandoned') return { action: 'abandon', ...ids, announcement: queue.announcements.full };
    // Routing it again would reserve an agent and turn an answered call back into a ringing one.
    if (call.state === 'answered') return { action: 'none', ...ids };

    const ringingUntil = new Date(now.getTime() + (queue.ringSeconds + ringGraceSeconds) * 1000);
    const agent = await this.repository.reserveAgent(queue, request.sipCallId, request.tried, now, ringingUntil);
    if (agent) {
      await this.publish(queue);
      return { action: 'ring', ...ids, extension: agent.extension, ringSeconds: queue.ringSeconds, record: queue.recordCalls };
    }

    const waited = Math.floor((now.getTime() - call.enteredAt.getTime()) / 1000);
    if (waited >= queue.maxWaitSeconds) {
      await this.repository.updateCall(queue.id, request.sipCallId, { state: 'abandoned', at: now, abandonReason: 'wait-limit', ringingExtension: null, ringingUntil: null, ended: true });
      await this.publish(queue);
      return { action: 'abandon', ...ids, announcement: queue.announcements.full };
    }
    await this.repository.updateCall(queue.id, request.sipCallId, { state: 'waiting', at: now, ringingExtension: null, ringingUntil: null });
    if (changed || call.state !== 'waiting') await this.publish(queue);
    const remainingSeconds = queue.maxWaitSeconds - waited;
    return {
      action: 'wait',
      ...ids,
      announcement: queue.announcements.wait,
      maxWaitSeconds: queue.maxWaitSeconds,
      remainingSeconds,
      retrySeconds: Math.max(1, Math.min(maxRetrySeconds, remainingSeconds)),
    };
  }

  /**
   * The PBX reports what happened to a queue call.
   * @remarks Reports are idempotent and never undo a final state (a caller hanging up after
   * the answer is no abandoned call). A report for a call the service never saw enters it.
   * @throws DomainError `not-found` for a number that is no queue; `validation` on `extension`
   * when `ringing` or `answered` names no agent's extension.
   */
  async report(report: QueueCallReport): Promise<void> {
    const queue = await this.repository.findByNumber(report.queue);
    if (!queue) throw notFound(`queue ${report.queue}`);
    const now = this.clock();
    const initial = report.event === 'after-hours' ? 'after-hours' : 'waiting';
    const { call, created } = await this.repository.enterCall(queue, report.sipCallId, report.caller, initial, now);
    let changed = created;
    if (!isFinal(call.state)) changed = (await this.apply(queue, report, call.state, now)) || changed;
    if (changed) await this.publish(queue);
  }

  /**
   * Which number a call from extension `extension` to the phone network presents.
   * @remarks In order: the queue the call is made for (`queueNumber`, when the agent belongs to
   * its group and it has a caller ID), the agent's own, the first queue of the agent's groups
   * by number with one; else none (the gateway's default, or the PBX refuses the call).
   */
  async outboundCallerId(extension: string, queueNumber: string | null): Promise<OutboundCallerId> {
    const agent = await this.repository.agentLine(extension, this.clock());
    if (!agent) return { callerId: null, source: 'none' };
    if (queueNumber !== null) {
      const queue = await this.repository.findByNumber(queueNumber);
      if (queue?.outboundCallerId && queue.tenantId === agent.tenantId && agent.groupIds.includes(queue.groupId)) {
        return { callerId: queue.outboundCallerId, source: 'queue' };
      }
    }
    if (agent.outboundCallerId) return { callerId: agent.outboundCallerId, source: 'agent' };
    const groupQueue = (await this.repository.list(agent.tenantId, agent.groupIds)).find((queue) => queue.outboundCallerId !== null);
    return groupQueue?.outboundCallerId ? { callerId: groupQueue.outboundCallerId, source: 'group' } : { callerId: null, source: 'none' };
  }

  /**
   * Releases the queue calls the PBX stopped asking about (a PBX restart, a hang-up never
   * reported) as abandoned, and tells the supervisors; run periodically by the service.
   * @returns how many queues had calls released.
   */
  async sweepLostCalls(): Promise<number> {
    const released = await this.repository.releaseLostCalls(this.clock(), staleAfterSeconds);
    for (const { tenantId, queueId } of released) {
      const queue = await this.repository.findById(tenantId, queueId);
      if (queue) await this.publish(queue);
    }
    return released.length;
  }

  /** The actor's queues with live figures: administrators all, supervisors their groups', agents those they can take. */
  async list(actor: Actor): Promise<QueueView[]> {
    const queues = await this.repository.list(actor.tenantId, visibleGroups(actor), actor.role === 'agent' ? actor.userId : undefined);
    return this.withStats(queues);
  }

  /**
   * A supervisor of the queue's group, or an administrator, opens or closes a queue whatever
   * its schedule (臨時休業, an emergency, extended hours), or gives it back to its schedule.
   * @remarks Audited; only calls arriving afterwards are affected.
   */
  async setHoursOverride(actor: Actor, origin: RequestOrigin, queueId: string, override: HoursOverride): Promise<QueueView> {
    requireRole(actor, 'administrator', 'supervisor');
    const queue = await this.repository.findById(actor.tenantId, queueId);
    if (!queue) throw notFound('queue');
    requireGroup(actor, queue.groupId);
    await this.repository.setHoursOverride(actor.tenantId, queueId, override);
    await this.audit.record(auditEntry(actor, origin, 'update', 'queue', queueId, { hoursOverride: override, previous: queue.hoursOverride }));
    const [view] = await this.withStats([{ ...queue, hoursOverride: override }]);
    if (!view) throw new Error('queue vanished');
    return view;
  }

  /**
   * An administrator sets a queue's recording policy: whether its calls are recorded, whether
   * agents may pause, and how many days (1–1825) recordings are kept after the call.
   * @remarks Audited with the policy before and after. Calls answered afterwards follow it;
   * recordings already made keep their date (extend them with the queue's 180-day extension).
   * @throws DomainError 403 for anyone but administrators, 404 for an unknown queue.
   */
  async setRecordingPolicy(actor: Actor, origin: RequestOrigin, queueId: string, policy: QueueRecordingPolicy): Promise<QueueView> {
    requireRole(actor, 'administrator');
    const queue = await this.repository.findById(actor.tenantId, queueId);
    if (!queue) throw notFound('queue');
    await this.repository.setRecordingPolicy(actor.tenantId, queueId, policy);
    const before: QueueRecordingPolicy = { recordCalls: queue.recordCalls, pauseAllowed: queue.recordingPauseAllowed, retentionDays: queue.recordingRetentionDays };
    await this.audit.record(auditEntry(actor, origin, 'update', 'queue', queueId, { change: 'recording-policy', queueNumber: queue.number, before, after: { ...policy } }));
    const [view] = await this.withStats([{ ...queue, recordCalls: policy.recordCalls, recordingPauseAllowed: policy.pauseAllowed, recordingRetentionDays: policy.retentionDays }]);
    if (!view) throw new Error('queue vanished');
    return view;
  }

  /** Whether `queue` takes calls at `at`: its override, else its schedule. */
  openingState(queue: Queue, at: Date): OpeningState {
    if (queue.hoursOverride === 'open') return { open: true };
    if (queue.hoursOverride === 'closed') return { open: false, reason: 'closed-date' };
    return openingStateAt(queue.schedule, at);
  }

  private async apply(queue: Queue, report: QueueCallReport, state: 'waiting' | 'ringing', now: Date): Promise<boolean> {
    const { sipCallId } = report;
    switch (report.event) {
      case 'entered':
        return false;
      case 'ringing': {
        const extension = requireExtension(report);
        const ringingUntil = new Date(now.getTime() + (queue.ringSeconds + ringGraceSeconds) * 1000);
        await this.repository.updateCall(queue.id, sipCallId, { state: 'ringing', at: now, ringingExtension: extension, ringingUntil });
        return state !== 'ringing';
      }
      case 'no-answer':
        await this.repository.updateCall(queue.id, sipCallId, { state: 'waiting', at: now, ringingExtension: null, ringingUntil: null });
        return state !== 'waiting';
      case 'answered': {
        const extension = requireExtension(report);
        const agentId = await this.repository.userOfExtension(queue.tenantId, extension);
        if (!agentId) throw new DomainError('validation', `no agent has the extension ${extension}`, [{ path: 'extension', message: `${extension} is no agent's extension` }]);
        await this.repository.updateCall(queue.id, sipCallId, { state: 'answered', at: now, answeredBy: agentId, ringingExtension: null, ringingUntil: null, ended: false });
        return true;
      }
      case 'abandoned':
        await this.repository.updateCall(queue.id, sipCallId, { state: 'abandoned', at: now, abandonReason: 'caller', ringingExtension: null, ringingUntil: null, ended: true });
        return true;
      case 'after-hours':
        await this.repository.updateCall(queue.id, sipCallId, { state: 'after-hours', at: now, ringingExtension: null, ringingUntil: null, ended: true });
        return true;
      default:
        return exhaustive(report.event);
    }
  }

  private async withStats(queues: readonly Queue[]): Promise<QueueView[]> {
    const now = this.clock();
    const stats = await this.repository.stats(queues, now, startOfTokyoDay(tokyoDay(now)), staleAfterSeconds);
    return queues.map((queue) => ({ ...queue, openNow: this.openingState(queue, now).open, stats: stats.get(queue.id) ?? emptyStats }));
  }

  private async publish(queue: Queue): Promise<void> {
    const now = this.clock();
    const stats = (await this.repository.stats([queue], now, startOfTokyoDay(tokyoDay(now)), staleAfterSeconds)).get(queue.id) ?? emptyStats;
    this.events.publish({ type: 'queue', tenantId: queue.tenantId, at: now.toISOString(), queueId: queue.id, queueNumber: queue.number, groupId: queue.groupId, stats });
  }
}

const emptyStats: QueueStats = {
  waiting: 0,
  oldestWaitingSince: null,
  longestWaitSeconds: 0,
  offeredToday: 0,
  answeredToday: 0,
  abandonedToday: 0,
  afterHoursToday: 0,
  answerRate: null,
};

function requireExtension(report: QueueCallReport): string {
  if (report.extension) return report.extension;
  throw new DomainError('validation', `a ${report.event} report names the agent's extension`, [{ path: 'extension', message: `required with ${report.event}` }]);
}

function exhaustive(value: never): never {
  throw new Error(`unknown queue call event ${String(value)}`);
}
