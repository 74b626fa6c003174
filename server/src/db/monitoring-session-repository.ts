import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { MonitoringEndReason, MonitoringMode } from '../../../src/contract/monitoring';
import type { CallParties } from '../domain/monitoring/call-parties';
import type { MonitoringTags } from '../domain/monitoring/monitoring-media';
import type { MonitoringSession } from '../domain/monitoring/monitoring-service';
import type { MonitoringSessionRepository, StoredMonitoringSession } from '../domain/monitoring/monitoring-session-repository';
import type { Db } from './database';
import { monitoringSessions } from './schema/monitoring-sessions';

type MonitoringSessionRow = typeof monitoringSessions.$inferSelect;

const ownTagsSchema = z.object({ input: z.string(), supervisor: z.string(), mixForSupervisor: z.string(), mixForAgent: z.string(), mixForCustomer: z.string() });

function toStored(row: MonitoringSessionRow): StoredMonitoringSession {
  return {
    id: row.id,
    tenantId: row.tenantId,
    supervisorId: row.supervisorId,
    supervisorName: row.supervisorName,
    agentId: row.agentId,
    agentName: row.agentName,
    agentGroupIds: row.agentGroupIds,
    sipCallId: row.sipCallId,
    mode: row.mode,
    startedAt: row.startedAt,
    parties: { customerTag: row.customerTag, agentTag: row.agentTag, customerProfile: row.customerProfile, agentProfile: row.agentProfile },
    // Written by create() from monitoringTags(): a row that does not parse was not written by the service.
    tags: ownTagsSchema.parse(row.ownTags),
    endedAt: row.endedAt,
    endReason: row.endReason,
  };
}

/** Monitoring sessions over PostgreSQL (PGlite or a server). */
export class DbMonitoringSessionRepository implements MonitoringSessionRepository {
  constructor(private readonly db: Db) {}

  async create(session: MonitoringSession, media: { readonly parties: CallParties; readonly tags: MonitoringTags }): Promise<void> {
    await this.db.insert(monitoringSessions).values({
      id: session.id,
      tenantId: session.tenantId,
      sipCallId: session.sipCallId,
      customerTag: media.parties.customerTag,
      agentTag: media.parties.agentTag,
      customerProfile: media.parties.customerProfile,
      agentProfile: media.parties.agentProfile,
      ownTags: { ...media.tags },
      supervisorId: session.supervisorId,
      supervisorName: session.supervisorName,
      agentId: session.agentId,
      agentName: session.agentName,
      agentGroupIds: [...session.agentGroupIds],
      mode: session.mode,
      startedAt: session.startedAt,
    });
  }

  async changeMode(id: string, mode: MonitoringMode, at: Date): Promise<void> {
    await this.db.update(monitoringSessions).set({ mode, modeChangedAt: at }).where(and(eq(monitoringSessions.id, id), isNull(monitoringSessions.endedAt)));
  }

  async end(id: string, at: Date, reason: MonitoringEndReason): Promise<boolean> {
    const ended = await this.db
      .update(monitoringSessions)
      .set({ endedAt: at, endReason: reason })
      .where(and(eq(monitoringSessions.id, id), isNull(monitoringSessions.endedAt)))
      .returning({ id: monitoringSessions.id });
    return ended.length > 0;
  }

  async find(tenantId: string, id: string): Promise<StoredMonitoringSession | undefined> {
    if (!z.uuid().safeParse(id).success) return undefined;
    const [found] = await this.db
      .select()
      .from(monitoringSessions)
      .where(and(eq(monitoringSessions.tenantId, tenantId), eq(monitoringSessions.id, id)))
      .limit(1);
    return found ? toStored(found) : undefined;
  }

  async openIds(): Promise<string[]> {
    const found = await this.db.select({ id: monitoringSessions.id }).from(monitoringSessions).where(isNull(monitoringSessions.endedAt)).orderBy(asc(monitoringSessions.startedAt));
    return found.map((row) => row.id);
  }

  async endHeld(id: string, reason: MonitoringEndReason, work: (session: StoredMonitoringSession) => Promise<Date>): Promise<StoredMonitoringSession | undefined> {
    return this.db.transaction(async (tx) => {
      // The row lock is the hold: another instance recovering now skips this session.
      const [held] = await tx
        .select()
        .from(monitoringSessions)
        .where(and(eq(monitoringSessions.id, id), isNull(monitoringSessions.endedAt)))
        .for('update', { skipLocked: true });
      if (held === undefined) return undefined;
      const session = toStored(held);
      const at = await work(session);
      await tx
        .update(monitoringSessions)
        .set({ endedAt: at, endReason: reason })
        .where(eq(monitoringSessions.id, id));
      return session;
    });
  }
}
