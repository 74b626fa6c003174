import { z } from 'zod';
import { deskPolicySchema, type DeskPolicy } from '../contract/desk-policy';
import { agentStatusSchema, type AgentStateChange, type AgentStatusDto } from '../contract/events';
import type { ApiClient } from './api-client';
import type { ApiResult } from './api-error';

/** Answer of GET /api/agents. */
export const agentListSchema = z.object({ items: z.array(agentStatusSchema) });

/** Agent states (`/api/agents/*`). */
export class AgentsApi {
  constructor(private readonly client: ApiClient) {}

  /**
   * PUT /api/agents/me/state: the signed-in agent changes their own state.
   * @remarks A reason is kept only for `not-ready` (休憩, 研修…); the change is pushed to the
   * supervisors of the agent's groups as a live event.
   */
  setMyState(change: AgentStateChange): Promise<ApiResult<AgentStatusDto>> {
    return this.client.send('PUT', '/agents/me/state', agentStatusSchema, change);
  }

  /**
   * GET /api/agents/me/state: the signed-in agent's state as the service last stored it.
   * @remarks Read after a page reload to carry on in the same state (offline when never set);
   * 403 `forbidden` for users without a phone.
   */
  getMyState(): Promise<ApiResult<AgentStatusDto>> {
    return this.client.get('/agents/me/state', agentStatusSchema);
  }

  /**
   * GET /api/agents/me/desk-policy: how the signed-in agent's desk behaves (not-ready reasons,
   * after-call work timer and required record fields), from the tenant's settings.
   */
  getDeskPolicy(): Promise<ApiResult<DeskPolicy>> {
    return this.client.get('/agents/me/desk-policy', deskPolicySchema);
  }

  /**
   * GET /api/agents: the agents a supervisor (their groups) or administrator (everyone) may see.
   * @remarks 403 `forbidden` for agents.
   */
  async listAgents(): Promise<ApiResult<readonly AgentStatusDto[]>> {
    const result = await this.client.get('/agents', agentListSchema);
    return result.ok ? { ok: true, value: result.value.items } : result;
  }
}
