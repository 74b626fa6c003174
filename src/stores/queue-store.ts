import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/api-client';
import { QueuesApi } from '../api/queues-api';
import type { QueueDto } from '../contract/queues';
import { lookupErrorOf, type LookupError } from './lookup-error';

/** What the softphone shows of a queue: its number and its names. */
export type QueueName = Pick<QueueDto, 'number' | 'nameJa' | 'nameEn'>;

/** The signed-in user's queues (着信キュー), as far as the desk needs them: to name a call's queue. */
export interface QueueStoreState {
  /** The user's queues (`GET /api/queues`: an agent's are the queues they can take), by number. */
  readonly queues: readonly QueueName[];
  /** `idle` before the first load; `loading` while a load is on its way. */
  readonly status: 'idle' | 'loading' | 'loaded' | 'failed';
  /** Why the latest load failed, with `failed`. */
  readonly error: LookupError | undefined;
}

/** Commands of the queue store; outcomes arrive as state. */
export interface QueueStoreActions {
  /** Loads the user's queues now (a load already on its way is not repeated). */
  load: () => Promise<void>;
  /**
   * A call names queue `number`: loads the list when it was never loaded, or when the queue is
   * missing from it and the last load is older than the refresh interval (the queue may have
   * been added, or the agent given its skill, since).
   */
  require: (number: string) => void;
}

/** The queue store. */
export type QueueStore = StoreApi<QueueStoreState & QueueStoreActions>;

/** What the queue store needs. */
export interface QueueStoreDependencies {
  /** The client of the CTI service; `undefined` without a CTI session (the direct-SIP softphone): no names. */
  readonly client: ApiClient | undefined;
  readonly now?: () => number;
  /** How soon a queue missing from the list makes it load again (60 s by default). */
  readonly refreshAfterMs?: number;
}

/** Selectors of the queue store. */
export const queueSelectors = {
  /** The queue with this number, if the user's list has it. */
  byNumber:
    (number: string | undefined) =>
    (state: QueueStoreState): QueueName | undefined =>
      number === undefined ? undefined : state.queues.find((queue) => queue.number === number),
};

/**
 * Creates the store of the signed-in user's queues, so the softphone can show the queue a
 * call came through by name (「東京窓口 (2001)」) rather than by number alone.
 * @remarks Loaded on demand, when a call names a queue; a failed load leaves the number shown
 * alone and is tried again at the next call after the refresh interval. Only names and
 * numbers are kept: the queue figures belong to the supervisors' boards.
 */
export function createQueueStore(dependencies: QueueStoreDependencies): QueueStore {
  const api = dependencies.client === undefined ? undefined : new QueuesApi(dependencies.client);
  const now = dependencies.now ?? Date.now;
  const refreshAfterMs = dependencies.refreshAfterMs ?? 60_000;
  let loading: Promise<void> | undefined;
  let attemptedAt: number | undefined;

  const store = createStore<QueueStoreState & QueueStoreActions>()((set, get) => ({
    queues: [],
    status: 'idle',
    error: undefined,

    load() {
      if (!api) return Promise.resolve();
      loading ??= (async () => {
        attemptedAt = now();
        set({ status: 'loading' });
        const result = await api.listQueues();
        if (result.ok) {
          const queues = result.value.map(({ number, nameJa, nameEn }) => ({ number, nameJa, nameEn }));
          set({ queues, status: 'loaded', error: undefined });
        } else {
          set({ status: 'failed', error: lookupErrorOf(result.error) });
        }
      })().finally(() => {
        loading = undefined;
      });
      return loading;
    },

    require(number) {
      if (queueSelectors.byNumber(number)(get()) || loading) return;
      if (attemptedAt !== undefined && now() - attemptedAt < refreshAfterMs) return;
      void get().load();
    },
  }));
  return store;
}
