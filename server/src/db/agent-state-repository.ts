import { sql } from 'drizzle-orm';
import type { AgentStateName } from '../../../src/contract/events';
import type { AgentStateRepository, AgentStatus, StrandedAgent } from '../domain/live/agent-state-service';
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
    const found = await rows<StatusRow>(
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
    return found.map(toStatus);
  }

  async find(tenantId: string, agentId: string): Promise<AgentStatus | undefined> {
    const [found] = await rows<StatusRow>(
      this.db,
      sql`select u.id, u.username, u.display_name, u.sip_user,
                 coalesce(array_agg(ug.group_id::text order by ug.group_id) filter (where ug.group_id is not null), '{}') as group_ids,
                 s.state, s.reason, s.since
            from users u
            left join user_groups ug on ug.user_id = u.id
            left join agent_states s on s.user_id = u.id
           where u.tenant_id = ${tenantId} and u.id = ${agentId}
           group by u.id, s.state, s.reason, s.since`,
    );
    return found ? toStatus(found) : undefined;
  }

  async stranded(now: Date): Promise<StrandedAgent[]> {
    const found = await rows<{ tenant_id: string; id: string; display_name: string; group_ids: string[] }>(
      this.db,
      sql`select s.tenant_id, u.id, u.display_name,
                 coalesce(array_agg(ug.group_id::text order by ug.group_id) filter (where ug.group_id is not null), '{}') as group_ids
            from agent_states s
            join users u on u.id = s.user_id
            left join user_groups ug on ug.user_id = u.id
           where s.state <> 'offline'
             and not exists (select 1 from sessions ss
                              where ss.user_id = s.user_id and ss.ended_at is null and ss.expires_at > ${now})
           group by s.tenant_id, u.id, u.display_name`,
    );
    return found.map((row) => ({ tenantId: row.tenant_id, agentId: row.id, displayName: row.display_name, groupIds: row.group_ids }));
  }

  async stateOfExtension(sipUser: string, now: Date): Promise<AgentStateName | undefined> {
    // Extensions are unique per tenant; one PBX serving several tenants with the same extension
    // is not a supported set-up, but should it happen, a signed-in user wins.
    const found = await rows<{ state: AgentStateName | null; signed_in: boolean }>(
      this.db,
      sql`select s.state,
                 exists (select 1 from sessions ss
                          where ss.user_id = u.id and ss.ended_at is null and ss.expires_at > ${now}) as signed_in
            from users u
            left join agent_states s on s.user_id = u.id
           where u.sip_user = ${sipUser} and u.active
           order by signed_in desc, s.since desc nulls last
           limit 1`,
    );
    const [agent] = found;
    if (!agent) return undefined;
    return agent.signed_in ? (agent.state ?? 'offline') : 'offline';
  }
}

interface StatusRow {
  readonly id: string;
  readonly username: string;
  readonly display_name: string;
  readonly sip_user: string | null;
  readonly group_ids: string[];
  readonly state: AgentStateName | null;
  readonly reason: string | null;
  readonly since: Date | string | null;
}

function toStatus(row: StatusRow): AgentStatus {
  return {
      agentId: row.id,
      agentName: row.username,
      displayName: row.display_name,
      sipUser: row.sip_user,
      groupIds: row.group_ids,
      state: row.state ?? 'offline',
      reason: row.reason,
    since: row.since ? new Date(row.since) : new Date(0),
  };
}
