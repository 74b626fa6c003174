import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/api-client';
import { monitoringSessionListSchema, type MonitoringMode } from '../contract/monitoring';

/** The agent's monitoring flag per call: the mode a supervisor is in, by SIP Call-ID. */
export interface MonitoringFlagState {
  /** A call without an entry shows no flag (not monitored, or the policy does not tell agents). */
  readonly modes: Readonly<Record<string, MonitoringMode>>;
  /**
   * Watches a connected call: asks now and every {@link pollIntervalMs} until the returned
   * function is called (the call ended), which also clears the call's flag.
   */
  readonly watch: (sipCallId: string) => () => void;
  /** Asks the service once (GET /api/monitoring/sessions) and updates the call's flag. */
  readonly refresh: (sipCallId: string) => Promise<void>;
}

export type MonitoringFlagStore = StoreApi<MonitoringFlagState>;

/** How often a connected call's flag is asked for. */
export const pollIntervalMs = 3000;

/** With several sessions on one call (listeners and one speaker), the flag shows the most the parties may hear. */
const strength: Record<MonitoringMode, number> = { listen: 0, whisper: 1, barge: 2 };

/**
 * The monitoring flag of the agent's connected call (モニタリング中 / ささやき中 / 割り込み中),
 * shown only where the tenant's policy tells agents (the service answers an agent's
 * GET /api/monitoring/sessions with nothing otherwise).
 * @remarks Polls every 3 s while a call is connected rather than opening a live-events socket
 * for the agent desktop: one small GET per call per 3 s, no second connection with its own
 * reconnect states on every agent's browser. A failed poll keeps the last flag; the next one
 * corrects it.
 */
export function createMonitoringFlagStore(dependencies: { readonly client: ApiClient; readonly intervalMs?: number }): MonitoringFlagStore {
  const intervalMs = dependencies.intervalMs ?? pollIntervalMs;
  return createStore<MonitoringFlagState>()((set, get) => ({
    modes: {},
    async refresh(sipCallId) {
      const result = await dependencies.client.get('/monitoring/sessions', monitoringSessionListSchema);
      if (!result.ok) return;
      const mode = result.value.items
        .filter((session) => session.sipCallId === sipCallId)
        .map((session) => session.mode)
        .reduce<MonitoringMode | undefined>((strongest, next) => (strongest === undefined || strength[next] > strength[strongest] ? next : strongest), undefined);
      set((state) => {
        const { [sipCallId]: _previous, ...others } = state.modes;
        return { modes: mode === undefined ? others : { ...others, [sipCallId]: mode } };
      });
    },
    watch(sipCallId) {
      let watching = true;
      void get().refresh(sipCallId);
      const timer = setInterval(() => {
        if (watching) void get().refresh(sipCallId);
      }, intervalMs);
      return () => {
        watching = false;
        clearInterval(timer);
        set((state) => {
          const { [sipCallId]: _ended, ...others } = state.modes;
          return { modes: others };
        });
      };
    },
  }));
}
