import { sql } from 'drizzle-orm';
import type { AgentStateName } from '../../../src/contract/events';
import type { AgentStateRepository, AgentStatus } from '../domain/live/agent-state-service';
import type { Db } from './database';
import { rows } from './rows';
import { agentStateLog, agentStates } from './schema';

/** Agent states over PostgreSQL. */
export class DbAgentStateRepository implements AgentStateRepository {
  constructor(private readonly db: Db) {}

  async save(tenantId: string, agentId: string, state: AgentStateName, reason: string | null, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .insert(agentStates)
        .values({ userId: agentId, tenantId, state, reason, since: at })
        .onConflictDoUpdate({ target: agentStates.userId, set: { state, reason, since: at } });
      await tx.insert(agentStateLog).values({ tenantId, userId: agentId, state, reason, at });
    });
  }

  async list(tenantId: string, groupIds: 'all' | readonly string[]): Promise<AgentStatus[]> {
    const groupFilter = groupIds === 'all' ? sql`true` : groupIds.length === 0 ? sql`false` : sql`ug.group_id in (${sql.join(groupIds.map((id) => sql`${id}::uuid`), sql`, `)})`;
    const found = await rows<{ id: string; username: string; display_name: string; sip_user: string | null; group_ids: string[]; state: AgentStateName | null; reason: string | null; since: Date | string | null }>(
      this.db,
      sql`select u.id, u.username, u.display_name, u.sip_user,
                 array_agg(distinct ug.group_id::text) as group_ids, s.state, s.reason, s.since
            from users u
            join user_groups ug on ug.user_id = u.id
            left join agent_states s on s.user_id = u.id
           where u.tenant_id = ${tenantId} and u.role = 'agent' and u.active and ${groupFilter}
           group by u.id, s.state, s.reason, s.since
           order by u.username`,
    );
    return found.map((row) => ({
      agentId: row.id,
      agentName: row.username,
      displayName: row.display_name,
      sipUser: row.sip_user,
      groupIds: row.group_ids,
      state: row.state ?? 'offline',
      reason: row.reason,
      since: row.since ? new Date(row.since) : new Date(0),
    }));
  }
}
