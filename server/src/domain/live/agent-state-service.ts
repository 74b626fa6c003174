import type { AgentGroup, AgentReasonName, AgentStateName, CallPhase } from '../../../../src/contract/events';
import type { Clock } from '../clock';
import { hasPhone, type DeskPolicyService } from '../desk/desk-policy-service';
import { forbidden, notFound } from '../errors';
import type { Actor } from '../identity/actor';
import { visibleGroups } from '../identity/access-policy';
import { callOfferFor, type CallOffer } from './call-offer';
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
  /** With {@link AgentStateRepository.list} only: the call the agent is on, `null` when none. */
  readonly currentCall?: AgentCurrentCall | null;
}

/**
 * The call an agent is on: the newest of their call records that has not ended.
 * @remarks From the record the agent's softphone files (its call events), so a board opened
 * in the middle of a call can show it at once.
 */
export interface AgentCurrentCall {
  readonly sipCallId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly remoteNumber: string | null;
  /** The number of the queue the call came through; `null` when it came through none. */
  readonly queue: string | null;
  readonly phase: CallPhase;
  readonly startedAt: Date;
  readonly answeredAt: Date | null;
  /** The call's server-side recording while it runs: `recording`, `paused`; `null`: none running. */
  readonly recording: 'recording' | 'paused' | null;
}

/** What a supervisor's board starts from: the agents, the groups they belong to and the reasons' names. */
export interface AgentBoard {
  readonly agents: readonly AgentStatus[];
  readonly groups: readonly AgentGroup[];
  readonly reasons: readonly AgentReasonName[];
}

/** An agent still shown in a state other than offline whose sessions have all ended or expired. */
export interface StrandedAgent {
  readonly tenantId: string;
  readonly agentId: string;
  readonly displayName: string;
  readonly groupIds: readonly string[];
}

/** Storage of agent states; implemented over PostgreSQL in `server/src/db`. */
export interface AgentStateRepository {
  /** Writes the current state and appends it to the history, in one transaction. */
  save(tenantId: string, agentId: string, state: AgentStateName, reason: string | null, at: Date): Promise<void>;
  /**
   * Agents of the tenant (optionally only of `groupIds`) with their current state (offline when
   * never set) and current call (only a call filed in one of `groupIds`, started within a day
   * before `now`).
   */
  list(tenantId: string, groupIds: 'all' | readonly string[], now: Date): Promise<AgentStatus[]>;
  /** The tenant's groups (optionally only `groupIds`) with their names, by name. */
  groups(tenantId: string, groupIds: 'all' | readonly string[]): Promise<AgentGroup[]>;
  /** The names of the tenant's not-ready reasons, retired ones included. */
  reasonNames(tenantId: string): Promise<AgentReasonName[]>;
  /** One user's current state (offline when never set); undefined when there is no such user in the tenant. */
  find(tenantId: string, agentId: string): Promise<AgentStatus | undefined>;
  /** Users in a state other than offline without an open, unexpired session at `now`. */
  stranded(now: Date): Promise<StrandedAgent[]>;
  /**
   * The state of the active user whose extension is `sipUser`, counted as offline when they have
   * no open session at `now`; undefined when no user has that extension.
   */
  stateOfExtension(sipUser: string, now: Date): Promise<AgentStateName | undefined>;
}

/**
 * Agent states (offline, available, not-ready with a reason, on-call, after-call work).
 *
 * @remarks
 * Each change is stored, kept in the history for reports, and pushed as a live event to the
 * supervisors of the agent's groups. A not-ready reason must be one of the tenant's active
 * codes (desk policy); not-ready without a reason is the state right after sign-in (受付停止).
 * Signing out, and a session running out, make the agent offline. The state also decides
 * whether the PBX offers the agent a call ({@link AgentStateService.offerFor}).
 */
export class AgentStateService {
  constructor(
    private readonly repository: AgentStateRepository,
    private readonly deskPolicy: DeskPolicyService,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
  ) {}

  /**
   * An agent sets their own state.
   * @throws DomainError `validation` on `reason` when a not-ready reason is not one of the tenant's.
   */
  async change(actor: Actor, state: AgentStateName, reason: string | undefined): Promise<AgentStatus> {
    if (!hasPhone(actor)) throw forbidden('only users with a phone have an agent state');
    const why = state === 'not-ready' && reason ? reason : null;
    if (why !== null) await this.deskPolicy.checkReason(actor.tenantId, why);
    return this.record(actor, state, why);
  }

  /** The actor's own current state (restores the desk after a reload). */
  async current(actor: Actor): Promise<AgentStatus> {
    if (!hasPhone(actor)) throw forbidden('only users with a phone have an agent state');
    const status = await this.repository.find(actor.tenantId, actor.userId);
    if (!status) throw notFound('agent');
    return status;
  }

  /**
   * After sign-in: an agent who was offline becomes not-ready without a reason (受付停止) until
   * they choose available. An agent signing in again mid-call keeps their state.
   */
  async signedIn(actor: Actor): Promise<void> {
    if (!hasPhone(actor)) return;
    const status = await this.repository.find(actor.tenantId, actor.userId);
    if (status?.state === 'offline') await this.record(actor, 'not-ready', null);
  }

  /** After sign-out: the agent is offline (and no call is offered any more). */
  async signedOut(actor: Actor): Promise<void> {
    if (!hasPhone(actor)) return;
    const status = await this.repository.find(actor.tenantId, actor.userId);
    if (status && status.state !== 'offline') await this.record(actor, 'offline', null);
  }

  /**
   * Makes offline every agent whose sessions have all ended or expired without a sign-out
   * (closed laptop, lost network), and tells their supervisors.
   * @returns how many agents went offline.
   */
  async sweepExpiredSessions(): Promise<number> {
    const now = this.clock();
    const stranded = await this.repository.stranded(now);
    for (const agent of stranded) {
      await this.repository.save(agent.tenantId, agent.agentId, 'offline', null, now);
      this.events.publish({
        type: 'agent-state',
        tenantId: agent.tenantId,
        at: now.toISOString(),
        agentId: agent.agentId,
        agentName: agent.displayName,
        groupIds: [...agent.groupIds],
        state: 'offline',
        reason: null,
      });
    }
    return stranded.length;
  }

  /**
   * Whether the PBX offers a new call to extension `sipUser` (asked by Kamailio before it looks
   * up the phone's registration).
   * @remarks An agent without an open session counts as offline even before the sweep notices.
   */
  async offerFor(sipUser: string): Promise<CallOffer> {
    return callOfferFor(await this.repository.stateOfExtension(sipUser, this.clock()));
  }

  /** The agents the actor may see, with their states (supervisors: their groups). */
  async list(actor: Actor): Promise<AgentStatus[]> {
    if (actor.role === 'agent') throw forbidden('the agent list is for supervisors and administrators');
    return this.repository.list(actor.tenantId, visibleGroups(actor), this.clock());
  }

  /**
   * A supervisor's board (監視盤): the agents the actor may see with their states and current
   * calls, the visible groups' names and the not-ready reasons' names.
   * @remarks Supervisors see only their groups' agents, and of those agents' calls only the
   * ones filed in their groups; administrators the whole tenant. Agents are refused.
   */
  async board(actor: Actor): Promise<AgentBoard> {
    if (actor.role === 'agent') throw forbidden('the agent list is for supervisors and administrators');
    const groups = visibleGroups(actor);
    const [agents, groupNames, reasons] = await Promise.all([
      this.repository.list(actor.tenantId, groups, this.clock()),
      this.repository.groups(actor.tenantId, groups),
      this.repository.reasonNames(actor.tenantId),
    ]);
    return { agents, groups: groupNames, reasons };
  }

  private async record(actor: Actor, state: AgentStateName, reason: string | null): Promise<AgentStatus> {
    const at = this.clock();
    await this.repository.save(actor.tenantId, actor.userId, state, reason, at);
    this.events.publish({
      type: 'agent-state',
      tenantId: actor.tenantId,
      at: at.toISOString(),
      agentId: actor.userId,
      agentName: actor.displayName,
      groupIds: [...actor.groupIds],
      state,
      reason,
    });
    return {
      agentId: actor.userId,
      agentName: actor.username,
      displayName: actor.displayName,
      sipUser: actor.sipUser,
      groupIds: actor.groupIds,
      state,
      reason,
      since: at,
    };
  }
}
