import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveEventsListeners } from '../api/live-events-client';
import type { LiveEventsState } from '../api/live-events-state';
import type { LiveEvent } from '../contract/events';
import { http, HttpResponse } from 'msw';
import { installMockService } from '../testing/msw/install-mock-service';
import { server } from '../testing/msw/server';
import { signedInClient } from '../testing/msw/signed-in-client';
import { boardSelectors, createBoardStore, type BoardLiveEvents, type BoardStore } from './board-store';

installMockService();

/** A live-events connection the test drives: `emit()` delivers an event, `connect()` opens it. */
class FakeLiveEvents implements BoardLiveEvents {
  readonly eventListeners = new Set<LiveEventsListeners['event']>();
  readonly stateListeners = new Set<LiveEventsListeners['state']>();
  opened = 0;
  closed = 0;

  on<K extends 'event' | 'state'>(type: K, listener: LiveEventsListeners[K]): () => void {
    const set = (type === 'event' ? this.eventListeners : this.stateListeners) as Set<LiveEventsListeners[K]>;
    set.add(listener);
    return () => set.delete(listener);
  }
  open(): void {
    this.opened += 1;
  }
  close(): void {
    this.closed += 1;
  }
  emit(event: LiveEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }
  connect(state: LiveEventsState): void {
    for (const listener of this.stateListeners) listener(state);
  }
}

/** Animation frames the test runs by hand. */
function manualFrames(): { schedule: (apply: () => void) => void; run: () => void; waiting: () => number } {
  let frames: (() => void)[] = [];
  return {
    schedule: (apply) => frames.push(apply),
    run: () => {
      const due = frames;
      frames = [];
      for (const apply of due) apply();
    },
    waiting: () => frames.length,
  };
}

const sato = '00000000-0000-4000-8000-000000000101';
const suzuki = '00000000-0000-4000-8000-000000000102';
const tokyoGroup = '00000000-0000-4000-8000-00000000000a';

let store: BoardStore | undefined;

afterEach(() => {
  store?.getState().stop();
  store = undefined;
  vi.useRealTimers();
});

async function startedBoard(options: { now?: () => number } = {}) {
  const { client } = await signedInClient('sv1');
  const live = new FakeLiveEvents();
  const frames = manualFrames();
  store = createBoardStore({ client, liveEvents: live, scheduleFrame: frames.schedule, ...options });
  store.getState().start();
  await vi.waitFor(() => expect(store?.getState().status).toBe('ready'));
  return { store, live, frames };
}

describe('the board store', () => {
  it('starts from the snapshot: my groups’ agents, groups’ and reasons’ names, my queues', async () => {
    const { store, live } = await startedBoard();
    const state = store.getState();
    expect(live.opened).toBe(1);
    expect(Object.values(state.agents).map((agent) => agent.sipUser).sort()).toEqual(['1001', '1002', '1003']);
    expect(state.groups).toEqual([{ id: tokyoGroup, name: '東京第一グループ' }]);
    expect(state.reasons.length).toBeGreaterThan(0);
    expect(state.queues.map((queue) => queue.number)).toEqual(['2001', '2002', '2009']);
  });

  it('applies a burst of live events together, once per animation frame', async () => {
    const { store, live, frames } = await startedBoard();
    const renders = vi.fn();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.agents !== previous.agents) renders();
    });
    const at = new Date(Date.now() + 1000).toISOString();
    live.emit({ type: 'agent-state', at, agentId: sato, agentName: '佐藤 花子', groupIds: [tokyoGroup], state: 'available', reason: null });
    live.emit({ type: 'agent-state', at, agentId: suzuki, agentName: '鈴木 一郎', groupIds: [tokyoGroup], state: 'not-ready', reason: 'break' });
    live.emit({ type: 'call', at, sipCallId: 'c1@pbx', agentId: sato, groupId: tokyoGroup, phase: 'offered', direction: 'inbound', remoteNumber: '+81312345678', queue: '2001' });
    expect(store.getState().agents[sato]?.state).not.toBe('available');
    expect(store.getState().pendingEvents).toBe(3);
    expect(frames.waiting()).toBe(1);

    frames.run();
    expect(renders).toHaveBeenCalledTimes(1);
    expect(store.getState().pendingEvents).toBe(0);
    expect(store.getState().agents[sato]).toMatchObject({ state: 'available', since: Date.parse(at) });
    expect(store.getState().agents[suzuki]).toMatchObject({ state: 'not-ready', reason: 'break' });
    const agent = store.getState().agents[sato];
    expect(agent && boardSelectors.currentCall(agent)).toMatchObject({ sipCallId: 'c1@pbx', queue: '2001', remoteNumber: '+81312345678', answeredAt: null });
    unsubscribe();
  });

  it('flags each call’s recording from the live events, in one batch: recording, paused, and gone when it ends', async () => {
    const { store, live, frames } = await startedBoard();
    const at = Date.now() + 1000;
    const call = { type: 'call', sipCallId: 'r1@pbx', agentId: sato, groupId: tokyoGroup, direction: 'inbound', remoteNumber: '+81312345678', queue: '2001' } as const;
    const recording = { type: 'recording', sipCallId: 'r1@pbx', recordingId: '00000000-0000-4000-8000-0000000000f1', agentId: sato, groupId: tokyoGroup } as const;
    const flagOf = () => {
      const agent = store.getState().agents[sato];
      return agent && boardSelectors.recordingOf(store.getState(), agent);
    };
    // The recording may start before the board hears the call is answered: both in one frame.
    live.emit({ ...recording, at: new Date(at).toISOString(), status: 'recording' });
    live.emit({ ...call, at: new Date(at).toISOString(), phase: 'answered' });
    expect(flagOf()).toBeUndefined();
    frames.run();
    expect(flagOf()).toBe('recording');
    const other = store.getState().agents[suzuki];
    expect(other && boardSelectors.recordingOf(store.getState(), other)).toBeUndefined();

    live.emit({ ...recording, at: new Date(at + 10_000).toISOString(), status: 'paused' });
    frames.run();
    expect(flagOf()).toBe('paused');
    live.emit({ ...recording, at: new Date(at + 20_000).toISOString(), status: 'recording' });
    frames.run();
    expect(flagOf()).toBe('recording');

    live.emit({ ...call, at: new Date(at + 30_000).toISOString(), phase: 'ended' });
    live.emit({ ...recording, at: new Date(at + 30_000).toISOString(), status: 'ended' });
    frames.run();
    expect(flagOf()).toBeUndefined();
    expect(store.getState().recordings).toEqual({});
  });

  it('flags a call recorded before the board opened from the snapshot, then follows the events', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const agentOn = (agentId: string, agentName: string, sipUser: string, sipCallId: string, recording: 'recording' | 'paused' | null) => ({
      agentId, agentName, displayName: agentName, sipUser, groupIds: [tokyoGroup], state: 'on-call', reason: null, since,
      currentCall: { sipCallId, direction: 'inbound', remoteNumber: '+81312345678', queue: '2001', phase: 'answered', startedAt: since, answeredAt: since, recording },
    });
    server.use(
      http.get('/api/agents', () =>
        HttpResponse.json({
          items: [agentOn(sato, '1001', '1001', 's1@pbx', 'paused'), agentOn(suzuki, '1002', '1002', 's2@pbx', null)],
          groups: [{ id: tokyoGroup, name: '東京第一グループ' }],
          reasons: [],
        }),
      ),
    );
    const { store, live, frames } = await startedBoard();
    const flagOf = (agentId: string) => {
      const agent = store.getState().agents[agentId];
      return agent && boardSelectors.recordingOf(store.getState(), agent);
    };
    expect(flagOf(sato)).toBe('paused');
    expect(flagOf(suzuki), 'a call the service says is not recorded').toBeUndefined();
    live.emit({ type: 'recording', at: new Date(Date.now() + 1000).toISOString(), sipCallId: 's1@pbx', recordingId: '00000000-0000-4000-8000-0000000000f3', agentId: sato, groupId: tokyoGroup, status: 'recording' });
    frames.run();
    expect(flagOf(sato)).toBe('recording');
  });

  it('drops the flag of a recording that failed, and of a call that ended without a recording event', async () => {
    const { store, live, frames } = await startedBoard();
    const at = new Date(Date.now() + 1000).toISOString();
    const recording = { type: 'recording', at, recordingId: '00000000-0000-4000-8000-0000000000f2', agentId: sato, groupId: tokyoGroup } as const;
    live.emit({ ...recording, sipCallId: 'r2@pbx', status: 'recording' });
    live.emit({ ...recording, sipCallId: 'r3@pbx', status: 'paused' });
    frames.run();
    expect(store.getState().recordings).toEqual({ 'r2@pbx': 'recording', 'r3@pbx': 'paused' });
    live.emit({ ...recording, sipCallId: 'r2@pbx', status: 'failed' });
    live.emit({ type: 'call', at, sipCallId: 'r3@pbx', agentId: sato, groupId: tokyoGroup, phase: 'ended', direction: 'inbound', remoteNumber: null });
    frames.run();
    expect(store.getState().recordings).toEqual({});
  });

  it('follows a call from offered to answered to ended, and ignores an agent state older than the snapshot', async () => {
    const { store, live, frames } = await startedBoard();
    const offeredAt = Date.now() + 1000;
    const call = { type: 'call', sipCallId: 'c2@pbx', agentId: sato, groupId: tokyoGroup, direction: 'inbound', remoteNumber: '+81312345678', queue: '2001' } as const;
    live.emit({ ...call, at: new Date(offeredAt).toISOString(), phase: 'offered' });
    live.emit({ ...call, at: new Date(offeredAt + 5000).toISOString(), phase: 'answered' });
    live.emit({ type: 'agent-state', at: new Date(0).toISOString(), agentId: suzuki, agentName: '鈴木 一郎', groupIds: [tokyoGroup], state: 'available', reason: null });
    frames.run();
    const answered = store.getState().agents[sato];
    expect(answered && boardSelectors.currentCall(answered)).toMatchObject({ phase: 'answered', startedAt: offeredAt, answeredAt: offeredAt + 5000 });
    expect(store.getState().agents[suzuki]?.state).toBe('offline');

    live.emit({ ...call, at: new Date(offeredAt + 60_000).toISOString(), phase: 'ended' });
    frames.run();
    const ended = store.getState().agents[sato];
    expect(ended && boardSelectors.currentCall(ended)).toBeUndefined();
  });

  it('updates a queue’s figures from its live event', async () => {
    const { store, live, frames } = await startedBoard();
    const queue = store.getState().queues[0];
    if (!queue) throw new Error('no queue');
    const oldestWaitingSince = new Date(Date.now() - 42_000).toISOString();
    live.emit({
      type: 'queue',
      at: new Date().toISOString(),
      queueId: queue.id,
      queueNumber: queue.number,
      groupId: queue.groupId,
      stats: { ...queue.stats, waiting: 3, oldestWaitingSince, longestWaitSeconds: 42, answeredToday: 9, abandonedToday: 1, answerRate: 0.9 },
    });
    frames.run();
    expect(store.getState().queues[0]?.stats).toMatchObject({ waiting: 3, oldestWaitingSince, answerRate: 0.9 });
  });

  it('ticks its clock once a second while started, and stops with the board', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { store, live } = await startedBoard();
    const before = store.getState().now;
    vi.advanceTimersByTime(3000);
    expect(store.getState().now - before).toBe(3000);
    store.getState().stop();
    expect(live.closed).toBe(1);
    vi.advanceTimersByTime(3000);
    expect(store.getState().now - before).toBe(3000);
  });

  it('loads the snapshot again when the connection comes back after a loss', async () => {
    const { store, live } = await startedBoard();
    live.connect({ name: 'open', since: Date.now() });
    const reload = vi.spyOn(store.getState(), 'reload');
    live.connect({ name: 'reconnecting', attempt: 1, retryAt: Date.now() + 1000, code: 1006 });
    expect(store.getState().connection).toBe('reconnecting');
    live.connect({ name: 'open', since: Date.now() });
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('loads the snapshot again once for an agent it does not know, not for every event of someone not on the board', async () => {
    const { store, live, frames } = await startedBoard();
    const reload = vi.spyOn(store.getState(), 'reload');
    const stranger = { type: 'agent-state' as const, agentId: '00000000-0000-4000-8000-000000000999', agentName: '新人', groupIds: [tokyoGroup], reason: null };
    live.emit({ ...stranger, at: new Date().toISOString(), state: 'available' });
    frames.run();
    expect(reload).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    live.emit({ ...stranger, at: new Date().toISOString(), state: 'not-ready' });
    frames.run();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('filters by state, group and name or extension, and sorts', async () => {
    const { store } = await startedBoard();
    const names = () => boardSelectors.visibleAgents(store.getState()).map((agent) => agent.sipUser);
    store.getState().setSort('extension');
    expect(names()).toEqual(['1001', '1002', '1003']);
    store.getState().setFilter({ search: '鈴木' });
    expect(names()).toEqual(['1002']);
    store.getState().setFilter({ search: '1003' });
    expect(names()).toEqual(['1003']);
    store.getState().setFilter({ search: '', state: 'available' });
    expect(names()).toEqual([]);
    store.getState().setFilter({ state: 'all', groupId: '00000000-0000-4000-8000-00000000000b' });
    expect(names()).toEqual([]);
  });

  it('overrides a queue’s hours through the service', async () => {
    const { store } = await startedBoard();
    const queue = store.getState().queues.find((candidate) => candidate.number === '2001');
    if (!queue) throw new Error('no 2001');
    await expect(store.getState().setHoursOverride(queue.id, 'closed')).resolves.toBe(true);
    const closed = store.getState().queues.find((candidate) => candidate.id === queue.id);
    expect(closed).toMatchObject({ hoursOverride: 'closed', openNow: false });
    expect(store.getState().hoursOverride).toBeUndefined();
  });
});
