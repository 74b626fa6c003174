import { z } from 'zod';
import {
  monitoringSessionSchema,
  monitoringSessionStatusSchema,
  monitoringStartedSchema,
  type MonitoringMode,
  type MonitoringSessionDto,
  type MonitoringSessionStatus,
  type MonitoringStarted,
} from '../contract/monitoring';
import type { ApiClient } from './api-client';
import type { ApiResult } from './api-error';

/** Ending a session answers 204 with no body. */
const endedSchema = z.null();

/**
 * Monitoring (通話監視, `/api/monitoring/sessions`): a supervisor listens to an agent's call,
 * whispers to the agent or barges in. The audio leg is an `RTCPeerConnection` whose offer goes
 * with the start and whose answer comes back; the mixing happens on the server.
 */
export class MonitoringApi {
  constructor(private readonly client: ApiClient) {}

  /** POST /api/monitoring/sessions: steps into the call `agentId` is talking on. */
  start(agentId: string, mode: MonitoringMode, sdp: string): Promise<ApiResult<MonitoringStarted>> {
    return this.client.send('POST', '/monitoring/sessions', monitoringStartedSchema, { agentId, mode, sdp });
  }

  /** PATCH /api/monitoring/sessions/:id: switches between listen, whisper and barge. */
  change(sessionId: string, mode: MonitoringMode): Promise<ApiResult<MonitoringSessionDto>> {
    return this.client.send('PATCH', `/monitoring/sessions/${encodeURIComponent(sessionId)}`, monitoringSessionSchema, { mode });
  }

  /** GET /api/monitoring/sessions/:id: the session, running or ended (and why). */
  status(sessionId: string): Promise<ApiResult<MonitoringSessionStatus>> {
    return this.client.get(`/monitoring/sessions/${encodeURIComponent(sessionId)}`, monitoringSessionStatusSchema);
  }

  /** DELETE /api/monitoring/sessions/:id: ends it; the call goes on. */
  stop(sessionId: string): Promise<ApiResult<null>> {
    return this.client.send('DELETE', `/monitoring/sessions/${encodeURIComponent(sessionId)}`, endedSchema);
  }
}
