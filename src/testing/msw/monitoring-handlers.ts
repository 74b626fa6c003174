import { http, HttpResponse } from 'msw';
import {
  monitoringSessionListSchema,
  monitoringSessionStatusSchema,
  type MonitoringEndReason,
  type MonitoringMode,
  type MonitoringSessionDto,
  type MonitoringSessionStatus,
} from '../../contract/monitoring';
import { contractResponse, signedInSession } from './mock-http';

/**
 * Monitoring sessions in the mock service, and the tenant's policy whether agents are told
 * (`TSUNAGU_MONITORING_VISIBLE_TO_AGENTS`, off as in the real service).
 */
class MockMonitoring {
  visibleToAgents = false;
  readonly #sessions = new Map<string, MonitoringSessionDto>();
  readonly #ended = new Map<string, MonitoringSessionStatus>();

  /** A supervisor monitors `agentId`'s call `sipCallId` in `mode`; returns the session's id. */
  start(agentId: string, sipCallId: string, mode: MonitoringMode): string {
    const id = crypto.randomUUID();
    this.#sessions.set(id, { id, agentId, agentName: agentId, supervisorId: crypto.randomUUID(), supervisorName: 'sv1', sipCallId, mode, startedAt: new Date().toISOString() });
    return id;
  }

  /** Ends a session; `reason` (e.g. `service-restart`) is what GET /api/monitoring/sessions/:id tells afterwards. */
  stop(id: string, reason: MonitoringEndReason = 'stopped'): void {
    const session = this.#sessions.get(id);
    this.#sessions.delete(id);
    if (session !== undefined) this.#ended.set(id, { ...session, endedAt: new Date().toISOString(), endReason: reason });
  }

  /** One session, running or ended. */
  status(id: string): MonitoringSessionStatus | undefined {
    const running = this.#sessions.get(id);
    return running === undefined ? this.#ended.get(id) : { ...running, endedAt: null, endReason: null };
  }

  /** What GET /api/monitoring/sessions answers an agent: their calls' sessions, where the policy tells them. */
  visibleTo(role: string, userId: string): MonitoringSessionDto[] {
    const all = [...this.#sessions.values()];
    if (role !== 'agent') return all;
    return this.visibleToAgents ? all.filter((session) => session.agentId === userId) : [];
  }

  reset(): void {
    this.visibleToAgents = false;
    this.#sessions.clear();
    this.#ended.clear();
  }
}

/** The mock service's monitoring sessions; forgotten after each test. */
export const mockMonitoring = new MockMonitoring();

/**
 * GET /api/monitoring/sessions (the agent desktop's monitoring flag reads it) and
 * GET /api/monitoring/sessions/:id (the supervisor's board asks whether its session still runs).
 */
export const monitoringHandlers = [
  http.get('/api/monitoring/sessions/:id', ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const status = mockMonitoring.status(String(params.id));
    if (status === undefined) return HttpResponse.json({ error: { code: 'not-found', message: 'monitoring session not found' } }, { status: 404 });
    return contractResponse(monitoringSessionStatusSchema, status);
  }),
  http.get('/api/monitoring/sessions', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    return contractResponse(monitoringSessionListSchema, { items: mockMonitoring.visibleTo(signedIn.account.role, signedIn.account.id) });
  }),
];
