import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/api-client';
import type { ApiError } from '../api/api-error';
import { MonitoringApi } from '../api/monitoring-api';
import type { MonitoringEndReason, MonitoringMode } from '../contract/monitoring';
import type { MonitoringLeg, MonitoringLegFactory } from '../telephony/monitoring-leg';

/** The supervisor's monitoring of one agent's call, as the board shows it. */
export interface ActiveMonitoring {
  readonly sessionId: string;
  readonly agentId: string;
  readonly sipCallId: string;
  readonly mode: MonitoringMode;
}

/**
 * Why stepping into a call, or switching, failed, as a value the board translates.
 * - `microphone`: the browser gave no microphone (refused, or none).
 * - `conflict`: the agent is not talking on a call (any more), or another supervisor already speaks in it.
 * - `unavailable`: the service's media relay cannot be used now (503).
 * - `refused`: not one of the supervisor's agents (403, 404), or the session expired (401).
 * - `network`, `service`: no answer, or any other failure.
 */
export type MonitoringError = { readonly kind: 'microphone' | 'conflict' | 'unavailable' | 'refused' | 'network' | 'service' };

/**
 * A session that ended without this board ending it, as the agent's row tells it.
 * - `reason` `service-restart`: the CTI service restarted (its mixer was gone); it put the call
 *   back as it was (the parties hear each other) and the supervisor may start again.
 * - `call-ended`: the call is over. `service-stopped`: the service was shut down.
 *   `stopped`: ended elsewhere (another tab of the same supervisor).
 * - `unknown`: the service no longer knows the session.
 */
export interface EndedMonitoring {
  readonly agentId: string;
  readonly sessionId: string;
  readonly reason: MonitoringEndReason | 'unknown';
}

/** How often a running session is asked after (GET /api/monitoring/sessions/:id). */
export const sessionCheckIntervalMs = 3000;

/** State of the supervisor's monitoring (one call at a time from the board). */
export interface MonitoringStoreState {
  /** `starting` until the audio leg is up; `switching`/`ending` while the service changes it. */
  readonly status: 'idle' | 'starting' | 'active' | 'switching' | 'ending';
  /** The agent being (or last) stepped into: whose row shows the session or the error. */
  readonly agentId: string | undefined;
  readonly session: ActiveMonitoring | undefined;
  /** Why the latest command failed. */
  readonly error: MonitoringError | undefined;
  /** The session that ended by itself (the call, a service restart), until the next start or dismiss. */
  readonly ended: EndedMonitoring | undefined;
}

/** Commands of the monitoring store; outcomes arrive as state. */
export interface MonitoringStoreActions {
  /** Listens to (or whispers, or barges into) the call `agentId` is talking on. */
  start: (agentId: string, mode?: MonitoringMode) => Promise<void>;
  /** Switches the running session's mode. */
  setMode: (mode: MonitoringMode) => Promise<void>;
  /** Ends the running session; the call goes on. */
  stop: () => Promise<void>;
  /**
   * Asks the service whether the running session still runs; if it ended (the call ended, the
   * service restarted), closes the leg and says why in {@link MonitoringStoreState.ended}.
   * Called every {@link sessionCheckIntervalMs} while active, at once when the leg's connection
   * is lost, and when the service no longer knows the session on a switch.
   */
  check: () => Promise<void>;
  /** Forgets {@link MonitoringStoreState.ended}. */
  dismiss: () => void;
}

/** The monitoring store. */
export type MonitoringStore = StoreApi<MonitoringStoreState & MonitoringStoreActions>;

function errorOf(error: ApiError): MonitoringError {
  if (error.kind === 'network') return { kind: 'network' };
  if (error.kind === 'invalid-response') return { kind: 'service' };
  if (error.status === 409) return { kind: 'conflict' };
  if (error.status === 503) return { kind: 'unavailable' };
  if (error.status === 401 || error.status === 403 || error.status === 404) return { kind: 'refused' };
  return { kind: 'service' };
}

/**
 * Creates the store of a supervisor's monitoring: the session on the server and the browser's
 * audio leg, kept together (a leg without a session, or the reverse, never lingers).
 * @remarks One session at a time from this board. A 409 while switching means the call ended:
 * the leg is closed and the store is idle again.
 *
 * A session can also end without this board: the call ends, or the CTI service restarts (its
 * mixer dies with it; the restarted service puts the call back and ends the session as
 * `service-restart`, design note §3.4). The store learns it deterministically by asking
 * `GET /api/monitoring/sessions/:id` every 3 s while active, at once when the leg's ICE
 * connection is lost and when a switch answers 404; while the service is down (no answer, 5xx)
 * it keeps asking. The live-events socket is not relied on: it reconnects on its own schedule
 * and an end that happened during the restart is never sent on it.
 */
export function createMonitoringStore(dependencies: { readonly client: ApiClient; readonly leg: MonitoringLegFactory; readonly checkIntervalMs?: number }): MonitoringStore {
  const api = new MonitoringApi(dependencies.client);
  const checkIntervalMs = dependencies.checkIntervalMs ?? sessionCheckIntervalMs;
  let leg: MonitoringLeg | undefined;
  let checkTimer: ReturnType<typeof setInterval> | undefined;
  const unwatch = (): void => {
    clearInterval(checkTimer);
    checkTimer = undefined;
  };
  const closeLeg = (): void => {
    unwatch();
    leg?.close();
    leg = undefined;
  };

  return createStore<MonitoringStoreState & MonitoringStoreActions>()((set, get) => ({
    status: 'idle',
    agentId: undefined,
    session: undefined,
    error: undefined,
    ended: undefined,

    async start(agentId, mode = 'listen') {
      if (get().status !== 'idle') return;
      set({ status: 'starting', agentId, error: undefined, ended: undefined });
      leg = dependencies.leg();
      let offer: string;
      try {
        offer = await leg.offer();
      } catch {
        closeLeg();
        set({ status: 'idle', error: { kind: 'microphone' } });
        return;
      }
      const started = await api.start(agentId, mode, offer);
      if (!started.ok) {
        closeLeg();
        set({ status: 'idle', error: errorOf(started.error) });
        return;
      }
      const { session } = started.value;
      try {
        await leg.accept(started.value.sdp);
      } catch {
        closeLeg();
        await api.stop(session.id);
        set({ status: 'idle', error: { kind: 'service' } });
        return;
      }
      set({ status: 'active', session: { sessionId: session.id, agentId: session.agentId, sipCallId: session.sipCallId, mode: session.mode } });
      leg.onLost(() => void get().check());
      checkTimer = setInterval(() => void get().check(), checkIntervalMs);
    },

    async setMode(mode) {
      const { session, status } = get();
      if (session === undefined || status !== 'active' || session.mode === mode) return;
      set({ status: 'switching', error: undefined });
      const changed = await api.change(session.sessionId, mode);
      if (changed.ok) {
        set({ status: 'active', session: { ...session, mode: changed.value.mode } });
        return;
      }
      if (changed.error.kind === 'http' && changed.error.status === 404) {
        // The service no longer runs it (a restart): ask why.
        set({ status: 'active' });
        await get().check();
        if (get().session !== undefined) set({ error: { kind: 'refused' } });
        return;
      }
      const error = errorOf(changed.error);
      if (error.kind === 'conflict' && changed.error.kind === 'http' && /ended/.test(changed.error.message)) {
        closeLeg();
        set({ status: 'idle', session: undefined, error });
        return;
      }
      set({ status: 'active', error });
    },

    async stop() {
      const { session } = get();
      if (session === undefined) return;
      unwatch();
      set({ status: 'ending', error: undefined });
      await api.stop(session.sessionId);
      closeLeg();
      set({ status: 'idle', agentId: undefined, session: undefined });
    },

    async check() {
      const { session, status } = get();
      if (session === undefined || status !== 'active') return;
      const result = await api.status(session.sessionId);
      if (get().session?.sessionId !== session.sessionId || get().status !== 'active') return;
      let reason: EndedMonitoring['reason'];
      if (result.ok) {
        if (result.value.endReason === null) return;
        reason = result.value.endReason;
      } else if (result.error.kind === 'http' && result.error.status === 404) {
        reason = 'unknown';
      } else {
        // No answer or 5xx: the service may be restarting; the next check asks again.
        return;
      }
      closeLeg();
      set({ status: 'idle', session: undefined, error: undefined, agentId: session.agentId, ended: { agentId: session.agentId, sessionId: session.sessionId, reason } });
    },

    dismiss() {
      set({ ended: undefined });
    },
  }));
}
