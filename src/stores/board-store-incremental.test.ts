import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveEventsListeners } from '../api/live-events-client';
import type { AgentStateName, AgentStatusDto, LiveEvent } from '../contract/events';
import { installMockService } from '../testing/msw/install-mock-service';
import { server } from '../testing/msw/server';
import { signedInClient } from '../testing/msw/signed-in-client';
import { boardSelectors, createBoardStore, type BoardAgent, type BoardLiveEvents, type BoardSort, type BoardStore, type BoardStoreState } from './board-store';
import { ShardedRecord } from './board-store-record';

installMockService();

/** Live events the test delivers by hand. */
class FakeLiveEvents implements BoardLiveEvents {
  readonly eventListeners = new Set<LiveEventsListeners['event']>();
  on<K extends 'event' | 'state'>(type: K, listener: LiveEventsListeners[K]): () => void {
    if (type !== 'event') return () => undefined;
    const listeners = this.eventListeners as Set<LiveEventsListeners[K]>;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }
  open(): void {}
  close(): void {}
  emit(event: LiveEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }
}

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): (below: number) => number {
  let value = seed >>> 0;
  return (below) => {
    value = (Math.imul(value, 1664525) + 1013904223) >>> 0;
    return value % below;
  };
}

const groupA = '00000000-0000-4000-8000-00000000000a';
const groupB = '00000000-0000-4000-8000-00000000000b';
const states: AgentStateName[] = ['available', 'not-ready', 'on-call', 'after-call-work', 'offline'];
const base = Date.now() - 3_600_000;
const agentCount = 240;

const agentIdOf = (index: number) => `00000000-0000-4000-8000-${String(100_000 + index).padStart(12, '0')}`;

/** The snapshot: agents in both groups, some sharing a `since` (ties the order must break), a few without an extension. */
function snapshotAgents(): AgentStatusDto[] {
  const pick = random(7);
  return Array.from({ length: agentCount }, (_, index): AgentStatusDto => {
    const extension = String(1000 + ((index * 37) % agentCount));
    return {
      agentId: agentIdOf(index),
      agentName: extension,
      displayName: `${['佐藤', '鈴木', '高橋', 'Tanaka'][index % 4] ?? ''} ${index}`,
      sipUser: index % 17 === 0 ? null : extension,
      groupIds: index % 3 === 0 ? [groupA, groupB] : [index % 2 === 0 ? groupA : groupB],
      state: states[pick(states.length)] ?? 'available',
      reason: null,
      since: new Date(base + pick(40) * 1000).toISOString(),
      currentCall: null,
    };
  });
}

let store: BoardStore | undefined;

afterEach(() => {
  store?.getState().stop();
  store = undefined;
});

async function startedBoard(items = snapshotAgents()) {
  server.use(http.get('/api/agents', () => HttpResponse.json({ items, groups: [{ id: groupA, name: 'A' }, { id: groupB, name: 'B' }], reasons: [] })));
  const { client } = await signedInClient('sv1');
  const live = new FakeLiveEvents();
  let frames: (() => void)[] = [];
  store = createBoardStore({ client, liveEvents: live, scheduleFrame: (apply) => frames.push(apply) });
  store.getState().start();
  await vi.waitFor(() => expect(store?.getState().status).toBe('ready'));
  const runFrame = () => {
    const due = frames;
    frames = [];
    for (const apply of due) apply();
  };
  return { store, live, runFrame };
}

/** The kept list and counts must be what a computation from scratch gives, agent for agent (same objects). */
function expectAsFromScratch(state: BoardStoreState): void {
  const fresh = boardSelectors.visibleAgents(state);
  expect(state.visible.map((agent) => agent.agentId)).toEqual(fresh.map((agent) => agent.agentId));
  state.visible.forEach((agent, index) => expect(agent).toBe(fresh[index]));
  expect(state.summary).toEqual(boardSelectors.stateCounts(state));
}

const stateEvent = (index: number, at: number, state: AgentStateName): Extract<LiveEvent, { type: 'agent-state' }> => ({
  type: 'agent-state',
  at: new Date(at).toISOString(),
  agentId: agentIdOf(index),
  agentName: String(1000 + index),
  groupIds: [groupA],
  state,
  reason: state === 'not-ready' ? 'break' : null,
});

const callEvent = (index: number, at: number, sipCallId: string, phase: 'offered' | 'answered' | 'held' | 'ended'): Extract<LiveEvent, { type: 'call' }> => ({
  type: 'call',
  at: new Date(at).toISOString(),
  sipCallId,
  agentId: agentIdOf(index),
  groupId: groupA,
  phase,
  direction: 'inbound',
  remoteNumber: '+81312345678',
  queue: '2001',
});

const position = (state: BoardStoreState, index: number) => state.visible.findIndex((agent) => agent.agentId === agentIdOf(index));

describe('the board store’s incremental order and counts', () => {
  it('moves an agent whose sort key changed to where a fresh sort puts it, in every order', async () => {
    const { store, live, runFrame } = await startedBoard();
    const sorts: BoardSort[] = ['state', 'time-in-state', 'extension'];
    let at = Date.now();
    for (const sort of sorts) {
      store.getState().setSort(sort);
      for (const [index, state] of [[5, 'on-call'], [90, 'offline'], [5, 'available'], [201, 'after-call-work']] as const) {
        at += 1000;
        const before = position(store.getState(), index);
        live.emit(stateEvent(index, at, state));
        runFrame();
        expect(store.getState().agents[agentIdOf(index)]).toMatchObject({ state, since: at });
        expectAsFromScratch(store.getState());
        // Newest in their state: the state order puts them last of that state, time in state last of all.
        if (sort === 'time-in-state') expect(position(store.getState(), index)).toBe(agentCount - 1);
        if (sort === 'extension') expect(position(store.getState(), index)).toBe(before);
      }
    }
  });

  it('lets agents in and out of the list as they enter and leave the filtered state, and keeps the counts', async () => {
    const { store, live, runFrame } = await startedBoard();
    store.getState().setFilter({ state: 'available', groupId: groupA });
    expectAsFromScratch(store.getState());
    const counted = store.getState().summary.available;
    const shown = store.getState().visible.length;
    const leaving = store.getState().visible[0];
    const joining = Object.values(store.getState().agents).find((agent) => agent.state === 'offline' && agent.groupIds.includes(groupA));
    if (!leaving || !joining) throw new Error('the snapshot has no agent to move');
    const indexOf = (agent: BoardAgent) => Number(agent.agentId.slice(-6)) - 100_000;
    const at = Date.now() + 1000;
    live.emit(stateEvent(indexOf(leaving), at, 'not-ready'));
    live.emit(stateEvent(indexOf(joining), at, 'available'));
    runFrame();
    const state = store.getState();
    expectAsFromScratch(state);
    expect(state.visible.some((agent) => agent.agentId === leaving.agentId)).toBe(false);
    expect(state.visible.some((agent) => agent.agentId === joining.agentId)).toBe(true);
    expect(state.visible.length).toBe(shown);
    expect(state.summary.available).toBe(counted);
    expect(state.summary['not-ready']).toBe(boardSelectors.stateCounts(state)['not-ready']);

    // A call changes neither state nor place: the agent's new object takes the old one's place.
    const place = position(state, indexOf(joining));
    live.emit(callEvent(indexOf(joining), at + 1000, 'inc-1@pbx', 'offered'));
    runFrame();
    expect(position(store.getState(), indexOf(joining))).toBe(place);
    expect(store.getState().visible[place]?.calls).toHaveLength(1);
    expectAsFromScratch(store.getState());
  });

  it('leaves the list and counts alone for an agent the snapshot does not know, and loads the snapshot again', async () => {
    const { store, live, runFrame } = await startedBoard();
    const before = store.getState();
    const reload = vi.spyOn(store.getState(), 'reload');
    live.emit({ ...stateEvent(3, Date.now() + 1000, 'on-call'), agentId: '00000000-0000-4000-8000-000000000999' });
    live.emit(callEvent(3, Date.now() + 1000, 'inc-2@pbx', 'offered'));
    live.emit({ ...callEvent(3, Date.now() + 1000, 'inc-3@pbx', 'offered'), agentId: '00000000-0000-4000-8000-000000000998' });
    runFrame();
    const after = store.getState();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(after.summary).toEqual(before.summary);
    expect(after.agents['00000000-0000-4000-8000-000000000999']).toBeUndefined();
    expect(Object.keys(after.agents)).toHaveLength(agentCount);
    expectAsFromScratch(after);
  });

  it('applies a burst touching one agent many times in one frame as its last state, counted once', async () => {
    const { store, live, runFrame } = await startedBoard();
    const previous = store.getState();
    let at = Date.now();
    for (let round = 0; round < 25; round += 1) {
      at += 100;
      // Offline (which drops the calls) once, in the middle.
      live.emit(stateEvent(42, at, round === 10 ? 'offline' : (states[round % 4] ?? 'available')));
      live.emit(callEvent(42, at, `burst-${round}@pbx`, 'offered'));
      if (round % 2 === 0) live.emit(callEvent(42, at + 50, `burst-${round}@pbx`, 'ended'));
    }
    live.emit(stateEvent(42, at + 1000, 'on-call'));
    runFrame();
    const state = store.getState();
    expect(state.agents[agentIdOf(42)]).toMatchObject({ state: 'on-call', since: at + 1000 });
    expect(state.agents[agentIdOf(42)]?.calls.map((call) => call.sipCallId)).toEqual([11, 13, 15, 17, 19, 21, 23].map((round) => `burst-${round}@pbx`));
    expectAsFromScratch(state);
    // Everyone else is the same object as before: nothing copied, no row to render again.
    for (let index = 0; index < agentCount; index += 1) if (index !== 42) expect(state.agents[agentIdOf(index)]).toBe(previous.agents[agentIdOf(index)]);
  });

  it('agrees with a computation from scratch after many random batches, whatever the order and filter', async () => {
    const { store, live, runFrame } = await startedBoard();
    const pick = random(20261123);
    const filters = [{ state: 'all', groupId: 'all', search: '' }, { state: 'on-call', groupId: 'all', search: '' }, { state: 'all', groupId: groupB, search: '' }, { state: 'all', groupId: 'all', search: '鈴木' }] as const;
    const sorts: BoardSort[] = ['state', 'extension', 'time-in-state'];
    let at = Date.now();
    const open = new Map<number, string>();
    for (let batch = 0; batch < 120; batch += 1) {
      if (batch % 15 === 0) {
        store.getState().setSort(sorts[pick(sorts.length)] ?? 'state');
        store.getState().setFilter(filters[pick(filters.length)] ?? filters[0]);
      }
      for (let count = pick(30); count >= 0; count -= 1) {
        const index = pick(agentCount);
        at += pick(3) * 500; // equal times too: ties broken by extension, then id
        const call = open.get(index);
        switch (pick(4)) {
          case 0:
            live.emit(stateEvent(index, at, states[pick(states.length)] ?? 'available'));
            break;
          case 1:
            live.emit(stateEvent(index, base - 1000, 'available')); // older than the snapshot: ignored
            break;
          case 2:
            if (call) {
              live.emit(callEvent(index, at, call, 'ended'));
              open.delete(index);
            } else {
              open.set(index, `r-${batch}-${count}@pbx`);
              live.emit(callEvent(index, at, `r-${batch}-${count}@pbx`, 'answered'));
            }
            break;
          default:
            if (call) live.emit({ type: 'recording', at: new Date(at).toISOString(), sipCallId: call, recordingId: '00000000-0000-4000-8000-0000000000f1', agentId: agentIdOf(index), groupId: groupA, status: pick(2) === 0 ? 'recording' : 'paused' });
        }
      }
      runFrame();
      expectAsFromScratch(store.getState());
    }
    expect(Object.keys(store.getState().agents)).toHaveLength(agentCount);
  });
});

describe('ShardedRecord', () => {
  it('changes only what it is given, shares the rest, and shows itself as a read-only plain object', () => {
    const first = ShardedRecord.of(Array.from({ length: 1000 }, (_, index) => [`k${index}`, { index }] as const));
    const kept = first.get('k5');
    const second = first.with(new Map([['k1', { index: -1 }], ['k2', undefined], ['new', { index: 1000 }]]));
    expect(second.size).toBe(1000);
    expect(first.size).toBe(1000);
    expect(first.get('k1')).toEqual({ index: 1 });
    expect(second.get('k1')).toEqual({ index: -1 });
    expect(second.has('k2')).toBe(false);
    expect(second.get('k5')).toBe(kept);
    expect(second.with(new Map([['k5', kept], ['absent', undefined]]))).toBe(second);

    const record = second.record;
    expect(record).toBe(second.record);
    expect(record.k1).toEqual({ index: -1 });
    expect('k2' in record).toBe(false);
    expect('new' in record).toBe(true);
    expect(Object.keys(record)).toHaveLength(1000);
    expect(Object.values(record)).toContain(kept);
    expect({ ...record }.new).toEqual({ index: 1000 });
    expect(Object.prototype.hasOwnProperty.call(record, 'toString')).toBe(false);
    expect(() => {
      (record as Record<string, unknown>).k1 = 'changed';
    }).toThrow(TypeError);
    expect(ShardedRecord.empty<number>().record).toEqual({});
  });
});
