import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { IdentityRepository, SessionRecord, UserRecord } from '../domain/identity/identity-repository';
import type { Db } from './database';
import { rows } from './rows';
import { sessions, userGroups, users } from './schema';

/** Users and sessions over PostgreSQL. */
export class DbIdentityRepository implements IdentityRepository {
  constructor(private readonly db: Db) {}

  async findUserByUsername(username: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.username, username)).limit(1);
    return row ? this.withGroups(row) : undefined;
  }

  async findUserById(id: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return row ? this.withGroups(row) : undefined;
  }

  async findSession(id: string, now: Date): Promise<SessionRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, id), isNull(sessions.endedAt), gt(sessions.expiresAt, now)))
      .limit(1);
    return row ? { id: row.id, userId: row.userId, tenantId: row.tenantId, csrfToken: row.csrfToken, expiresAt: row.expiresAt } : undefined;
  }

  async openSession(session: SessionRecord & { ip: string | undefined; userAgent: string | undefined }, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // Serialise sign-ins per tenant so two people cannot both take the last seat.
      await tx.execute(sql`select id from tenants where id = ${session.tenantId} for update`);
      await tx
        .update(sessions)
        .set({ endedAt: now })
        .where(and(eq(sessions.userId, session.userId), isNull(sessions.endedAt)));
      const [counts] = await rows<{ open: number; seat_limit: number }>(tx, sql`
        select (select count(*)::int from sessions
                 where tenant_id = ${session.tenantId} and ended_at is null and expires_at > ${now}
                   and user_id <> ${session.userId}) as open,
               (select seat_limit from tenants where id = ${session.tenantId}) as seat_limit`);
      if (!counts || counts.open >= counts.seat_limit) return false;
      await tx.insert(sessions).values({
        id: session.id,
        userId: session.userId,
        tenantId: session.tenantId,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
        createdAt: now,
        ip: session.ip ?? null,
        userAgent: session.userAgent ?? null,
      });
      return true;
    });
  }

  async endSession(id: string, now: Date): Promise<void> {
    await this.db
      .update(sessions)
      .set({ endedAt: now })
      .where(and(eq(sessions.id, id), isNull(sessions.endedAt), ne(sessions.id, '')));
  }

  private async withGroups(row: typeof users.$inferSelect): Promise<UserRecord> {
    const memberships = await this.db.select({ groupId: userGroups.groupId }).from(userGroups).where(eq(userGroups.userId, row.id));
    return {
      id: row.id,
      tenantId: row.tenantId,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      passwordHash: row.passwordHash,
      sipUser: row.sipUser,
      active: row.active,
      groupIds: memberships.map((membership) => membership.groupId).sort(),
    };
  }
}
