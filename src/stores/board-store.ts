import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/api-client';
import type { LiveEventsListeners } from '../api/live-events-client';
import type { LiveEventsState } from '../api/live-events-state';
import { QueuesApi } from '../api/queues-api';
import {
  agentBoardListSchema,
  type AgentCurrentCall,
  type AgentGroup,
  type AgentReasonName,
  type AgentStateName,
  type AgentStatusDto,
  type CallPhase,
  type LiveEvent,
} from '../contract/events';
import type { HoursOverride, QueueDto } from '../contract/queues';
import { exhaustiveSwitchError } from '../lib/exhaustive-switch-error';
import { ShardedRecord } from './board-store-record';
import { lookupErrorOf, type LookupError } from './lookup-error';

/** A call an agent is on, as the board shows it; times in epoch ms. */
export interface BoardCall {
  readonly sipCallId: string;
  readonly direction: 'inbound' | 'outbound';
  /** The other party (E.164 or an extension); `null` when withheld (非通知). */
  readonly remoteNumber: string | null;
  /** The number of the queue the call came through; `null` when none. */
  readonly queue: string | null;
  readonly phase: CallPhase;
  readonly startedAt: number;
  /** When the agent answered; `null` while it rings. */
  readonly answeredAt: number | null;
}

/** A call's server-side recording as the board flags it: 録音中 or 一時停止中 (ended or failed: no flag). */
export type BoardRecordingStatus = 'recording' | 'paused';

/** One agent on the board. */
export interface BoardAgent {
  readonly agentId: string;
  /** The sign-in name (the extension for agents). */
  readonly agentName: string;
  readonly displayName: string;
  readonly sipUser: string | null;
  readonly groupIds: readonly string[];
  readonly state: AgentStateName;
  /** The not-ready reason code; `null` is 受付停止 (no reason). */
  readonly reason: string | null;
  /** When the current state began (epoch ms). */
  readonly since: number;
  /** Calls not ended, oldest first: the newest is the one shown (a consultation before the held customer). */
  readonly calls: readonly BoardCall[];
}

/** An agent as lists of names show it (e.g. the recordings search's agent choice). */
export type BoardRosterEntry = Pick<BoardAgent, 'agentId' | 'agentName' | 'displayName'>;

/** Which agents the list shows. */
export interface BoardFilter {
  readonly state: AgentStateName | 'all';
  /** A group's id, or `'all'`. */
  readonly groupId: string;
  /** Part of the name or the extension (case-insensitive). */
  readonly search: string;
}

/** How the agent list is ordered: by extension, by state (then longest in it), or longest in state first. */
export type BoardSort = 'extension' | 'state' | 'time-in-state';

/** The hours-override change being made, or how the latest one failed. */
export type HoursOverrideStatus =
  | { readonly name: 'saving'; readonly queueId: string }
  | { readonly name: 'failed'; readonly queueId: string; readonly error: LookupError };

/** State of the supervisor's live board (監視盤). */
export interface BoardStoreState {
  /** `idle` before {@link BoardStoreActions.start}; `loading` until the first snapshot arrives. */
  readonly status: 'idle' | 'loading' | 'ready' | 'failed';
  /** Why the latest snapshot failed to load. */
  readonly error: LookupError | undefined;
  /** The live-events connection: `open` means the board is live. */
  readonly connection: LiveEventsState['name'];
  /**
   * Agents by id.
   * @remarks A read-only view that shares all but the changed entries with the previous one
   * (a new object per applied batch); enumerating it costs O(agents), so a hot path reads
   * {@link BoardStoreState.visible} and {@link BoardStoreState.summary} instead.
   */
  readonly agents: Readonly<Record<string, BoardAgent>>;
  /**
   * The agents the filter lets through, in the chosen order (the same as
   * {@link boardSelectors.visibleAgents}), kept up to date as events arrive: a batch re-places
   * only the agents it changed, so a frame costs in proportion to the events, not the agents.
   */
  readonly visible: readonly BoardAgent[];
  /** How many agents are in each state (the same as {@link boardSelectors.stateCounts}), kept up to date as events arrive. */
  readonly summary: Readonly<Record<AgentStateName, number>>;
  /** Every agent of the snapshot by name (sign-in name order); a new list only when a snapshot loads. */
  readonly roster: readonly BoardRosterEntry[];
  readonly groups: readonly AgentGroup[];
  readonly reasons: readonly AgentReasonName[];
  /** The viewer's queues with their live figures, by number. */
  readonly queues: readonly QueueDto[];
  /**
   * The same queues for their numbers and names only: a new list only when a snapshot loads,
   * so what names queues (the agent rows) does not render again on every queue's figures.
   */
  readonly queueDirectory: readonly QueueDto[];
  /** The clock the durations tick on (epoch ms), advanced once a second while started. */
  readonly now: number;
  readonly filter: BoardFilter;
  readonly sort: BoardSort;
  readonly hoursOverride: HoursOverrideStatus | undefined;
  /** Live events received but not yet applied (applied together once per animation frame). */
  readonly pendingEvents: number;
  /**
   * The recording status of calls not ended, by SIP Call-ID, from the `recording` live events
   * (A8); a call without an entry has no recording flag.
   */
  readonly recordings: Readonly<Record<string, BoardRecordingStatus>>;
}

/** Commands of the board store; outcomes arrive as state. */
export interface BoardStoreActions {
  /** Loads the snapshot, opens the live events and starts the clock; nothing while started. */
  start: () => void;
  /** Closes the live events and stops the clock (the board left the screen). */
  stop: () => void;
  /** Loads the snapshot again (after a lost connection, or by the supervisor's hand). */
  reload: () => Promise<void>;
  setFilter: (filter: Partial<BoardFilter>) => void;
  setSort: (sort: BoardSort) => void;
  /**
   * Opens (`open`) or closes (`closed`) a queue whatever its hours, or hands it back to its
   * schedule; the service audits it.
   * @returns true once the service has it.
   */
  setHoursOverride: (queueId: string, override: HoursOverride) => Promise<boolean>;
}

/** The board store. */
export type BoardStore = StoreApi<BoardStoreState & BoardStoreActions>;

/** The part of {@link LiveEventsClient} the board uses; tests may pass a fake. */
export interface BoardLiveEvents {
  on<K extends 'event' | 'state'>(type: K, listener: LiveEventsListeners[K]): () => void;
  open(): void;
  close(): void;
}

/** What the board store needs; injected so tests use the mock service, fake events and fake timers. */
export interface BoardStoreDependencies {
  /** The one client of the CTI service. */
  readonly client: ApiClient;
  readonly liveEvents: BoardLiveEvents;
  readonly now?: () => number;
  /** Runs `apply` before the next paint; `requestAnimationFrame` by default. */
  readonly scheduleFrame?: (apply: () => void) => void;
  /** How often the clock ticks (1 s by default). */
  readonly tickMs?: number;
}

/**
 * Extensions in numeric order (1002 before 1010), by one collator: `localeCompare` with a locale
 * builds a collator per call, which made sorting 5 000 agents by extension take ~100 ms a frame.
 */
const extensionOrder = new Intl.Collator('ja', { numeric: true });

const stateOrder: Record<AgentStateName, number> = { 'on-call': 0, 'after-call-work': 1, available: 2, 'not-ready': 3, offline: 4 };

/** Sign-in names in the order `localeCompare` gives, by one collator. */
const nameOrder = new Intl.Collator();

type AgentOrder = (a: BoardAgent, b: BoardAgent) => number;

const byExtension = (a: BoardAgent, b: BoardAgent) => extensionOrder.compare(a.sipUser ?? a.agentName, b.sipUser ?? b.agentName);
/** The last tie-break: the order is total, so the kept order and a fresh sort always agree. */
const byAgentId = (a: BoardAgent, b: BoardAgent) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0);

const orders: Record<BoardSort, AgentOrder> = {
  extension: (a, b) => byExtension(a, b) || byAgentId(a, b),
  state: (a, b) => stateOrder[a.state] - stateOrder[b.state] || a.since - b.since || byExtension(a, b) || byAgentId(a, b),
  'time-in-state': (a, b) => a.since - b.since || byExtension(a, b) || byAgentId(a, b),
};

/** Whether `filter` lets an agent through. */
function admitsOf(filter: BoardFilter): (agent: BoardAgent) => boolean {
  const search = filter.search.trim().toLowerCase();
  return (agent) =>
    (filter.state === 'all' || agent.state === filter.state) &&
    (filter.groupId === 'all' || agent.groupIds.includes(filter.groupId)) &&
    (search === '' ||
      agent.displayName.toLowerCase().includes(search) ||
      agent.agentName.toLowerCase().includes(search) ||
      (agent.sipUser ?? '').includes(search));
}

/** The agents `filter` lets through in `sort`'s order, from scratch (O(n log n)). */
function sortedVisible(agents: Iterable<BoardAgent>, filter: BoardFilter, sort: BoardSort): BoardAgent[] {
  const admits = admitsOf(filter);
  const shown: BoardAgent[] = [];
  for (const agent of agents) if (admits(agent)) shown.push(agent);
  return shown.sort(orders[sort]);
}

/** How many of `agents` are in each state, from scratch. */
function countStates(agents: Iterable<BoardAgent>): Record<AgentStateName, number> {
  const counts: Record<AgentStateName, number> = { available: 0, 'not-ready': 0, 'on-call': 0, 'after-call-work': 0, offline: 0 };
  for (const agent of agents) counts[agent.state] += 1;
  return counts;
}

/** The first index of `list` (sorted by `order`) whose agent does not come before `agent`. */
function lowerBound(list: readonly BoardAgent[], agent: BoardAgent, order: AgentOrder): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(list[middle] as BoardAgent, agent) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Re-places the agents a batch changed in the sorted, filtered list (binary search out, binary
 * insertion in; an agent whose place and filter membership did not change is swapped in place).
 * @param changes each changed agent before (`undefined`: not on the board before) and after the batch.
 * @returns a new list; `visible` is left as it was.
 */
function reposition(visible: readonly BoardAgent[], changes: readonly (readonly [BoardAgent | undefined, BoardAgent])[], admits: (agent: BoardAgent) => boolean, order: AgentOrder): BoardAgent[] {
  const next = visible.slice();
  for (const [before, after] of changes) {
    const was = before !== undefined && admits(before);
    const is = admits(after);
    let at = -1;
    if (was) {
      at = lowerBound(next, before, order);
      // The kept order is total, so this is its place; anything else would be a bug: find it anyway.
      if (next[at] !== before) at = next.indexOf(before);
    }
    if (at >= 0 && is && order(before as BoardAgent, after) === 0) {
      next[at] = after;
      continue;
    }
    if (at >= 0) next.splice(at, 1);
    if (is) next.splice(lowerBound(next, after, order), 0, after);
  }
  return next;
}

/** The last answer of {@link boardSelectors.visibleAgents}, given again for the same agents, filter and sort. */
let visibleMemo: { agents: object; filter: BoardFilter; sort: BoardSort; result: BoardAgent[] } | undefined;

/** Selectors of the board store. */
export const boardSelectors = {
  /**
   * The agents the filter lets through, in the chosen order, computed from scratch (the store
   * keeps the same list up to date in {@link BoardStoreState.visible}: read that on hot paths).
   * @remarks Memoised on agents, filter and sort (not the clock's tick): the same three give
   * the same array.
   */
  visibleAgents(state: Pick<BoardStoreState, 'agents' | 'filter' | 'sort'>): BoardAgent[] {
    const { agents, filter, sort } = state;
    if (visibleMemo?.agents === agents && visibleMemo.filter === filter && visibleMemo.sort === sort) return visibleMemo.result;
    const result = sortedVisible(Object.values(agents), filter, sort);
    visibleMemo = { agents, filter, sort, result };
    return result;
  },
  /** The recording flag of an agent's shown call; `undefined`: no flag (no call, not recorded, or ended). */
  recordingOf(state: Pick<BoardStoreState, 'recordings'>, agent: BoardAgent): BoardRecordingStatus | undefined {
    const call = agent.calls[agent.calls.length - 1];
    return call === undefined ? undefined : state.recordings[call.sipCallId];
  },
  /** The call the board shows for an agent: the newest not ended. */
  currentCall(agent: BoardAgent): BoardCall | undefined {
    return agent.calls[agent.calls.length - 1];
  },
  /** How many agents are in each state, counted from scratch (the store keeps it in {@link BoardStoreState.summary}). */
  stateCounts(state: Pick<BoardStoreState, 'agents'>): Record<AgentStateName, number> {
    return countStates(Object.values(state.agents));
  },
};

function defaultScheduleFrame(apply: () => void): void {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState === 'visible') requestAnimationFrame(apply);
  // A hidden tab gets no frames: apply a few times a second so the queue does not grow.
  else setTimeout(apply, 250);
}

function callOf(dto: AgentCurrentCall): BoardCall {
  return {
    sipCallId: dto.sipCallId,
    direction: dto.direction,
    remoteNumber: dto.remoteNumber,
    queue: dto.queue,
    phase: dto.phase,
    startedAt: Date.parse(dto.startedAt),
    answeredAt: dto.answeredAt === null ? null : Date.parse(dto.answeredAt),
  };
}

function agentOf(dto: AgentStatusDto): BoardAgent {
  return {
    agentId: dto.agentId,
    agentName: dto.agentName,
    displayName: dto.displayName,
    sipUser: dto.sipUser,
    groupIds: dto.groupIds,
    state: dto.state,
    reason: dto.reason,
    since: Date.parse(dto.since),
    calls: dto.currentCall ? [callOf(dto.currentCall)] : [],
  };
}

/** What one `call` event does to the agent's calls. */
function applyCall(agent: BoardAgent, event: Extract<LiveEvent, { type: 'call' }>): BoardAgent {
  const at = Date.parse(event.at);
  const known = agent.calls.find((call) => call.sipCallId === event.sipCallId);
  if (event.phase === 'ended') return known ? { ...agent, calls: agent.calls.filter((call) => call !== known) } : agent;
  if (known) {
    const updated: BoardCall = {
      ...known,
      phase: event.phase,
      queue: event.queue ?? known.queue,
      remoteNumber: known.remoteNumber ?? event.remoteNumber,
      answeredAt: known.answeredAt ?? (event.phase === 'answered' ? at : null),
    };
    return { ...agent, calls: agent.calls.map((call) => (call === known ? updated : call)) };
  }
  const call: BoardCall = {
    sipCallId: event.sipCallId,
    direction: event.direction,
    remoteNumber: event.remoteNumber,
    queue: event.queue ?? null,
    phase: event.phase,
    startedAt: at,
    answeredAt: event.phase === 'offered' ? null : at,
  };
  return { ...agent, calls: [...agent.calls, call].sort((a, b) => a.startedAt - b.startedAt) };
}

/** What a batch of live events changes: only the entries it touched. */
interface AppliedEvents {
  /** The touched agents as they are after the batch (some may end up as they were). */
  readonly agents: Map<string, BoardAgent>;
  /** The touched recording flags: `undefined` removes the flag. */
  readonly recordings: Map<string, BoardRecordingStatus | undefined>;
  /** New figures by queue id. */
  readonly queueStats: Map<string, QueueDto['stats']>;
  /** Agents named by events that the board does not know (one added to the supervisor's group since the snapshot: load it again). */
  readonly unknownAgents: string[];
}

/**
 * Applies live events, in order, on top of the board's agents, without copying them: the
 * result holds only what the events touched (an agent touched many times once, as it ends up).
 */
function applyEvents(agents: ShardedRecord<BoardAgent>, events: readonly LiveEvent[]): AppliedEvents {
  const applied: AppliedEvents = { agents: new Map(), recordings: new Map(), queueStats: new Map(), unknownAgents: [] };
  const agentOf = (agentId: string) => applied.agents.get(agentId) ?? agents.get(agentId);
  for (const event of events) {
    switch (event.type) {
      case 'agent-state': {
        const agent = agentOf(event.agentId);
        if (!agent) {
          applied.unknownAgents.push(event.agentId);
          break;
        }
        const at = Date.parse(event.at);
        // An event older than what the snapshot says arrived late: the snapshot already has it.
        if (at < agent.since) break;
        applied.agents.set(event.agentId, { ...agent, state: event.state, reason: event.reason, since: at, calls: event.state === 'offline' ? [] : agent.calls });
        break;
      }
      case 'call': {
        if (event.phase === 'ended') applied.recordings.set(event.sipCallId, undefined);
        if (event.agentId === null) break;
        const agent = agentOf(event.agentId);
        if (agent) applied.agents.set(event.agentId, applyCall(agent, event));
        break;
      }
      case 'queue':
        applied.queueStats.set(event.queueId, event.stats);
        break;
      case 'recording':
        applied.recordings.set(event.sipCallId, event.status === 'recording' || event.status === 'paused' ? event.status : undefined);
        break;
      case 'hello':
      case 'monitoring': // the board's monitoring controls read /api/monitoring/sessions
        break;
      default:
        exhaustiveSwitchError(event);
    }
  }
  return applied;
}

/**
 * Creates the store of a supervisor's live board: the agents of their groups (an
 * administrator's: the tenant's) with state, time in state and current call, and their queues
 * with waiting calls and today's figures.
 *
 * @remarks
 * Starts from a snapshot (GET /api/agents, GET /api/queues) and follows the live events
 * (`agent-state`, `call`, `queue`, `recording`). Events are queued and applied together once per animation
 * frame, so a burst over thousands of agents costs one render, and a frame's work follows the
 * events, not the agents: only the agents they touch are copied (the rest shared), the state
 * counts are adjusted and only the changed agents are re-placed in the sorted, filtered list
 * (`visible`, `summary`), so unchanged agents keep their objects and their memoised rows; events that arrive while a
 * snapshot loads are applied on top of it (an agent's state older than the snapshot's is
 * ignored). A connection opened again after a loss loads the snapshot again, as events were
 * missed meanwhile. Durations tick on {@link BoardStoreState.now}, advanced once a second.
 */
export function createBoardStore(dependencies: BoardStoreDependencies): BoardStore {
  const { client, liveEvents } = dependencies;
  const queuesApi = new QueuesApi(client);
  const now = dependencies.now ?? Date.now;
  const scheduleFrame = dependencies.scheduleFrame ?? defaultScheduleFrame;
  const tickMs = dependencies.tickMs ?? 1000;
  let pending: LiveEvent[] = [];
  let frameScheduled = false;
  let loading: Promise<void> | undefined;
  let started = false;
  let wasOpen = false;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: (() => void)[] = [];
  /**
   * Agents named by events but missing from the snapshot loaded since: not on the board (a
   * supervisor with an extension has a state too), so they do not make it load again.
   */
  const notOnBoard = new Set<string>();
  /** The agents and recording flags whose views are {@link BoardStoreState.agents} and {@link BoardStoreState.recordings}. */
  let agentIndex = ShardedRecord.empty<BoardAgent>();
  let recordingIndex = ShardedRecord.empty<BoardRecordingStatus>();

  const store = createStore<BoardStoreState & BoardStoreActions>()((set, get) => {
    function flush(): void {
      frameScheduled = false;
      // While a snapshot loads, events wait for it.
      if (loading || pending.length === 0) return;
      const events = pending;
      pending = [];
      const state = get();
      const applied = applyEvents(agentIndex, events);
      const changes: (readonly [BoardAgent | undefined, BoardAgent])[] = [];
      for (const [agentId, agent] of applied.agents) {
        const before = agentIndex.get(agentId);
        if (before !== agent) changes.push([before, agent]);
      }
      const next: { -readonly [K in keyof BoardStoreState]?: BoardStoreState[K] } = { pendingEvents: 0 };
      if (changes.length > 0) {
        agentIndex = agentIndex.with(applied.agents);
        const summary = { ...state.summary };
        for (const [before, after] of changes) {
          if (before) summary[before.state] -= 1;
          summary[after.state] += 1;
        }
        Object.assign(next, { agents: agentIndex.record, summary, visible: reposition(state.visible, changes, admitsOf(state.filter), orders[state.sort]) });
      }
      const recordings = recordingIndex.with(applied.recordings);
      if (recordings !== recordingIndex) {
        recordingIndex = recordings;
        next.recordings = recordings.record;
      }
      if (applied.queueStats.size > 0) next.queues = state.queues.map((queue) => {
        const stats = applied.queueStats.get(queue.id);
        return stats ? { ...queue, stats } : queue;
      });
      set(next);
      const newcomers = applied.unknownAgents.filter((agentId) => !notOnBoard.has(agentId));
      if (newcomers.length > 0) {
        for (const agentId of newcomers) notOnBoard.add(agentId);
        void get().reload();
      }
    }

    function receive(event: LiveEvent): void {
      if (!started || event.type === 'hello') return;
      pending.push(event);
      set({ pendingEvents: pending.length });
      if (!frameScheduled) {
        frameScheduled = true;
        scheduleFrame(flush);
      }
    }

    function connectionChanged(state: LiveEventsState): void {
      set({ connection: state.name });
      if (state.name !== 'open') return;
      // Events were missed while the connection was down: start again from a snapshot.
      if (wasOpen) void get().reload();
      wasOpen = true;
    }

    return {
      status: 'idle',
      error: undefined,
      connection: 'idle',
      agents: agentIndex.record,
      visible: [],
      summary: countStates([]),
      roster: [],
      groups: [],
      reasons: [],
      queues: [],
      queueDirectory: [],
      now: now(),
      filter: { state: 'all', groupId: 'all', search: '' },
      sort: 'state',
      hoursOverride: undefined,
      pendingEvents: 0,
      recordings: recordingIndex.record,

      start() {
        if (started) return;
        started = true;
        wasOpen = false;
        unsubscribe = [liveEvents.on('event', receive), liveEvents.on('state', connectionChanged)];
        liveEvents.open();
        ticker = setInterval(() => set({ now: now() }), tickMs);
        set({ now: now() });
        void get().reload();
      },

      stop() {
        if (!started) return;
        started = false;
        for (const remove of unsubscribe) remove();
        unsubscribe = [];
        liveEvents.close();
        if (ticker !== undefined) clearInterval(ticker);
        ticker = undefined;
        pending = [];
        set({ connection: 'closed', pendingEvents: 0 });
      },

      reload() {
        loading ??= (async () => {
          if (get().status !== 'ready') set({ status: 'loading' });
          const [agents, queues] = await Promise.all([client.get('/agents', agentBoardListSchema), queuesApi.listQueues()]);
          if (!agents.ok || !queues.ok) {
            const failure = !agents.ok ? agents.error : !queues.ok ? queues.error : undefined;
            set({ status: 'failed', error: failure ? lookupErrorOf(failure) : undefined });
            return;
          }
          const byId: [string, BoardAgent][] = [];
          const recordings: [string, BoardRecordingStatus][] = [];
          const known = recordingIndex;
          for (const dto of agents.value.items) {
            byId.push([dto.agentId, agentOf(dto)]);
            const call = dto.currentCall;
            if (!call) continue;
            // The snapshot's recording status; a service that sends none: what the events said about calls still running.
            const status = call.recording === undefined ? known.get(call.sipCallId) : (call.recording ?? undefined);
            if (status !== undefined) recordings.push([call.sipCallId, status]);
          }
          agentIndex = ShardedRecord.of(byId);
          recordingIndex = ShardedRecord.of(recordings);
          const { filter, sort } = get();
          const queueList = [...queues.value].sort((a, b) => a.number.localeCompare(b.number, 'ja', { numeric: true }));
          set({
            status: 'ready',
            error: undefined,
            agents: agentIndex.record,
            visible: sortedVisible(agentIndex.values(), filter, sort),
            summary: countStates(agentIndex.values()),
            roster: byId
              .map(([, agent]): BoardRosterEntry => ({ agentId: agent.agentId, agentName: agent.agentName, displayName: agent.displayName }))
              .sort((a, b) => nameOrder.compare(a.agentName, b.agentName)),
            recordings: recordingIndex.record,
            groups: agents.value.groups ?? [],
            reasons: agents.value.reasons ?? [],
            queues: queueList,
            queueDirectory: queueList,
          });
        })().finally(() => {
          loading = undefined;
          // Apply what arrived meanwhile on top of the snapshot.
          if (pending.length > 0 && !frameScheduled) {
            frameScheduled = true;
            scheduleFrame(flush);
          }
        });
        return loading;
      },

      setFilter(change) {
        const filter = { ...get().filter, ...change };
        set({ filter, visible: sortedVisible(agentIndex.values(), filter, get().sort) });
      },

      setSort(sort) {
        set({ sort, visible: sortedVisible(agentIndex.values(), get().filter, sort) });
      },

      async setHoursOverride(queueId, override) {
        set({ hoursOverride: { name: 'saving', queueId } });
        const result = await queuesApi.setHoursOverride(queueId, override);
        if (!result.ok) {
          set({ hoursOverride: { name: 'failed', queueId, error: lookupErrorOf(result.error) } });
          return false;
        }
        set({ hoursOverride: undefined, queues: get().queues.map((queue) => (queue.id === queueId ? result.value : queue)) });
        return true;
      },
    };
  });
  return store;
}
