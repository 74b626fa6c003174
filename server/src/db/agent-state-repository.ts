import { sql, type SQL } from 'drizzle-orm';
import type { AgentGroup, AgentReasonName, AgentStateName, CallPhase } from '../../../src/contract/events';
import type { AgentCurrentCall, AgentStateRepository, AgentStatus, StrandedAgent } from '../domain/live/agent-state-service';
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

  async list(tenantId: string, groupIds: 'all' | readonly string[], now: Date): Promise<AgentStatus[]> {
    const groupFilter = inGroups(sql`ug.group_id`, groupIds);
    const callGroupFilter = inGroups(sql`c.group_id`, groupIds);
    // The current call: the agent's newest record that has not ended, filed in a visible group.
    // Records started more than a day ago are left out: a softphone that never reported the end of a call
    // (a crashed browser) must not show it on the board for ever.
    const found = await rows<StatusRow & CurrentCallRow>(
      this.db,
      sql`select a.*, c.sip_call_id as call_sip_call_id, c.direction as call_direction, c.remote_number as call_remote_number,
                 c.queue as call_queue, c.phase as call_phase, c.started_at as call_started_at, c.answered_at as call_answered_at,
                 r.recording_status as call_recording
            from (select u.id, u.username, u.display_name, u.sip_user,
                         array_agg(distinct ug.group_id::text) as group_ids, s.state, s.reason, s.since
                    from users u
                    join user_groups ug on ug.user_id = u.id
                    left join agent_states s on s.user_id = u.id
                   where u.tenant_id = ${tenantId} and u.role = 'agent' and u.active and ${groupFilter}
                   group by u.id, s.state, s.reason, s.since) a
            left join lateral (
                  select c.sip_call_id, c.direction, c.remote_number, c.queue, c.phase, c.started_at, c.answered_at
                    from call_records c
                   where c.tenant_id = ${tenantId} and c.agent_id = a.id and c.phase <> 'ended'
                     and c.started_at > ${new Date(now.getTime() - 24 * 3600_000)} and ${callGroupFilter}
                   order by c.started_at desc
                   limit 1) c on true
            left join lateral (
                  -- The call's recording while it runs; an open pause (no end yet) makes it 一時停止中.
                  select case when exists (select 1 from jsonb_array_elements(r.pauses) p where p->'endMs' is null or p->'endMs' = 'null'::jsonb)
                              then 'paused' else 'recording' end as recording_status
                    from recordings r
                   where r.tenant_id = ${tenantId} and r.sip_call_id = c.sip_call_id and r.status = 'recording') r on true
           order by a.username`,
    );
    return found.map((row) => ({ ...toStatus(row), currentCall: toCurrentCall(row) }));
  }

  async groups(tenantId: string, groupIds: 'all' | readonly string[]): Promise<AgentGroup[]> {
    const found = await rows<{ id: string; name: string }>(
      this.db,
      sql`select g.id::text as id, g.name from groups g where g.tenant_id = ${tenantId} and ${inGroups(sql`g.id`, groupIds)} order by g.name`,
    );
    return found.map((row) => ({ id: row.id, name: row.name }));
  }

  async reasonNames(tenantId: string): Promise<AgentReasonName[]> {
    const found = await rows<{ code: string; name_ja: string; name_en: string }>(
      this.db,
      sql`select code, name_ja, name_en from not_ready_reasons where tenant_id = ${tenantId} order by active desc, sort_order, code`,
    );
    return found.map((row) => ({ code: row.code, nameJa: row.name_ja, nameEn: row.name_en }));
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

/** `column` is one of `groupIds` (every group with `'all'`, none with an empty list). */
function inGroups(column: SQL, groupIds: 'all' | readonly string[]): SQL {
  if (groupIds === 'all') return sql`true`;
  if (groupIds.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(groupIds.map((id) => sql`${id}::uuid`), sql`, `)})`;
}

interface CurrentCallRow {
  readonly call_sip_call_id: string | null;
  readonly call_direction: 'inbound' | 'outbound' | null;
  readonly call_remote_number: string | null;
  readonly call_queue: string | null;
  readonly call_phase: CallPhase | null;
  readonly call_started_at: Date | string | null;
  readonly call_answered_at: Date | string | null;
  readonly call_recording: 'recording' | 'paused' | null;
}

function toCurrentCall(row: CurrentCallRow): AgentCurrentCall | null {
  if (row.call_sip_call_id === null || row.call_direction === null || row.call_phase === null || row.call_started_at === null) return null;
  return {
    sipCallId: row.call_sip_call_id,
    direction: row.call_direction,
    remoteNumber: row.call_remote_number,
    queue: row.call_queue,
    phase: row.call_phase,
    startedAt: new Date(row.call_started_at),
    answeredAt: row.call_answered_at === null ? null : new Date(row.call_answered_at),
    recording: row.call_recording,
  };
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
