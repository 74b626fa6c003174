import { randomUUID } from 'node:crypto';
import type { MonitoringEndReason, MonitoringMode } from '../../../../src/contract/monitoring';
import { auditEntry, type AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { DomainError, forbidden, notFound } from '../errors';
import type { Actor, RequestOrigin } from '../identity/actor';
import { requireRole } from '../identity/access-policy';
import type { AgentStatus } from '../live/agent-state-service';
import type { LiveEvents } from '../live/live-events';
import type { MediaProfile } from '../../media/ng-client';
import { monitoringTags, MonitoringMediaError, type MonitoringMedia, type MonitoringRestore } from './monitoring-media';
import type { MonitoringSessionRepository, StoredMonitoringSession } from './monitoring-session-repository';

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

/** What putting back the sessions a previous run of the service left open did. */
export interface MonitoringRecovery {
  /** Sessions ended now, with what was found of their call. */
  readonly ended: readonly { readonly sessionId: string; readonly sipCallId: string; readonly media: MonitoringRestore | 'no-relay' }[];
  /** Sessions whose call could not be put back now (rtpengine failed): tried again by the sweep. */
  readonly failed: readonly { readonly sessionId: string; readonly message: string }[];
}

/** A session as its supervisor's browser may ask after it, running or ended. */
export interface MonitoringSessionStatus extends MonitoringSession {
  readonly endedAt: Date | null;
  readonly endReason: MonitoringEndReason | null;
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
 * (who, whose call, which mode). A session's mixer lives in this process; the session is also
 * stored (start, mode changes, end) so that a service that stopped without ending it (a crash,
 * a killed process) puts its call back when it starts again ({@link MonitoringService.recover}):
 * while a supervisor whispers or barges, the parties hear each other only through the mixer.
 * Sessions end with the call (a periodic {@link MonitoringService.sweep} notices, and
 * re-applies whisper or barge after a re-INVITE undid it), with their supervisor, or with the
 * service.
 *
 * State machine of a session: `listen ⇄ whisper ⇄ barge`, any to any, then ended.
 */
export class MonitoringService {
  readonly #sessions = new Map<string, LiveSession>();
  /** Sessions of a previous run whose call could not be put back yet: the sweep tries again. */
  readonly #leftovers = new Set<string>();
  /** Whether a recovery has listed the open sessions once (until then the sweep tries). */
  #listedLeftovers = false;

  constructor(
    private readonly agents: MonitoredAgents,
    private readonly media: MonitoringMedia,
    private readonly repository: MonitoringSessionRepository,
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
      // Stored before the parties' ears can move onto the mixer: a restart must find it.
      await this.repository.create(session, { parties, tags: monitoringTags(session.id) });
      if (request.mode !== 'listen') await this.media.apply(session.id, request.mode);
    } catch (error) {
      await this.repository.end(session.id, this.clock(), 'stopped').catch(() => false);
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
      await this.repository.changeMode(sessionId, mode, this.clock());
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
   * One session, running or ended, for whoever may know of it (as {@link MonitoringService.list}):
   * how a supervisor's browser learns why its session ended without it (`service-restart`).
   * @throws DomainError `not-found`
   */
  async find(actor: Actor, sessionId: string): Promise<MonitoringSessionStatus> {
    const live = this.#sessions.get(sessionId);
    if (live !== undefined && this.#mayKnow(actor, live.session)) return { ...live.session, endedAt: null, endReason: null };
    const stored = await this.repository.find(actor.tenantId, sessionId);
    // An open row not in this process is a leftover of a previous run: as good as ended.
    if (stored === undefined || live !== undefined || !this.#mayKnow(actor, stored)) throw notFound('monitoring session');
    return { ...sessionOf(stored), endedAt: stored.endedAt, endReason: stored.endReason ?? 'service-restart' };
  }

  /**
   * Puts back the calls of the sessions a previous run of the service left open (it stopped
   * without ending them: their mixers are gone, and a whispered-to agent or a barged-in
   * customer hears only silence): each party hears the other again, the session's legs leave
   * the call, the session ends as `service-restart`, audited. Run at start-up.
   * @remarks Safe to run on several instances at once and again after a crash: a session is
   * held while its call is put back, and the media commands leave a call already put back as
   * it is. A call rtpengine no longer knows just ends its session. A session whose call could
   * not be put back (rtpengine failed) stays open and is tried again by every sweep; the
   * failure of one never stops the others.
   */
  async recover(): Promise<MonitoringRecovery> {
    const ended: { sessionId: string; sipCallId: string; media: MonitoringRestore | 'no-relay' }[] = [];
    const failed: { sessionId: string; message: string }[] = [];
    const open = await this.repository.openIds();
    this.#listedLeftovers = true;
    for (const sessionId of open) {
      if (this.#sessions.has(sessionId)) continue;
      let media: MonitoringRestore | 'no-relay' = 'restored';
      try {
        const session = await this.repository.endHeld(sessionId, 'service-restart', async (stored) => {
          media = await this.#restore(stored);
          return this.clock();
        });
        this.#leftovers.delete(sessionId);
        if (session === undefined) continue;
        ended.push({ sessionId, sipCallId: session.sipCallId, media });
        await this.#auditEnd(sessionOf(session), null, { ip: undefined, userAgent: undefined }, 'service-restart', { media });
        this.#publish(sessionOf(session), true);
      } catch (error) {
        this.#leftovers.add(sessionId);
        failed.push({ sessionId, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return { ended, failed };
  }

  /**
   * Looks at every session's call: ends the sessions whose call is over, re-applies whisper
   * or barge where a re-negotiation undid it. Resolves with the number of sessions ended.
   */
  async sweep(): Promise<number> {
    let ended = 0;
    if (this.#leftovers.size > 0 || !this.#listedLeftovers) ended += (await this.recover()).ended.length;
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

  /**
   * Ends every session (the service is stopping): each call is put back before the process goes.
   * @remarks One session's failure (the database already gone) does not keep the others' calls
   * from being put back; a session left open is put back by the next start-up.
   */
  async closeAll(): Promise<void> {
    for (const live of [...this.#sessions.values()]) await this.#end(live, null, { ip: undefined, userAgent: undefined }, 'service-stopped').catch(() => undefined);
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

  async #end(live: LiveSession, actor: Actor | null, origin: RequestOrigin, reason: Exclude<MonitoringEndReason, 'service-restart'>): Promise<void> {
    const { session } = live;
    if (!this.#sessions.delete(session.id)) return;
    this.#publish(session, true);
    await this.media.leave(session.id);
    // False when another instance's recovery already ended (and audited) it.
    if (!(await this.repository.end(session.id, this.clock(), reason))) return;
    await this.#auditEnd(session, actor, origin, reason, {});
  }

  /** Leftover media of a previous run; without a relay there is nothing to put back. */
  async #restore(stored: StoredMonitoringSession): Promise<MonitoringRestore | 'no-relay'> {
    try {
      return await this.media.restore({ sessionId: stored.id, sipCallId: stored.sipCallId, parties: stored.parties, tags: stored.tags });
    } catch (error) {
      if (error instanceof MonitoringMediaError && error.kind === 'no-relay') return 'no-relay';
      throw error;
    }
  }

  /** Whether `actor` may know of `session` (see {@link MonitoringService.list}). */
  #mayKnow(actor: Actor, session: MonitoringSession): boolean {
    if (session.tenantId !== actor.tenantId) return false;
    if (actor.role === 'administrator') return true;
    if (actor.role === 'supervisor') return session.supervisorId === actor.userId || session.agentGroupIds.some((groupId) => actor.groupIds.includes(groupId));
    return this.policy.showToAgent && session.agentId === actor.userId;
  }

  async #auditEnd(session: MonitoringSession, actor: Actor | null, origin: RequestOrigin, reason: MonitoringEndReason, extra: Record<string, unknown>): Promise<void> {
    const detail = {
      agentId: session.agentId,
      sipCallId: session.sipCallId,
      mode: session.mode,
      reason,
      durationSeconds: Math.round((this.clock().getTime() - session.startedAt.getTime()) / 1000),
      ...extra,
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

/** The session part of a stored session. */
function sessionOf(stored: StoredMonitoringSession): MonitoringSession {
  const { id, tenantId, supervisorId, supervisorName, agentId, agentName, agentGroupIds, sipCallId, mode, startedAt } = stored;
  return { id, tenantId, supervisorId, supervisorName, agentId, agentName, agentGroupIds, sipCallId, mode, startedAt };
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
