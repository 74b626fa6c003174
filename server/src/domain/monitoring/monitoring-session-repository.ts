import type { MonitoringEndReason, MonitoringMode } from '../../../../src/contract/monitoring';
import type { CallParties } from './call-parties';
import type { MonitoringTags } from './monitoring-media';
import type { MonitoringSession } from './monitoring-service';

/** A monitoring session as stored: the session, what rtpengine needs to undo it, and its end. */
export interface StoredMonitoringSession extends MonitoringSession {
  readonly parties: CallParties;
  readonly tags: MonitoringTags;
  readonly endedAt: Date | null;
  readonly endReason: MonitoringEndReason | null;
}

/**
 * Where monitoring sessions are kept (migration 0014), so that a restarted service finds the
 * calls whose media it must put back (design note §3.4, "Restarts").
 * @remarks A port of the domain; `DbMonitoringSessionRepository` implements it on PGlite and
 * PostgreSQL. Written when a session starts, changes mode and ends.
 */
export interface MonitoringSessionRepository {
  /** Stores a session that has just started. */
  create(session: MonitoringSession, media: { readonly parties: CallParties; readonly tags: MonitoringTags }): Promise<void>;
  /** Records a mode change of an open session. */
  changeMode(id: string, mode: MonitoringMode, at: Date): Promise<void>;
  /**
   * Ends an open session.
   * @returns false when it was already ended (by another instance's recovery, say).
   */
  end(id: string, at: Date, reason: MonitoringEndReason): Promise<boolean>;
  /** A session of the tenant, open or ended. */
  find(tenantId: string, id: string): Promise<StoredMonitoringSession | undefined>;
  /** The ids of every open session, oldest first. */
  openIds(): Promise<string[]>;
  /**
   * Runs `work` on the open session `id` while holding it, then ends it with `reason` at the
   * time `work` resolves with.
   * @remarks Another instance recovering at the same time skips a held session (no double undo);
   * if `work` throws (or the process dies meanwhile) the session stays open for a later attempt.
   * @returns the session as it was before it ended; undefined when it is no longer open or
   *   another instance holds it.
   */
  endHeld(id: string, reason: MonitoringEndReason, work: (session: StoredMonitoringSession) => Promise<Date>): Promise<StoredMonitoringSession | undefined>;
}
