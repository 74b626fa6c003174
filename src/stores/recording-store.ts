import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/api-client';
import type { ApiError } from '../api/api-error';
import { RecordingsApi } from '../api/recordings-api';
import type { RecordingFlagDto } from '../contract/recordings';

/**
 * The recording flag of one call as the softphone shows it.
 * - `unknown`: not asked yet, or the answer is pending.
 * - `recording` (録音中), `paused` (一時停止中), `none` (録音なし: the service records no audio of this call).
 */
export interface CallRecordingFlag {
  readonly status: 'unknown' | 'recording' | 'paused' | 'none';
  /** The queue's policy allows the agent to pause (e.g. while the customer reads a card number). */
  readonly pauseAllowed: boolean;
  /** A pause or resume is on its way to the service. */
  readonly pending: boolean;
  /** Why the latest pause/resume or query failed, for the panel to translate. */
  readonly error: RecordingError | undefined;
}

/**
 * Why a recording command failed: `refused` (403: policy forbids pausing), `conflict` (409: already
 * paused or not paused, or the call ended), `network` / `service` (no answer, anything else).
 */
export type RecordingError = 'refused' | 'conflict' | 'network' | 'service';

/** State of the agent's recording flags, by the call's SIP Call-ID. */
export interface RecordingStoreState {
  readonly flags: Readonly<Record<string, CallRecordingFlag>>;
}

/** Commands of the recording store; outcomes arrive as state. */
export interface RecordingStoreActions {
  /** Asks the service whether the call is recorded (GET …/recording). */
  load: (sipCallId: string) => Promise<void>;
  /** Pauses (`true`) or resumes (`false`) the call's recording. */
  setPaused: (sipCallId: string, paused: boolean) => Promise<void>;
  /** Takes a `recording` live event's status (started, paused, resumed, ended, failed). */
  received: (sipCallId: string, status: 'recording' | 'paused' | 'ended' | 'failed') => void;
  /** Forgets a call that is over. */
  forget: (sipCallId: string) => void;
}

/** The recording store. */
export type RecordingStore = StoreApi<RecordingStoreState & RecordingStoreActions>;

const initial: CallRecordingFlag = { status: 'unknown', pauseAllowed: false, pending: false, error: undefined };

function errorOf(error: ApiError): RecordingError {
  if (error.kind === 'network') return 'network';
  if (error.kind === 'invalid-response') return 'service';
  if (error.status === 403) return 'refused';
  if (error.status === 409) return 'conflict';
  return 'service';
}

/**
 * Creates the store of the agent's recording flags (録音中 / 一時停止中 / 録音なし) and the
 * pause/resume of their call's server-side recording.
 * @remarks The recording happens on the server; this store only shows and steers it. A 404 on
 * the query means the call is not recorded (the queue's policy, or no recording started).
 */
export function createRecordingStore(dependencies: {
  readonly client: ApiClient;
  /**
   * When to ask again after a 404 (the PBX starts the recording as the call is answered, which
   * may be just after the softphone asks); 1 s and 3 s by default.
   */
  readonly retryDelaysMs?: readonly number[];
}): RecordingStore {
  const api = new RecordingsApi(dependencies.client);
  const retryDelaysMs = dependencies.retryDelaysMs ?? [1000, 3000];
  /** Pending re-queries by call, cancelled when the call is forgotten. */
  const retries = new Map<string, ReturnType<typeof setTimeout>>();
  return createStore<RecordingStoreState & RecordingStoreActions>()((set, get) => {
    const update = (sipCallId: string, change: Partial<CallRecordingFlag>): void => {
      set((state) => ({ flags: { ...state.flags, [sipCallId]: { ...(state.flags[sipCallId] ?? initial), ...change } } }));
    };
    const apply = (sipCallId: string, flag: RecordingFlagDto): void => {
      update(sipCallId, { status: flag.status, pauseAllowed: flag.pauseAllowed, pending: false, error: undefined });
    };
    return {
      flags: {},

      async load(sipCallId) {
        const query = async (attempt: number): Promise<void> => {
          retries.delete(sipCallId);
          const result = await api.flag(sipCallId);
          if (result.ok) {
            apply(sipCallId, result.value);
            return;
          }
          if (result.error.kind === 'http' && result.error.status === 404) update(sipCallId, { status: 'none', pauseAllowed: false });
          else update(sipCallId, { error: errorOf(result.error) });
          const delay = retryDelaysMs[attempt];
          if (delay !== undefined && get().flags[sipCallId] !== undefined) retries.set(sipCallId, setTimeout(() => void query(attempt + 1), delay));
        };
        if (retries.has(sipCallId)) clearTimeout(retries.get(sipCallId));
        await query(0);
      },

      async setPaused(sipCallId, paused) {
        const flag = get().flags[sipCallId];
        if (flag === undefined || flag.pending || !flag.pauseAllowed) return;
        update(sipCallId, { pending: true, error: undefined });
        const result = await api.setPaused(sipCallId, paused);
        if (result.ok) apply(sipCallId, result.value);
        else update(sipCallId, { pending: false, error: errorOf(result.error) });
      },

      received(sipCallId, status) {
        if (status === 'ended' || status === 'failed') {
          if (get().flags[sipCallId] !== undefined) update(sipCallId, { status: 'none', pauseAllowed: false, pending: false });
          return;
        }
        const known = get().flags[sipCallId];
        update(sipCallId, { status });
        // A recording that just started: ask once for its policy (may it be paused?).
        if (known === undefined || known.status === 'unknown' || known.status === 'none') void get().load(sipCallId);
      },

      forget(sipCallId) {
        clearTimeout(retries.get(sipCallId));
        retries.delete(sipCallId);
        set((state) => {
          const { [sipCallId]: _gone, ...flags } = state.flags;
          return { flags };
        });
      },
    };
  });
}
