import {
  agentBoardListSchema,
  liveEventSchema,
  type AgentBoardList,
  type AgentGroup,
  type AgentReasonName,
  type AgentStateName,
  type AgentStatusDto,
  type LiveEvent,
} from '../../src/contract/events';
import { queueListSchema, type QueueDto, type QueueStats } from '../../src/contract/queues';

/** A live event as the bench publishes it (the service adds nothing but the tenant). */
export type CentreEvent = Exclude<LiveEvent, { type: 'hello' }>;

/** An agent's call as the model knows it: the one the board should show. */
export interface ModelCall {
  readonly sipCallId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly remoteNumber: string | null;
  readonly queue: string | null;
  phase: 'offered' | 'answered' | 'held' | 'resumed';
  readonly startedAt: number;
  answeredAt: number | null;
  /** The call's recording flag as the board should show it; `undefined`: none. */
  recording: 'recording' | 'paused' | undefined;
  readonly recordingId: string;
}

/** One agent of the simulated centre: the truth the board must end up showing. */
export interface ModelAgent {
  readonly index: number;
  readonly agentId: string;
  /** Sign-in name and extension (six digits, so the extension order is the index order). */
  readonly extension: string;
  readonly displayName: string;
  readonly groupIds: readonly string[];
  state: AgentStateName;
  reason: string | null;
  since: number;
  call: ModelCall | undefined;
}

/** A queue of the simulated centre with its live figures. */
interface ModelQueue {
  readonly dto: QueueDto;
  stats: QueueStats;
  /** When each waiting call entered, oldest first. */
  waitingSince: number[];
}

/** What the centre looks like: sizes and the supervisor's real groups and reasons. */
export interface CentreOptions {
  readonly agents: number;
  readonly queues: number;
  /** The supervisor's groups as the real service lists them (GET /api/agents). */
  readonly groups: readonly AgentGroup[];
  /** The tenant's not-ready reasons as the real service lists them. */
  readonly reasons: readonly AgentReasonName[];
  /** A real queue of the supervisor's (GET /api/queues): the generated ones copy its settings. */
  readonly queueTemplate: QueueDto;
  /** Seed of the pseudo-random choices, so two runs see the same centre and the same stream. */
  readonly seed: number;
  readonly now: number;
}

const surnames = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田', '佐々木', '山口', '松本', '井上', '木村', '林', '斎藤', '清水'];
const givenNames = ['花子', '一郎', '美咲', '健太', '由美', '大輔', '陽菜', '翔太', '結衣', '拓海', 'さくら', '蓮', '葵', '湊', '凛', '悠真', '真央', '大和', '美月', '颯'];

/** mulberry32: small, fast, seedable; the bench needs repeatable, not secure, randomness. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version-4-shaped UUID whose last 12 hex digits are `n` (`kind` tells agents, queues, recordings apart). */
function uuidOf(kind: 'a' | 'b' | '9', n: number): string {
  return `00000000-0000-4000-${kind}000-${n.toString(16).padStart(12, '0')}`;
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * A contact centre of `agents` agents and `queues` queues in the supervisor's groups, and the
 * live events such a centre produces: the snapshot the board loads and the event stream it
 * follows, generated from one model so the bench knows what every row must show at the end.
 *
 * @remarks
 * Each agent goes around the day's cycle: available → a queue call offered → answered (通話中,
 * recorded, the queue's figures move) → held / resumed or the recording paused / resumed now and
 * then → ended (後処理) → available; now and then not ready with one of the tenant's reasons (休憩,
 * 昼休憩…) and back, rarely offline. Every event is shaped by the contract
 * (`src/contract/events.ts`); {@link CentreModel.validateEvent} and {@link CentreModel.validateSnapshot} parse them with its zod schemas.
 * Agent 0 is the marker: on a call since long before the others (first row of the board's
 * default order), it gets a new call with a new number every marker tick so the bench can time
 * the event → row delay.
 */
export class CentreModel {
  readonly agents: ModelAgent[];
  private readonly queues: ModelQueue[];
  private readonly random: () => number;
  private readonly reasons: readonly AgentReasonName[];
  private readonly groups: readonly AgentGroup[];
  private calls = 0;
  private markerSeq = 0;

  constructor(private readonly options: CentreOptions) {
    this.random = randomSource(options.seed);
    this.reasons = options.reasons;
    this.groups = options.groups;
    if (this.groups.length === 0) throw new Error('the supervisor has no groups: the board would be empty');
    this.queues = Array.from({ length: options.queues }, (_, index) => this.makeQueue(index));
    this.agents = Array.from({ length: options.agents }, (_, index) => this.makeAgent(index));
  }

  /** The marker agent (first row of the board sorted by state, and of the extension order). */
  get marker(): ModelAgent {
    const marker = this.agents[0];
    if (!marker) throw new Error('no agents');
    return marker;
  }

  /** GET /api/agents as the service would answer it now. */
  agentList(): AgentBoardList {
    return { items: this.agents.map((agent) => this.statusOf(agent)), groups: [...this.groups], reasons: [...this.reasons] };
  }

  /** GET /api/queues as the service would answer it now. */
  queueList(): { items: QueueDto[] } {
    return { items: this.queues.map((queue) => ({ ...queue.dto, stats: { ...queue.stats } })) };
  }

  /**
   * Parses the snapshot with the contract's schemas (GET /api/agents, GET /api/queues): a
   * contract change that the generator no longer follows stops the bench here, loudly.
   */
  validateSnapshot(): void {
    agentBoardListSchema.parse(this.agentList());
    queueListSchema.parse(this.queueList());
  }

  /** Parses one generated event with the contract's live-event schema; throws what does not match. */
  static validateEvent(event: CentreEvent): void {
    const parsed = liveEventSchema.safeParse(event);
    if (!parsed.success) throw new Error(`generated ${event.type} event does not match src/contract/events.ts: ${parsed.error.message}\n${JSON.stringify(event)}`);
  }

  /**
   * The marker's next call: the previous one ends and a new one is offered with number
   * `+8180` + the sequence (shown as 080-xxxx-xxxx).
   * @returns the events and the sequence number the row will show.
   */
  markerTick(now: number): { events: CentreEvent[]; seq: number } {
    const marker = this.marker;
    const events: CentreEvent[] = [];
    const previous = marker.call;
    if (previous) events.push(this.callEvent(marker, previous, 'ended', now));
    this.markerSeq += 1;
    const seq = 10_000_000 + this.markerSeq;
    const call = this.newCall(now, `+8180${seq}`, this.queues[0]?.dto.number ?? null);
    marker.call = call;
    events.push(this.callEvent(marker, call, 'offered', now));
    return { events, seq };
  }

  /** The sequence number within a marker call's number as the board formats it (080-1000-0012 → 10000012). */
  static markerSeqOf(shown: string): number | undefined {
    const digits = shown.replace(/\D/g, '');
    return digits.length >= 8 ? Number(digits.slice(-8)) : undefined;
  }

  /** One step of a random agent (not the marker): the one to four events it causes. */
  step(now: number): CentreEvent[] {
    const agent = this.agents[1 + Math.floor(this.random() * (this.agents.length - 1))];
    if (!agent) return [];
    const roll = this.random();
    switch (agent.state) {
      case 'available':
        if (agent.call) return this.answer(agent, now);
        if (roll < 0.8) return this.offer(agent, now);
        return [this.setState(agent, 'not-ready', this.randomReason(), now)];
      case 'on-call': {
        const call = agent.call;
        if (!call) return [this.setState(agent, 'after-call-work', null, now)];
        if (roll < 0.6) return this.hangUp(agent, call, now);
        if (roll < 0.8) {
          call.phase = call.phase === 'held' ? 'resumed' : 'held';
          return [this.callEvent(agent, call, call.phase, now)];
        }
        call.recording = call.recording === 'paused' ? 'recording' : 'paused';
        return [this.recordingEvent(agent, call, call.recording, now)];
      }
      case 'after-call-work':
        return [this.setState(agent, 'available', null, now)];
      case 'not-ready':
        if (roll < 0.05) return [this.setState(agent, 'offline', null, now)];
        return [this.setState(agent, 'available', null, now)];
      case 'offline':
        return [this.setState(agent, 'not-ready', null, now)];
      default:
        return [];
    }
  }

  private makeQueue(index: number): ModelQueue {
    const template = this.options.queueTemplate;
    const group = this.groups[index % this.groups.length];
    if (!group) throw new Error('no group');
    const answered = 50 + Math.floor(this.random() * 400);
    const abandoned = Math.floor(this.random() * 40);
    const stats: QueueStats = {
      waiting: 0,
      oldestWaitingSince: null,
      longestWaitSeconds: 0,
      offeredToday: answered + abandoned,
      answeredToday: answered,
      abandonedToday: abandoned,
      afterHoursToday: 0,
      answerRate: answered / (answered + abandoned),
    };
    const dto: QueueDto = {
      ...template,
      id: uuidOf('9', index + 1),
      number: String(3000 + index),
      nameJa: `第${index + 1}窓口`,
      nameEn: `Desk ${index + 1}`,
      groupId: group.id,
      stats,
    };
    return { dto, stats, waitingSince: [] };
  }

  private makeAgent(index: number): ModelAgent {
    const now = this.options.now;
    const group = this.groups[index % this.groups.length];
    if (!group) throw new Error('no group');
    const surname = surnames[Math.floor(this.random() * surnames.length)] ?? '佐藤';
    const given = givenNames[Math.floor(this.random() * givenNames.length)] ?? '花子';
    const agent: ModelAgent = {
      index,
      agentId: uuidOf('a', index + 1),
      extension: String(100_000 + index),
      displayName: `${surname} ${given}`,
      groupIds: [group.id],
      state: 'available',
      reason: null,
      // Agent 0 has been on a call for eight hours: first in the board's state order all along.
      since: index === 0 ? now - 8 * 3600_000 : now - Math.floor(this.random() * 3600_000) - 1000,
      call: undefined,
    };
    const roll = this.random();
    if (index === 0 || roll < 0.3) {
      agent.state = 'on-call';
      const started = agent.since - 5000;
      const call = this.newCall(started, this.randomNumber(), this.randomQueue());
      call.phase = 'answered';
      call.answeredAt = agent.since;
      call.recording = 'recording';
      agent.call = call;
    } else if (roll < 0.45) agent.state = 'after-call-work';
    else if (roll < 0.6) {
      agent.state = 'not-ready';
      agent.reason = this.randomReason();
    } else if (roll < 0.65) agent.state = 'offline';
    return agent;
  }

  private statusOf(agent: ModelAgent): AgentStatusDto {
    const call = agent.call;
    return {
      agentId: agent.agentId,
      agentName: agent.extension,
      displayName: agent.displayName,
      sipUser: agent.extension,
      groupIds: [...agent.groupIds],
      state: agent.state,
      reason: agent.reason,
      since: iso(agent.since),
      currentCall: call
        ? {
            sipCallId: call.sipCallId,
            direction: call.direction,
            remoteNumber: call.remoteNumber,
            queue: call.queue,
            phase: call.phase,
            startedAt: iso(call.startedAt),
            answeredAt: call.answeredAt === null ? null : iso(call.answeredAt),
            recording: call.recording ?? null,
          }
        : null,
    };
  }

  private newCall(now: number, remoteNumber: string | null, queue: string | null): ModelCall {
    this.calls += 1;
    return {
      sipCallId: `bench-${this.calls}@pbx.bench`,
      direction: queue === null ? 'outbound' : 'inbound',
      remoteNumber,
      queue,
      phase: 'offered',
      startedAt: now,
      answeredAt: null,
      recording: undefined,
      recordingId: uuidOf('b', this.calls),
    };
  }

  private offer(agent: ModelAgent, now: number): CentreEvent[] {
    const queueNumber = this.random() < 0.85 ? this.randomQueue() : null;
    const call = this.newCall(now, this.random() < 0.05 ? null : this.randomNumber(), queueNumber);
    agent.call = call;
    const events: CentreEvent[] = [this.callEvent(agent, call, 'offered', now)];
    const queue = this.queueOf(queueNumber);
    if (queue) {
      queue.waitingSince.push(now);
      queue.stats = { ...queue.stats, offeredToday: queue.stats.offeredToday + 1 };
      events.push(this.queueEvent(queue, now));
    }
    return events;
  }

  private answer(agent: ModelAgent, now: number): CentreEvent[] {
    const call = agent.call;
    if (!call) return [];
    call.phase = 'answered';
    call.answeredAt = now;
    call.recording = 'recording';
    const events: CentreEvent[] = [this.callEvent(agent, call, 'answered', now), this.setState(agent, 'on-call', null, now), this.recordingEvent(agent, call, 'recording', now)];
    const queue = this.queueOf(call.queue);
    if (queue) {
      queue.waitingSince.shift();
      const answered = queue.stats.answeredToday + 1;
      queue.stats = { ...queue.stats, answeredToday: answered, answerRate: answered / (answered + queue.stats.abandonedToday) };
      events.push(this.queueEvent(queue, now));
    }
    return events;
  }

  private hangUp(agent: ModelAgent, call: ModelCall, now: number): CentreEvent[] {
    agent.call = undefined;
    return [this.recordingEvent(agent, call, 'ended', now), this.callEvent(agent, call, 'ended', now), this.setState(agent, 'after-call-work', null, now)];
  }

  private setState(agent: ModelAgent, state: AgentStateName, reason: string | null, now: number): CentreEvent {
    agent.state = state;
    agent.reason = reason;
    agent.since = now;
    if (state === 'offline') agent.call = undefined;
    return { type: 'agent-state', at: iso(now), agentId: agent.agentId, agentName: agent.extension, groupIds: [...agent.groupIds], state, reason };
  }

  private callEvent(agent: ModelAgent, call: ModelCall, phase: 'offered' | 'answered' | 'held' | 'resumed' | 'ended', now: number): CentreEvent {
    return {
      type: 'call',
      at: iso(now),
      sipCallId: call.sipCallId,
      agentId: agent.agentId,
      groupId: agent.groupIds[0] ?? null,
      phase,
      direction: call.direction,
      remoteNumber: call.remoteNumber,
      queue: call.queue,
    };
  }

  private recordingEvent(agent: ModelAgent, call: ModelCall, status: 'recording' | 'paused' | 'ended', now: number): CentreEvent {
    if (status === 'ended') call.recording = undefined;
    return { type: 'recording', at: iso(now), sipCallId: call.sipCallId, recordingId: call.recordingId, agentId: agent.agentId, groupId: agent.groupIds[0] ?? null, status };
  }

  private queueEvent(queue: ModelQueue, now: number): CentreEvent {
    const oldest = queue.waitingSince[0];
    queue.stats = {
      ...queue.stats,
      waiting: queue.waitingSince.length,
      oldestWaitingSince: oldest === undefined ? null : iso(oldest),
      longestWaitSeconds: oldest === undefined ? 0 : Math.floor((now - oldest) / 1000),
    };
    return { type: 'queue', at: iso(now), queueId: queue.dto.id, queueNumber: queue.dto.number, groupId: queue.dto.groupId, stats: { ...queue.stats } };
  }

  private queueOf(number: string | null): ModelQueue | undefined {
    return number === null ? undefined : this.queues.find((queue) => queue.dto.number === number);
  }

  private randomQueue(): string | null {
    const queue = this.queues[Math.floor(this.random() * this.queues.length)];
    return queue?.dto.number ?? null;
  }

  private randomNumber(): string {
    // Tokyo (03) and mobile (090) numbers in E.164, as the gateway presents them.
    const subscriber = String(Math.floor(this.random() * 100_000_000)).padStart(8, '0');
    return this.random() < 0.5 ? `+813${subscriber}` : `+8190${subscriber}`;
  }

  private randomReason(): string | null {
    if (this.reasons.length === 0 || this.random() < 0.2) return null;
    return this.reasons[Math.floor(this.random() * this.reasons.length)]?.code ?? null;
  }
}
