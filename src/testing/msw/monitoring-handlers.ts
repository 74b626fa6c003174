import { http } from 'msw';
import { monitoringSessionListSchema, type MonitoringMode, type MonitoringSessionDto } from '../../contract/monitoring';
import { contractResponse, signedInSession } from './mock-http';

/**
 * Monitoring sessions in the mock service, and the tenant's policy whether agents are told
 * (`TSUNAGU_MONITORING_VISIBLE_TO_AGENTS`, off as in the real service).
 */
class MockMonitoring {
  visibleToAgents = false;
  readonly #sessions = new Map<string, MonitoringSessionDto>();

  /** A supervisor monitors `agentId`'s call `sipCallId` in `mode`; returns the session's id. */
  start(agentId: string, sipCallId: string, mode: MonitoringMode): string {
    const id = crypto.randomUUID();
    this.#sessions.set(id, { id, agentId, agentName: agentId, supervisorId: crypto.randomUUID(), supervisorName: 'sv1', sipCallId, mode, startedAt: new Date().toISOString() });
    return id;
  }

  /** Ends a session. */
  stop(id: string): void {
    this.#sessions.delete(id);
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
  }
}

/** The mock service's monitoring sessions; forgotten after each test. */
export const mockMonitoring = new MockMonitoring();

/** GET /api/monitoring/sessions (the agent desktop's monitoring flag reads it). */
export const monitoringHandlers = [
  http.get('/api/monitoring/sessions', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    return contractResponse(monitoringSessionListSchema, { items: mockMonitoring.visibleTo(signedIn.account.role, signedIn.account.id) });
  }),
];
