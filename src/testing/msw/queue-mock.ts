import type { HoursOverride, QueueDto, QueueRecordingPolicy, QueueStats } from '../../contract/queues';
import { demoGroupIds, type DemoAccount } from './demo-directory';
import { inGroups, requireGroup, requireRole, visibleGroups } from './mock-access';
import { mockDatabase } from './mock-database';
import { MockRefusal } from './mock-refusal';

/** A mock queue: the service's view of it, and which agents may take its calls. */
interface MockQueue {
  dto: QueueDto;
  /** Extensions holding the queue's skills (the service's user_skills). */
  readonly qualified: readonly string[];
}

const noCalls: QueueStats = {
  waiting: 0,
  oldestWaitingSince: null,
  longestWaitSeconds: 0,
  offeredToday: 0,
  answeredToday: 0,
  abandonedToday: 0,
  afterHoursToday: 0,
  answerRate: null,
};

const alwaysOpen = { code: 'always-open', nameJa: '24時間365日', nameEn: 'Always open' } as const;
const weekdayHours = { code: 'weekdays-0830-1715', nameJa: '平日 8:30〜17:15', nameEn: 'Weekdays 8:30–17:15' } as const;

/** The service's demo queues (server/src/seed/queues-seed.ts), with fixed ids. */
function demoQueues(): MockQueue[] {
  const queue = (index: number, fields: Pick<QueueDto, 'number' | 'nameJa' | 'nameEn' | 'groupId' | 'maxWaitSeconds' | 'outboundCallerId' | 'schedule'> & { skill: string }, qualified: string[]): MockQueue => ({
    dto: {
      id: `00000000-0000-4000-8000-0000000004${String(index).padStart(2, '0')}`,
      number: fields.number,
      nameJa: fields.nameJa,
      nameEn: fields.nameEn,
      groupId: fields.groupId,
      skills: [{ code: fields.skill, name: fields.skill === 'billing' ? '料金・請求' : '一般受付', minLevel: 1 }],
      ringSeconds: 15,
      maxWaitSeconds: fields.maxWaitSeconds,
      outboundCallerId: fields.outboundCallerId,
      recordCalls: true,
      pauseAllowed: true,
      retentionDays: 180,
      schedule: { ...fields.schedule },
      hoursOverride: 'schedule',
      openNow: true,
      stats: { ...noCalls },
    },
    qualified,
  });
  return [
    queue(1, { number: '2001', nameJa: '東京窓口', nameEn: 'Tokyo desk', groupId: demoGroupIds.tokyo, skill: 'general', maxWaitSeconds: 120, outboundCallerId: '0312345678', schedule: alwaysOpen }, ['1001', '1002', '1003']),
    queue(2, { number: '2002', nameJa: '料金窓口', nameEn: 'Billing desk', groupId: demoGroupIds.tokyo, skill: 'billing', maxWaitSeconds: 30, outboundCallerId: '0312345679', schedule: alwaysOpen }, ['1002', '1003']),
    queue(3, { number: '2003', nameJa: '大阪サポート', nameEn: 'Osaka support', groupId: demoGroupIds.osaka, skill: 'general', maxWaitSeconds: 120, outboundCallerId: '0612345678', schedule: alwaysOpen }, ['1004', '1005', '1006']),
    queue(9, { number: '2009', nameJa: '平日窓口', nameEn: 'Weekday desk', groupId: demoGroupIds.tokyo, skill: 'general', maxWaitSeconds: 120, outboundCallerId: '0312345670', schedule: weekdayHours }, ['1001', '1002', '1003']),
  ];
}

/**
 * Whether a demo schedule is open at `now`, Japan time.
 * @remarks The mock knows the demo's two schedules only and no holidays: the service computes
 * national holidays and 年末年始; a test needing a closed queue sets the override.
 */
function openAt(schedule: QueueDto['schedule'], now: number): boolean {
  if (schedule.code === alwaysOpen.code) return true;
  const tokyo = new Date(now + 9 * 3600_000);
  const weekday = tokyo.getUTCDay();
  const time = tokyo.toISOString().slice(11, 16);
  return weekday >= 1 && weekday <= 5 && time >= '08:30' && time < '17:15';
}

/**
 * The mock service's queues: the demo queues, their figures (set by tests and the demo with
 * {@link MockQueues.setStats}, published as `queue` live events like the service's) and the
 * hours override.
 */
export class MockQueues {
  private queues = demoQueues();

  /** Back to the demo queues with no calls. */
  reset(): void {
    this.queues = demoQueues();
  }

  /** GET /api/queues: administrators all, supervisors their groups', agents the queues they can take. */
  list(account: DemoAccount): QueueDto[] {
    const groups = visibleGroups(account);
    return this.queues
      .filter((queue) => inGroups(groups, queue.dto.groupId))
      .filter((queue) => account.role !== 'agent' || (account.sipUser !== null && queue.qualified.includes(account.sipUser)))
      .map((queue) => this.view(queue));
  }

  /** PUT /api/queues/:queueId/hours-override: supervisors of the queue's group and administrators. */
  setHoursOverride(account: DemoAccount, queueId: string, override: HoursOverride): QueueDto {
    requireRole(account, 'administrator', 'supervisor');
    const queue = this.queues.find((candidate) => candidate.dto.id === queueId);
    if (!queue) throw MockRefusal.notFound('queue');
    requireGroup(account, queue.dto.groupId);
    queue.dto = { ...queue.dto, hoursOverride: override };
    return this.view(queue);
  }

  /** PUT /api/queues/:queueId/recording-policy: administrators only. */
  setRecordingPolicy(account: DemoAccount, queueId: string, policy: QueueRecordingPolicy): QueueDto {
    requireRole(account, 'administrator');
    const queue = this.queues.find((candidate) => candidate.dto.id === queueId);
    if (!queue) throw MockRefusal.notFound('queue');
    queue.dto = { ...queue.dto, ...policy };
    return this.view(queue);
  }

  /** A queue by id, for the recordings' queue-wide extension (its group decides who may). */
  find(queueId: string): QueueDto | undefined {
    const queue = this.queues.find((candidate) => candidate.dto.id === queueId);
    return queue === undefined ? undefined : this.view(queue);
  }

  /** Sets a queue's figures (by number) and tells the supervisors, as the service does when a call moves. */
  setStats(number: string, stats: Partial<QueueStats>): void {
    const queue = this.queues.find((candidate) => candidate.dto.number === number);
    if (!queue) throw new Error(`no demo queue ${number}`);
    queue.dto = { ...queue.dto, stats: { ...queue.dto.stats, ...stats } };
    mockDatabase.publish({
      type: 'queue',
      at: new Date(mockDatabase.now()).toISOString(),
      queueId: queue.dto.id,
      queueNumber: queue.dto.number,
      groupId: queue.dto.groupId,
      stats: queue.dto.stats,
    });
  }

  private view(queue: MockQueue): QueueDto {
    const { hoursOverride, schedule } = queue.dto;
    const openNow = hoursOverride === 'schedule' ? openAt(schedule, mockDatabase.now()) : hoursOverride === 'open';
    return { ...queue.dto, openNow, skills: queue.dto.skills.map((skill) => ({ ...skill })), stats: { ...queue.dto.stats } };
  }
}

/** The one set of mock queues the handlers share. */
export const mockQueues = new MockQueues();

mockDatabase.onReset(() => mockQueues.reset());
