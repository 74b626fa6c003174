import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/api-client';
import type { ApiError } from '../api/api-error';
import { CallRecordsApi } from '../api/call-records-api';
import { QueuesApi } from '../api/queues-api';
import { RecordingsApi } from '../api/recordings-api';
import type { CallCode } from '../contract/call-records';
import type { RecordingDetail, RecordingDto, RecordingListItem, RecordingSearch } from '../contract/recordings';

/**
 * Why a search, an opening, an extension or an early end failed: `refused` (401/403/404),
 * `conflict` (409: the call is still being recorded, or the retention already ended),
 * `network`, `service`.
 */
export type RecordingsError = 'refused' | 'conflict' | 'network' | 'service';

/** State of the supervisor's recordings view: the search, its results and the recording being played. */
export interface RecordingsStoreState {
  readonly status: 'idle' | 'searching' | 'ready' | 'failed';
  readonly items: readonly RecordingListItem[];
  readonly next: string | null;
  /** The search the results answer (for the next page). */
  readonly search: RecordingSearch;
  /** The recording opened in the player, with its peaks. */
  readonly selected: RecordingDetail | undefined;
  readonly opening: boolean;
  readonly extending: boolean;
  /** An administrator's early end of the opened recording's retention is on its way. */
  readonly endingRetention: boolean;
  /** The queue-wide 180-day extension is on its way. */
  readonly extendingQueue: boolean;
  /** What the latest queue-wide extension did: which queue, how many recordings. */
  readonly queueExtended: { readonly queueId: string; readonly count: number } | undefined;
  readonly error: RecordingsError | undefined;
  /** The inquiry categories (問い合わせ分類) to search by; empty until loaded. */
  readonly categories: readonly CallCode[];
}

/** Commands of the recordings store. */
export interface RecordingsStoreActions {
  /** Loads the inquiry categories to search by (once; a failure leaves the list empty). */
  loadCategories: () => Promise<void>;
  /** Searches afresh (the newest first). */
  find: (search: RecordingSearch) => Promise<void>;
  /** Appends the next page of the same search. */
  more: () => Promise<void>;
  /** Opens a recording in the player. */
  open: (id: string) => Promise<void>;
  /** Closes the player. */
  close: () => void;
  /**
   * Reads the opened recording again (the player asks while it waits for the retention job):
   * once the job has deleted it, the player and the list say so.
   */
  refresh: () => Promise<void>;
  /** Keeps the opened recording 180 days longer. */
  extend: () => Promise<void>;
  /**
   * Ends the opened recording's retention now (administrators), saying why; the service
   * deletes it at its retention job's next run.
   * @returns whether the service accepted it.
   */
  endRetention: (reason: string) => Promise<boolean>;
  /** Keeps every retained recording of the queue 180 days longer, then searches again (the dates changed). */
  extendQueue: (queueId: string) => Promise<void>;
}

/** The recordings store. */
export type RecordingsStore = StoreApi<RecordingsStoreState & RecordingsStoreActions>;

function errorOf(error: ApiError): RecordingsError {
  if (error.kind === 'network') return 'network';
  if (error.kind === 'http' && (error.status === 401 || error.status === 403 || error.status === 404)) return 'refused';
  if (error.kind === 'http' && error.status === 409) return 'conflict';
  return 'service';
}

/**
 * Whether a recording waits for the retention job to delete it (削除待ち): an administrator
 * ended its retention, or its date has passed.
 */
export function isPendingDeletion(recording: Pick<RecordingDto, 'status' | 'retainUntil' | 'retentionEndedAt'>, now: number = Date.now()): boolean {
  if (recording.status === 'deleted' || recording.status === 'recording') return false;
  return recording.retentionEndedAt !== null || Date.parse(recording.retainUntil) <= now;
}

/**
 * Creates the store of a supervisor's recordings (全通話録音): search by date, agent, number and
 * category, the player's recording with its waveform, and the retention extension.
 * @remarks The audio itself is fetched by the browser's `<audio>` element (HTTP Range), each
 * playback and download audited by the service.
 */
export function createRecordingsStore(dependencies: { readonly client: ApiClient }): RecordingsStore {
  const api = new RecordingsApi(dependencies.client);
  const queues = new QueuesApi(dependencies.client);
  const callRecords = new CallRecordsApi(dependencies.client);
  let generation = 0;
  return createStore<RecordingsStoreState & RecordingsStoreActions>()((set, get) => ({
    status: 'idle',
    items: [],
    next: null,
    search: {},
    selected: undefined,
    opening: false,
    extending: false,
    endingRetention: false,
    extendingQueue: false,
    queueExtended: undefined,
    error: undefined,
    categories: [],

    async loadCategories() {
      if (get().categories.length > 0) return;
      const result = await callRecords.listCallCategories();
      if (result.ok) set({ categories: result.value });
    },

    async find(search) {
      const mine = ++generation;
      set({ status: 'searching', search, error: undefined, queueExtended: get().queueExtended?.queueId === search.queueId ? get().queueExtended : undefined });
      const result = await api.search(search);
      if (mine !== generation) return;
      if (result.ok) set({ status: 'ready', items: result.value.items, next: result.value.next });
      else set({ status: 'failed', items: [], next: null, error: errorOf(result.error) });
    },

    async more() {
      const { next, search, items, status } = get();
      if (next === null || status === 'searching') return;
      const mine = ++generation;
      set({ status: 'searching', error: undefined });
      const result = await api.search({ ...search, before: next });
      if (mine !== generation) return;
      if (result.ok) set({ status: 'ready', items: [...items, ...result.value.items], next: result.value.next });
      else set({ status: 'ready', error: errorOf(result.error) });
    },

    async open(id) {
      set({ opening: true, error: undefined });
      const result = await api.get(id);
      if (result.ok) set({ opening: false, selected: result.value });
      else set({ opening: false, error: errorOf(result.error) });
    },

    close() {
      set({ selected: undefined });
    },

    async refresh() {
      const id = get().selected?.id;
      if (id === undefined) return;
      const result = await api.get(id);
      // A failure leaves what is shown; the next ask tries again.
      if (!result.ok) return;
      const fresh = result.value;
      set((state) => ({
        selected: state.selected?.id === fresh.id ? fresh : state.selected,
        items: state.items.map((item) => (item.id === fresh.id ? { ...item, ...fresh } : item)),
      }));
    },

    async extend() {
      const { selected } = get();
      if (selected === undefined || get().extending) return;
      set({ extending: true, error: undefined });
      const result = await api.extend(selected.id);
      if (!result.ok) {
        set({ extending: false, error: errorOf(result.error) });
        return;
      }
      const extended = result.value;
      set((state) => ({
        extending: false,
        selected: state.selected?.id === extended.id ? { ...state.selected, ...extended } : state.selected,
        items: state.items.map((item) => (item.id === extended.id ? { ...item, ...extended } : item)),
      }));
    },

    async endRetention(reason) {
      const { selected } = get();
      if (selected === undefined || get().endingRetention) return false;
      set({ endingRetention: true, error: undefined });
      const result = await api.endRetention(selected.id, reason);
      if (!result.ok) {
        set({ endingRetention: false, error: errorOf(result.error) });
        return false;
      }
      const ended = result.value;
      set((state) => ({
        endingRetention: false,
        selected: state.selected?.id === ended.id ? { ...state.selected, ...ended } : state.selected,
        items: state.items.map((item) => (item.id === ended.id ? { ...item, ...ended } : item)),
      }));
      return true;
    },

    async extendQueue(queueId) {
      if (get().extendingQueue) return;
      set({ extendingQueue: true, error: undefined, queueExtended: undefined });
      const result = await queues.extendRecordings(queueId);
      if (!result.ok) {
        set({ extendingQueue: false, error: errorOf(result.error) });
        return;
      }
      set({ extendingQueue: false, queueExtended: { queueId, count: result.value.extended } });
      await get().find(get().search);
      const { selected } = get();
      if (selected !== undefined) {
        const refreshed = get().items.find((item) => item.id === selected.id);
        if (refreshed !== undefined) set({ selected: { ...selected, ...refreshed } });
      }
    },
  }));
}

/** The address of a recording's audio for the player's `<audio>` (seeking by HTTP Range), or of its download. */
export function recordingAudioUrl(id: string, download = false): string {
  return RecordingsApi.audioUrl(id, download);
}
