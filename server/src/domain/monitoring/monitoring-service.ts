import { randomUUID } from 'node:crypto';
import type { MonitoringMode } from '../../../../src/contract/monitoring';
import { auditEntry, type AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { DomainError, forbidden, notFound } from '../errors';
import type { Actor, RequestOrigin } from '../identity/actor';
import { requireRole } from '../identity/access-policy';
import type { AgentStatus } from '../live/agent-state-service';
import type { LiveEvents } from '../live/live-events';
import type { MediaProfile } from '../../media/ng-client';
import { MonitoringMediaError, type MonitoringMedia } from './monitoring-media';

/** A supervisor's monitoring of one agent's call, as the service keeps it. */
export interface MonitoringSession {
  readonly id: string;
  readonly tenantId: string;
  readonly supervisorId: string;
  readonly supervisorName: string;
  readonly agentId: string;
  readonly agentName: string;
  /** The agent's groups when the session started: whose supervisors may see it. */
  readonly agentGroupIds: readonly string[];
  readonly sipCallId: string;
  readonly mode: MonitoringMode;
  readonly startedAt: Date;
}

/** What a supervisor asks for to step into a call. */
export interface MonitoringRequest {
  readonly agentId?: string | undefined;
  readonly sipCallId?: string | undefined;
  readonly mode: MonitoringMode;
  /** The SDP offer of the supervisor's audio leg. */
  readonly sdp: string;
}

/** Where the service finds the agents an actor may see, with the calls they are on. */
export interface MonitoredAgents {
  /** The agents the actor may see (supervisors: their groups; calls filed in those groups only). */
  list(actor: Actor): Promise<AgentStatus[]>;
}

/** The tenant's monitoring policy. */
export interface MonitoringPolicy {
  /**
   * Whether an agent is told that their call is monitored (A8: "per policy"). Off by default:
   * 通話監視 is sold for quality control and training, where a visible flag changes what it
   * measures; a centre that wants agents to know turns it on (`TSUNAGU_MONITORING_VISIBLE_TO_AGENTS=1`).
   */
  readonly showToAgent: boolean;
}

interface LiveSession {
  session: MonitoringSession;
  /** Operations on one session run one after another (a mode change during a check). */
  queue: Promise<unknown>;
}

/** The audit log's name for a monitoring session. */
const resourceType = 'monitoring-session';

/** Phases in which an agent is talking to someone (media flows, or is on hold). */
const talkingPhases = new Set(['answered', 'held', 'resumed']);

/**
 * Listen, whisper and barge (通話監視, B2): supervisors step into their agents' calls from the
 * board; the media happens on the server (rtpengine and the service's mixer, see
 * docs/design/monitoring-and-recording.md), never in the agent's browser.
 *
 * @remarks
 * Who may: supervisors of one of the agent's groups and the tenant's administrators, for a call
 * the board shows them (filed in their groups); agents never. Several supervisors may listen to
 * one call (training), but only one at a time may whisper or barge (the parties' ears can be
 * on one mixer only); a session's mode is switched and the session ended by its own supervisor. Starting, every mode change and ending are written to the audit log
 * (who, whose call, which mode). Sessions live in this process: they end with the call (a
 * periodic {@link MonitoringService.sweep} notices, and re-applies whisper or barge after a
 * re-INVITE undid it) or with the service.
 *
 * State machine of a session: `listen ⇄ whisper ⇄ barge`, any to any, then ended.
 */
export class MonitoringService {
  readonly #sessions = new Map<string, LiveSession>();

  constructor(
    private readonly agents: MonitoredAgents,
    private readonly media: MonitoringMedia,
    private readonly audit: AuditLog,
    private readonly policy: MonitoringPolicy,
    private readonly clock: Clock,
    /**
     * Where start, mode changes and ends are published (`monitoring` live event): the agent's
     * groups' supervisors always, the agent only when {@link MonitoringPolicy.showToAgent}.
     */
    private readonly liveEvents?: LiveEvents,
  ) {}

  #publish(session: MonitoringSession, ended: boolean): void {
    this.liveEvents?.publish({
      type: 'monitoring',
      tenantId: session.tenantId,
      hiddenFromAgent: !this.policy.showToAgent,
      at: this.clock().toISOString(),
      sessionId: session.id,
      agentId: session.agentId,
      groupIds: [...session.agentGroupIds],
      sipCallId: session.sipCallId,
      mode: session.mode,
      ended,
    });
  }

  /**
   * Starts monitoring the call an agent is on; resolves with the session and the SDP answer
   * for the supervisor's leg.
   * @throws DomainError `forbidden` (agents), `not-found` (no such agent or call in the actor's
   *   groups), `conflict` (not on a call, the actor already monitors it, another supervisor
   *   already speaks in it),
   *   `validation` (an SDP that is no audio offer); MonitoringMediaError `no-relay` or
   *   `relay-failed` when rtpengine cannot be used.
   */
  async start(actor: Actor, origin: RequestOrigin, request: MonitoringRequest): Promise<{ session: MonitoringSession; sdp: string }> {
    requireRole(actor, 'supervisor', 'administrator');
    const agent = await this.#target(actor, request);
    const call = agent.currentCall;
    if (!call || !talkingPhases.has(call.phase) || call.answeredAt === null) {
      throw new DomainError('conflict', `${agent.displayName} is not talking on a call now`);
    }
    for (const { session } of this.#sessions.values()) {
      if (session.tenantId !== actor.tenantId || session.sipCallId !== call.sipCallId) continue;
      if (session.supervisorId === actor.userId) throw new DomainError('conflict', 'you are already monitoring that call');
    }
    if (request.mode !== 'listen') this.#assertNobodySpeaks(actor.tenantId, call.sipCallId, undefined);
    const session: MonitoringSession = {
      id: randomUUID(),
      tenantId: actor.tenantId,
      supervisorId: actor.userId,
      supervisorName: actor.displayName,
      agentId: agent.agentId,
      agentName: agent.displayName,
      agentGroupIds: [...agent.groupIds],
      sipCallId: call.sipCallId,
      mode: request.mode,
      startedAt: this.clock(),
    };
    // Registered before the first await on the relay, so a concurrent request sees it.
    const live: LiveSession = { session, queue: Promise.resolve() };
    this.#sessions.set(session.id, live);
    let sdp: string;
    try {
      const parties = await this.media.partiesOf(call.sipCallId, call.direction === 'inbound' ? 'callee' : 'caller');
      sdp = await this.media.join({ sessionId: session.id, sipCallId: call.sipCallId, parties, sdp: request.sdp, profile: profileOfOffer(request.sdp) });
      if (request.mode !== 'listen') await this.media.apply(session.id, request.mode);
    } catch (error) {
      this.#sessions.delete(session.id);
      await this.media.leave(session.id);
      throw asDomainError(error);
    }
    await this.audit.record(auditEntry(actor, origin, 'create', resourceType, session.id, { agentId: session.agentId, sipCallId: session.sipCallId, mode: session.mode }));
    this.#publish(session, false);
    return { session, sdp };
  }

  /**
   * Switches a session between listen, whisper and barge.
   * @remarks Only the supervisor who started it: the voice in the call is theirs.
   * @throws DomainError `not-found`, `forbidden`, `conflict` (the call ended meanwhile)
   */
  async change(actor: Actor, origin: RequestOrigin, sessionId: string, mode: MonitoringMode): Promise<MonitoringSession> {
    requireRole(actor, 'supervisor', 'administrator');
    const live = this.#visible(actor, sessionId);
    if (live.session.supervisorId !== actor.userId) throw forbidden('only the supervisor who started monitoring this call can switch its mode');
    return this.#serially(live, async () => {
      const from = live.session.mode;
      if (from === mode) return live.session;
      if (mode !== 'listen') this.#assertNobodySpeaks(live.session.tenantId, live.session.sipCallId, sessionId);
      try {
        await this.media.apply(sessionId, mode);
      } catch (error) {
        if (error instanceof MonitoringMediaError && error.kind === 'call-gone') await this.#end(live, null, origin, 'call-ended');
        throw asDomainError(error);
      }
      live.session = { ...live.session, mode };
      this.#publish(live.session, false);
      await this.audit.record(auditEntry(actor, origin, 'update', resourceType, sessionId, { agentId: live.session.agentId, sipCallId: live.session.sipCallId, from, to: mode }));
      return live.session;
    });
  }

  /**
   * Ends a session: the parties hear each other as before, the supervisor's leg is released.
   * @remarks Only the supervisor who started it (the leg is theirs); a session ends by itself
   * with the call.
   * @throws DomainError `not-found`, `forbidden`
   */
  async stop(actor: Actor, origin: RequestOrigin, sessionId: string): Promise<void> {
    requireRole(actor, 'supervisor', 'administrator');
    const live = this.#visible(actor, sessionId);
    if (live.session.supervisorId !== actor.userId) throw forbidden('only the supervisor who started monitoring this call can end it');
    await this.#serially(live, () => this.#end(live, actor, origin, 'stopped'));
  }

  /**
   * The sessions the actor may know of: supervisors those on their groups' agents' calls,
   * administrators the tenant's, an agent those on their own calls when the policy shows it.
   */
  list(actor: Actor): MonitoringSession[] {
    const sessions = [...this.#sessions.values()].map((live) => live.session).filter((session) => session.tenantId === actor.tenantId);
    if (actor.role === 'administrator') return sessions;
    if (actor.role === 'supervisor') return sessions.filter((session) => session.agentGroupIds.some((groupId) => actor.groupIds.includes(groupId)));
    return this.policy.showToAgent ? sessions.filter((session) => session.agentId === actor.userId) : [];
  }

  /**
   * Looks at every session's call: ends the sessions whose call is over, re-applies whisper
   * or barge where a re-negotiation undid it. Resolves with the number of sessions ended.
   */
  async sweep(): Promise<number> {
    let ended = 0;
    for (const live of [...this.#sessions.values()]) {
      await this.#serially(live, async () => {
        if (!this.#sessions.has(live.session.id)) return;
        if ((await this.media.check(live.session.id)) !== 'call-gone') return;
        await this.#end(live, null, { ip: undefined, userAgent: undefined }, 'call-ended');
        ended += 1;
      });
    }
    return ended;
  }

  /** Ends every session (the service is stopping). */
  async closeAll(): Promise<void> {
    for (const live of [...this.#sessions.values()]) await this.#end(live, null, { ip: undefined, userAgent: undefined }, 'service-stopped');
  }

  /** Only one supervisor at a time may be heard in a call (the parties' ears go to one mixer). */
  #assertNobodySpeaks(tenantId: string, sipCallId: string, except: string | undefined): void {
    for (const { session } of this.#sessions.values()) {
      if (session.tenantId === tenantId && session.sipCallId === sipCallId && session.id !== except && session.mode !== 'listen') {
        throw new DomainError('conflict', `${session.supervisorName} is already speaking in that call (${session.mode})`);
      }
    }
  }

  async #target(actor: Actor, request: MonitoringRequest): Promise<AgentStatus> {
    const visible = await this.agents.list(actor);
    if (request.agentId !== undefined) {
      const agent = visible.find((candidate) => candidate.agentId === request.agentId);
      if (agent === undefined) throw notFound('agent');
      if (request.sipCallId !== undefined && agent.currentCall?.sipCallId !== request.sipCallId) {
        throw new DomainError('conflict', `${agent.displayName} is not on that call`);
      }
      return agent;
    }
    const onCall = visible.filter((candidate) => candidate.currentCall?.sipCallId === request.sipCallId);
    const [agent, other] = onCall;
    if (agent === undefined) throw notFound('call');
    if (other !== undefined) throw new DomainError('conflict', 'two of your agents are on that call: name the agent to monitor (agentId)');
    return agent;
  }

  /** The session, if the actor's tenant has it and the actor may see its agent; else 404. */
  #visible(actor: Actor, sessionId: string): LiveSession {
    const live = this.#sessions.get(sessionId);
    if (live === undefined || !this.list(actor).some((session) => session.id === sessionId)) throw notFound('monitoring session');
    return live;
  }

  async #end(live: LiveSession, actor: Actor | null, origin: RequestOrigin, reason: 'stopped' | 'call-ended' | 'service-stopped'): Promise<void> {
    const { session } = live;
    if (!this.#sessions.delete(session.id)) return;
    this.#publish(session, true);
    await this.media.leave(session.id);
    const detail = {
      agentId: session.agentId,
      sipCallId: session.sipCallId,
      mode: session.mode,
      reason,
      durationSeconds: Math.round((this.clock().getTime() - session.startedAt.getTime()) / 1000),
    };
    await this.audit.record(
      actor === null
        ? { tenantId: session.tenantId, actorId: null, actorName: null, action: 'delete', resourceType, resourceId: session.id, ip: origin.ip, userAgent: origin.userAgent, detail }
        : auditEntry(actor, origin, 'delete', resourceType, session.id, detail),
    );
  }

  #serially<T>(live: LiveSession, work: () => Promise<T>): Promise<T> {
    const run = live.queue.then(work, work);
    live.queue = run.catch(() => undefined);
    return run;
  }
}

/** A browser's offer (DTLS-SRTP) or a plain RTP phone's. */
function profileOfOffer(sdp: string): MediaProfile {
  return /^m=audio \d+ UDP\/TLS\/RTP\/SAVPF? /m.test(sdp) ? 'webrtc' : 'plain';
}

/** The media's refusals in the domain's terms; the relay's own failures stay as they are (503). */
function asDomainError(error: unknown): unknown {
  if (!(error instanceof MonitoringMediaError)) return error;
  if (error.kind === 'call-gone') return new DomainError('conflict', 'the call has ended');
  if (error.kind === 'bad-offer') return new DomainError('validation', error.message, [{ path: 'body.sdp', message: error.message }]);
  return error;
}
