import type { AgentStateName } from '../../../../src/contract/events';
import type { Clock } from '../clock';
import { forbidden } from '../errors';
import type { Actor } from '../identity/actor';
import { visibleGroups } from '../identity/access-policy';
import type { LiveEvents } from './live-events';

/** An agent's current state as stored. */
export interface AgentStatus {
  readonly agentId: string;
  readonly agentName: string;
  readonly displayName: string;
  readonly sipUser: string | null;
  readonly groupIds: readonly string[];
  readonly state: AgentStateName;
  readonly reason: string | null;
  readonly since: Date;
}

/** Storage of agent states; implemented over PostgreSQL in `server/src/db`. */
export interface AgentStateRepository {
  /** Writes the current state and appends it to the history, in one transaction. */
  save(tenantId: string, agentId: string, state: AgentStateName, reason: string | null, at: Date): Promise<void>;
  /** Agents of the tenant (optionally only of `groupIds`) with their current state (offline when never set). */
  list(tenantId: string, groupIds: 'all' | readonly string[]): Promise<AgentStatus[]>;
}

/**
 * Agent states (offline, available, not-ready with a reason, on-call, after-call work).
 * @remarks Each change is stored, kept in the history for reports, and pushed as a live
 * event to the supervisors of the agent's groups.
 */
export class AgentStateService {
  constructor(
    private readonly repository: AgentStateRepository,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
  ) {}

  /** An agent sets their own state. */
  async change(actor: Actor, state: AgentStateName, reason: string | undefined): Promise<AgentStatus> {
    if (actor.role !== 'agent' && actor.sipUser === null) throw forbidden('only users with a phone have an agent state');
    const at = this.clock();
    const why = state === 'not-ready' ? (reason ?? null) : null;
    await this.repository.save(actor.tenantId, actor.userId, state, why, at);
    this.events.publish({
      type: 'agent-state',
      tenantId: actor.tenantId,
      at: at.toISOString(),
      agentId: actor.userId,
      agentName: actor.displayName,
      groupIds: [...actor.groupIds],
      state,
      reason: why,
    });
    return {
      agentId: actor.userId,
      agentName: actor.username,
      displayName: actor.displayName,
      sipUser: actor.sipUser,
      groupIds: actor.groupIds,
      state,
      reason: why,
      since: at,
    };
  }

  /** The agents the actor may see, with their states (supervisors: their groups). */
  async list(actor: Actor): Promise<AgentStatus[]> {
    if (actor.role === 'agent') throw forbidden('the agent list is for supervisors and administrators');
    return this.repository.list(actor.tenantId, visibleGroups(actor));
  }
}
