import type { Role } from '../../../../src/contract/common';

/** A user as stored, with what sign-in needs. */
export interface UserRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly sipUser: string | null;
  readonly active: boolean;
  readonly groupIds: readonly string[];
}

/** A session as stored (the id is the hash of the cookie token). */
export interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  readonly tenantId: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/** Storage of users and sessions; implemented over PostgreSQL in `server/src/db`. */
export interface IdentityRepository {
  findUserByUsername(username: string): Promise<UserRecord | undefined>;
  findUserById(id: string): Promise<UserRecord | undefined>;
  findSession(id: string, now: Date): Promise<SessionRecord | undefined>;
  /**
   * Ends the user's other sessions and opens a new one, unless the tenant's open sessions
   * (other users') already fill its seat licence; atomic, so two logins cannot both take the last seat.
   * @returns false when no seat is free.
   */
  openSession(session: SessionRecord & { ip: string | undefined; userAgent: string | undefined }, now: Date): Promise<boolean>;
  endSession(id: string, now: Date): Promise<void>;
}
