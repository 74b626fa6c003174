import { randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { auditEntry, type AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { DomainError, forbidden, notFound } from '../errors';
import { requireGroup, requireRole, visibleGroups } from '../identity/access-policy';
import type { Actor, RequestOrigin } from '../identity/actor';
import type { LiveEvents } from '../live/live-events';
import type { Recording, RecordingListItem, RecordingPauseInterval, RecordingQuery } from './recording';
import type { ActiveMediaRecording, RecordingMedia } from './recording-media';
import type { RecordingRepository } from './recording-repository';

/** Retention of a recording unless its queue says otherwise (the contract's 180 days). */
export const defaultRetentionDays = 180;
/** What one extension adds. */
export const retentionExtensionDays = 180;
const DAY_MS = 24 * 3600 * 1000;

/** What the PBX reports when a call is answered (the first 2xx of an initial INVITE). */
export interface AnsweredCall {
  readonly sipCallId: string;
  /** From tag of the INVITE (the caller's). */
  readonly fromTag: string;
  /** To tag of the 2xx (the callee's). */
  readonly toTag: string;
  /** From user: the caller's number or extension. */
  readonly caller: string | null;
  /** To user: the dialled number (an extension, a queue number or an outside number). */
  readonly callee: string;
  /** The queue number the call came through, if any. */
  readonly queue: string | null;
  /** The agent's extension that answered a queue call. */
  readonly agent: string | null;
}

/** The service's answer to the PBX: whether the call is being recorded, and if not, why. */
export type RecordingDecision =
  | { readonly recording: true; readonly recordingId: string }
  | { readonly recording: false; readonly reason: 'policy' | 'no-agent' | 'no-relay' | 'failed' | 'already' };

/** A recording's state as the agent's softphone shows it. */
export interface RecordingFlag {
  readonly recordingId: string;
  readonly status: 'recording' | 'paused';
  readonly pauseAllowed: boolean;
  readonly pauses: readonly RecordingPauseInterval[];
}

/** A file to stream to a listener. */
export interface RecordingAudio {
  /** Absolute path of the WAV. */
  readonly file: string;
  readonly recording: Recording;
}

/** What the service needs besides its ports. */
export interface RecordingSettings {
  /** Absolute directory of the recordings. */
  readonly dir: string;
}

/**
 * Server-side recording of every call (全通話録音) with pause/resume, search, playback and
 * retention.
 *
 * @remarks
 * Started by the PBX (Kamailio's trigger on the first 2xx of an initial INVITE, bearer token),
 * never by the agent's browser; stopped by the PBX on BYE, and as a safety net by
 * {@link RecordingService.sweep} when rtpengine no longer relays the call. Access: the agent of
 * the call may pause and resume it where the queue allows; supervisors search, play, download
 * and extend their groups' recordings, administrators the tenant's; agents never play
 * recordings (least privilege). Every playback, download, pause, resume, extension and
 * deletion is written to the audit log.
 */
export class RecordingService {
  readonly #active = new Map<string, { readonly recordingId: string; readonly media: ActiveMediaRecording; pauses: RecordingPauseInterval[] }>();

  constructor(
    private readonly repository: RecordingRepository,
    private readonly media: RecordingMedia | undefined,
    private readonly audit: AuditLog,
    /** Where the recording flag goes: the agent of the call and the group's supervisors. */
    private readonly liveEvents: LiveEvents,
    private readonly clock: Clock,
    private readonly settings: RecordingSettings,
  ) {}

  #publish(recording: Pick<Recording, 'id' | 'tenantId' | 'sipCallId' | 'agentId' | 'groupId'>, status: 'recording' | 'paused' | 'ended' | 'failed'): void {
    this.liveEvents.publish({
      type: 'recording',
      tenantId: recording.tenantId,
      at: this.clock().toISOString(),
      sipCallId: recording.sipCallId,
      recordingId: recording.id,
      agentId: recording.agentId,
      groupId: recording.groupId,
      status,
    });
  }

  /**
   * The PBX reports an answered call: records it unless the queue's policy says not to.
   * @remarks The agent is the queue's agent, else the callee if it is an extension, else the
   * caller (an outbound call); the customer is the other party. A retransmitted 2xx finds the
   * existing recording. A refusal by rtpengine never affects the call: the row says `failed`.
   */
  async startFromPbx(call: AnsweredCall): Promise<RecordingDecision> {
    if (this.#active.has(call.sipCallId)) return { recording: false, reason: 'already' };
    const queue = call.queue === null ? undefined : await this.repository.queueByNumber(call.queue);
    if (queue !== undefined && !queue.recordCalls) return { recording: false, reason: 'policy' };
    const calleeAgent = call.agent !== null ? await this.repository.agentOfExtension(call.agent) : await this.repository.agentOfExtension(call.callee);
    const callerAgent = calleeAgent === undefined && call.caller !== null ? await this.repository.agentOfExtension(call.caller) : undefined;
    const agent = calleeAgent ?? callerAgent;
    if (agent === undefined) return { recording: false, reason: 'no-agent' };
    const direction = calleeAgent !== undefined ? 'inbound' : 'outbound';
    const groupId = queue?.tenantId === agent.tenantId ? queue.groupId : agent.groupIds[0];
    if (groupId === undefined) return { recording: false, reason: 'no-agent' };
    const now = this.clock();
    const id = randomUUID();
    const day = now.toISOString().slice(0, 10).split('-');
    const filePath = path.join(agent.tenantId, ...day, `${id}.wav`);
    const created = await this.repository.create({
      id,
      tenantId: agent.tenantId,
      groupId,
      sipCallId: call.sipCallId,
      agentId: agent.userId,
      queueId: queue?.tenantId === agent.tenantId ? queue.id : null,
      direction,
      customerNumber: direction === 'inbound' ? call.caller : call.callee,
      customerTag: direction === 'inbound' ? call.fromTag : call.toTag,
      agentTag: direction === 'inbound' ? call.toTag : call.fromTag,
      subscriberTag: `rec-${id}`,
      filePath,
      pauseAllowed: queue?.pauseAllowed ?? true,
      startedAt: now,
      retainUntil: new Date(now.getTime() + (queue?.retentionDays ?? defaultRetentionDays) * DAY_MS),
    });
    if (created === undefined) return { recording: false, reason: 'already' };
    if (this.media === undefined) {
      await this.repository.fail(id, 'no media relay configured (TSUNAGU_RTPENGINE_NG)', now);
      return { recording: false, reason: 'no-relay' };
    }
    try {
      const media = await this.media.start({
        sipCallId: call.sipCallId,
        customerTag: created.customerTag,
        agentTag: created.agentTag,
        subscriberTag: created.subscriberTag,
        file: path.join(this.settings.dir, filePath),
      });
      this.#active.set(call.sipCallId, { recordingId: id, media, pauses: [] });
      this.#publish(created, 'recording');
      return { recording: true, recordingId: id };
    } catch (error) {
      await this.repository.fail(id, error instanceof Error ? error.message : String(error), this.clock());
      this.#publish(created, 'failed');
      return { recording: false, reason: 'failed' };
    }
  }

  /**
   * The call ended (the PBX's BYE, or the sweep): finalises the file and the row; with
   * `callEnded` false (the service shuts down) only the recording stops, never the call.
   * @returns whether a recording of the call was running.
   */
  async stop(sipCallId: string, callEnded = true): Promise<boolean> {
    const active = this.#active.get(sipCallId);
    if (active === undefined) return false;
    this.#active.delete(sipCallId);
    const recording = await this.repository.findByCallId(sipCallId);
    try {
      const finished = await active.media.stop(callEnded);
      const endedAt = this.clock();
      const pauses = active.pauses.map((pause) => (pause.endMs === null ? { ...pause, endMs: finished.durationMs } : pause));
      // The queue's retention as set at the start; extensions during the call are added by the repository.
      const retentionDays =
        recording === undefined ? defaultRetentionDays : Math.round((recording.retainUntil.getTime() - recording.startedAt.getTime()) / DAY_MS) - recording.retentionExtendedDays;
      await this.repository.complete(active.recordingId, {
        endedAt,
        durationMs: finished.durationMs,
        pauses,
        peaks: finished.peaks,
        sha256: finished.sha256,
        retainUntil: new Date(endedAt.getTime() + retentionDays * DAY_MS),
      });
      if (recording !== undefined) this.#publish(recording, 'ended');
    } catch (error) {
      await this.repository.fail(active.recordingId, error instanceof Error ? error.message : String(error), this.clock());
      if (recording !== undefined) this.#publish(recording, 'failed');
    }
    return true;
  }

  /** The recording state of a call for its agent (the softphone's 録音中 / 一時停止中 flag). */
  async flag(actor: Actor, sipCallId: string): Promise<RecordingFlag> {
    const { recording, active } = await this.#agentsCall(actor, sipCallId);
    return this.#flagOf(recording, active.pauses);
  }

  /**
   * The agent pauses the recording of their call (a card number is about to be read).
   * @throws DomainError 403 for anyone but the call's agent, or when the queue does not allow
   * pausing; 404 when the call is not being recorded; 409 when already paused.
   */
  async pause(actor: Actor, origin: RequestOrigin, sipCallId: string): Promise<RecordingFlag> {
    const { recording, active } = await this.#agentsCall(actor, sipCallId);
    if (!recording.pauseAllowed) throw forbidden("this queue's recordings may not be paused");
    if (active.pauses.at(-1)?.endMs === null) throw new DomainError('conflict', 'the recording is already paused');
    const pause = active.media.pause();
    active.pauses.push({ startMs: pause.startMs, endMs: null, by: actor.userId });
    await this.repository.setPauses(recording.id, active.pauses);
    await this.audit.record(auditEntry(actor, origin, 'update', 'recording', recording.id, { change: 'paused', sipCallId, atMs: pause.startMs }));
    this.#publish(recording, 'paused');
    return this.#flagOf(recording, active.pauses);
  }

  /**
   * The agent resumes the recording.
   * @throws DomainError as {@link RecordingService.pause}; 409 when not paused.
   */
  async resume(actor: Actor, origin: RequestOrigin, sipCallId: string): Promise<RecordingFlag> {
    const { recording, active } = await this.#agentsCall(actor, sipCallId);
    const open = active.pauses.at(-1);
    if (open === undefined || open.endMs !== null) throw new DomainError('conflict', 'the recording is not paused');
    const resumed = active.media.resume();
    active.pauses[active.pauses.length - 1] = { ...open, endMs: resumed.endMs ?? resumed.startMs };
    await this.repository.setPauses(recording.id, active.pauses);
    await this.audit.record(auditEntry(actor, origin, 'update', 'recording', recording.id, { change: 'resumed', sipCallId, atMs: resumed.endMs }));
    this.#publish(recording, 'recording');
    return this.#flagOf(recording, active.pauses);
  }

  /**
   * Recordings of the searcher's groups (administrators: the tenant's), newest first.
   * @throws DomainError 403 for agents.
   */
  async search(actor: Actor, origin: RequestOrigin, query: Omit<RecordingQuery, 'tenantId' | 'groupIds'>): Promise<RecordingListItem[]> {
    requireRole(actor, 'supervisor', 'administrator');
    const found = await this.repository.search({ ...query, tenantId: actor.tenantId, groupIds: visibleGroups(actor) });
    await this.audit.record(
      auditEntry(actor, origin, 'search', 'recording', null, {
        from: query.from?.toISOString(),
        to: query.to?.toISOString(),
        agentId: query.agentId,
        number: query.number,
        categoryId: query.categoryId,
        results: found.length,
      }),
    );
    return found;
  }

  /**
   * One recording with its waveform.
   * @throws DomainError 403 for agents and other groups, 404 when unknown.
   */
  async get(actor: Actor, sipOrId: string): Promise<Recording> {
    return this.#visible(actor, sipOrId);
  }

  /**
   * The file of a recording for playback or download, audited (`play` once per playback,
   * `download`).
   * @param audited - false for the further range requests of a playback already audited.
   * @throws DomainError 403/404 as {@link RecordingService.get}; 404 too once the retention job
   * deleted it (the row stays, the audio is gone); 409 while it is being recorded or when it
   * failed.
   */
  async audio(actor: Actor, origin: RequestOrigin, id: string, use: { readonly download: boolean; readonly audited: boolean }): Promise<RecordingAudio> {
    const recording = await this.#visible(actor, id);
    if (recording.status === 'deleted') {
      throw new DomainError('not-found', `the recording was deleted on ${recording.deletedAt?.toISOString() ?? 'an earlier day'} when its retention ended; its audio no longer exists`);
    }
    if (recording.status !== 'complete') throw new DomainError('conflict', `the recording is ${recording.status}, there is nothing to play`);
    if (use.audited) {
      await this.audit.record(
        auditEntry(actor, origin, use.download ? 'download' : 'play', 'recording', recording.id, { sipCallId: recording.sipCallId, agentId: recording.agentId }),
      );
    }
    return { file: path.join(this.settings.dir, recording.filePath), recording };
  }

  /**
   * Keeps a recording 180 days longer (supervisors of its group, administrators), audited with
   * the old and new dates.
   * @throws DomainError 403 for agents and other groups, 404 when unknown, 409 when deleted or
   * when an administrator ended its retention (it waits for deletion).
   */
  async extend(actor: Actor, origin: RequestOrigin, id: string): Promise<Recording> {
    const recording = await this.#visible(actor, id);
    if (recording.status === 'deleted') throw new DomainError('conflict', 'the recording has been deleted');
    if (recording.retentionEnded !== null) throw new DomainError('conflict', 'an administrator ended this recording’s retention; it is deleted at the retention job’s next run and cannot be extended');
    const extended = await this.repository.extend(recording.id, retentionExtensionDays);
    if (extended === undefined) throw new DomainError('conflict', 'the recording was deleted or its retention ended meanwhile');
    await this.audit.record(
      auditEntry(actor, origin, 'update', 'recording', recording.id, {
        change: 'retention-extended',
        days: retentionExtensionDays,
        previousRetainUntil: recording.retainUntil.toISOString(),
        retainUntil: extended.retainUntil.toISOString(),
      }),
    );
    return extended;
  }

  /**
   * Keeps every retained recording of a queue 180 days longer — the same 180 days as
   * {@link RecordingService.extend}, for all of them at once (supervisors of the queue's group,
   * administrators). One audit entry names the queue and the count.
   * @remarks Retained: not deleted and not ended early by an administrator (an erased
   * customer's recording stays erased). Recordings still running are extended too: their date
   * is counted from the end of the call plus the extension.
   * @throws DomainError 403 for agents and other groups' supervisors, 404 for an unknown queue.
   */
  async extendQueue(actor: Actor, origin: RequestOrigin, queueId: string): Promise<{ readonly extended: number }> {
    requireRole(actor, 'supervisor', 'administrator');
    const queue = await this.repository.queueById(actor.tenantId, queueId);
    if (queue === undefined) throw notFound('queue');
    requireGroup(actor, queue.groupId);
    const extended = await this.repository.extendQueue(actor.tenantId, queue.id, retentionExtensionDays);
    await this.audit.record(
      auditEntry(actor, origin, 'update', 'queue', queue.id, { change: 'recordings-retention-extended', queueNumber: queue.number, days: retentionExtensionDays, extended }),
    );
    return { extended };
  }

  /**
   * An administrator ends a recording's retention now — a customer asked for their data to be
   * erased (APPI 消去請求), or the contract ended. The retention job deletes it on its next run
   * and names `reason` in its audit entry.
   * @param reason - why, 1–500 characters (trimmed by the route).
   * @throws DomainError 403 for anyone but administrators, 404 for an unknown or deleted
   * recording, 409 while the call is still being recorded or when its retention already ended.
   */
  async endRetention(actor: Actor, origin: RequestOrigin, id: string, reason: string): Promise<Recording> {
    requireRole(actor, 'administrator');
    const recording = await this.repository.find(actor.tenantId, id);
    if (recording === undefined || recording.status === 'deleted') throw notFound('recording');
    if (recording.status === 'recording') throw new DomainError('conflict', 'the call is still being recorded; end the retention once the call is over');
    if (recording.retentionEnded !== null) {
      throw new DomainError('conflict', `its retention already ended on ${recording.retentionEnded.at.toISOString()}; it is deleted at the retention job’s next run`);
    }
    const ended = await this.repository.endRetention(recording.id, { at: this.clock(), by: actor.userId, reason });
    if (ended === undefined) throw notFound('recording');
    await this.audit.record(
      auditEntry(actor, origin, 'update', 'recording', recording.id, {
        change: 'retention-ended',
        reason,
        sipCallId: recording.sipCallId,
        previousRetainUntil: recording.retainUntil.toISOString(),
        retainUntil: ended.retainUntil.toISOString(),
      }),
    );
    return ended;
  }

  /**
   * The retention job: deletes every recording whose retention has ended (its file; the row
   * stays as `deleted`, without its waveform) and writes one audit entry per recording, with
   * the administrator's reason when the retention was ended early.
   * @remarks Safe when several instances of the service run it at once: each recording is
   * claimed with a conditional update before its file is touched, so it is deleted and audited
   * once. A file already missing is recorded as such; a file that cannot be deleted puts its
   * recording back for the next run and the others are still deleted (the run then throws,
   * naming them, for the log).
   * @returns how many were deleted.
   */
  async deleteExpired(removeFile: (file: string) => Promise<'removed' | 'missing'> = removeRecordingFile): Promise<number> {
    let deleted = 0;
    const failed = new Map<string, string>();
    for (;;) {
      const now = this.clock();
      const batch = await this.repository.expired(now, 100, [...failed.keys()]);
      if (batch.length === 0) break;
      for (const expired of batch) {
        const recording = await this.repository.claimExpired(expired.id, expired.status, now);
        if (recording === undefined) continue;
        let file: 'removed' | 'missing';
        try {
          file = await removeFile(path.join(this.settings.dir, recording.filePath));
        } catch (error) {
          await this.repository.unclaim(recording.id, expired.status);
          failed.set(recording.id, error instanceof Error ? error.message : String(error));
          continue;
        }
        await this.repository.forgetPeaks(recording.id);
        const ended = recording.retentionEnded;
        await this.audit.record({
          tenantId: recording.tenantId,
          actorId: null,
          actorName: 'retention job',
          action: 'delete',
          resourceType: 'recording',
          resourceId: recording.id,
          ip: undefined,
          userAgent: undefined,
          detail: {
            reason: ended === null ? 'retention-expired' : 'retention-ended',
            ...(ended === null ? {} : { retentionEndReason: ended.reason, retentionEndedBy: ended.by, retentionEndedAt: ended.at.toISOString() }),
            sipCallId: recording.sipCallId,
            agentId: recording.agentId,
            startedAt: recording.startedAt.toISOString(),
            retainUntil: recording.retainUntil.toISOString(),
            sha256: recording.sha256,
            file,
          },
        });
        deleted += 1;
      }
    }
    if (failed.size > 0) {
      throw new Error(`could not delete the files of ${failed.size} expired recording(s), kept for the next run: ${[...failed].map(([id, why]) => `${id} (${why})`).join('; ')}`);
    }
    return deleted;
  }

  /**
   * Safety net for a missed BYE report: finishes every running recording whose call rtpengine
   * no longer relays, and marks rows left `recording` by a previous run of the service as failed.
   */
  async sweep(): Promise<void> {
    for (const sipCallId of [...this.#active.keys()]) {
      if (this.media !== undefined && !(await this.media.callAlive(sipCallId).catch(() => true))) await this.stop(sipCallId);
    }
    for (const recording of await this.repository.listRecording()) {
      if (!this.#active.has(recording.sipCallId)) await this.repository.fail(recording.id, 'the service restarted during the call', this.clock());
    }
  }

  /** Stops every running recording (the service is shutting down). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#active.keys()].map((sipCallId) => this.stop(sipCallId, false)));
  }

  async #agentsCall(actor: Actor, sipCallId: string): Promise<{ recording: Recording; active: { recordingId: string; media: ActiveMediaRecording; pauses: RecordingPauseInterval[] } }> {
    const recording = await this.repository.findByCallId(sipCallId);
    if (recording === undefined || recording.tenantId !== actor.tenantId) throw notFound('recording of that call');
    if (recording.agentId !== actor.userId) throw forbidden('only the agent of the call may pause or resume its recording');
    const active = this.#active.get(sipCallId);
    if (active === undefined || recording.status !== 'recording') throw new DomainError('conflict', 'the call is no longer being recorded');
    return { recording, active };
  }

  async #visible(actor: Actor, id: string): Promise<Recording> {
    requireRole(actor, 'supervisor', 'administrator');
    const recording = await this.repository.find(actor.tenantId, id);
    if (recording === undefined) throw notFound('recording');
    requireGroup(actor, recording.groupId);
    return recording;
  }

  #flagOf(recording: Recording, pauses: readonly RecordingPauseInterval[]): RecordingFlag {
    return {
      recordingId: recording.id,
      status: pauses.at(-1)?.endMs === null ? 'paused' : 'recording',
      pauseAllowed: recording.pauseAllowed,
      pauses: [...pauses],
    };
  }
}

/**
 * Deletes a recording's file, and the `.partial` a recording cut short by a crash left; both
 * already gone is `missing`; any other failure throws.
 */
export async function removeRecordingFile(file: string): Promise<'removed' | 'missing'> {
  let removed = false;
  for (const candidate of [file, `${file}.partial`]) {
    try {
      await unlink(candidate);
      removed = true;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
    }
  }
  return removed ? 'removed' : 'missing';
}
