import { createHash, randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Actor, RequestOrigin } from './actor';
import type { IdentityRepository, UserRecord } from './identity-repository';
import type { PasswordHasher } from './password-hasher';
import { issueSipCredentials, type SipCredentials } from './sip-credentials';

/** Settings of sign-in. */
export interface IdentitySettings {
  readonly sessionTtlMinutes: number;
  /** Shared with Kamailio's auth_ephemeral; without it no SIP credentials are issued. */
  readonly sipSharedSecret: string | undefined;
  readonly sipCredentialTtlSeconds: number;
}

/** A signed-in session as the HTTP layer needs it. */
export interface SignedIn {
  /** Goes into the httpOnly cookie; only its hash is stored. */
  readonly token: string;
  readonly actor: Actor;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly sip: SipCredentials | undefined;
}

/** A session found from its cookie. */
export interface ResolvedSession {
  readonly actor: Actor;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/**
 * Sign-in, sessions and the concurrent-seat licence.
 *
 * @remarks
 * Passwords are checked with argon2id; a failed sign-in says only "invalid credentials" (no
 * hint whether the user exists) and is audited. A user has one session at a time: signing in
 * again ends the previous one and reuses its seat. SIP credentials are issued per sign-in and
 * expire on their own; Kamailio verifies them with the shared secret.
 */
export class IdentityService {
  constructor(
    private readonly repository: IdentityRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    private readonly settings: IdentitySettings,
    private readonly clock: Clock,
  ) {}

  /** Checks the password and opens a session. */
  async login(username: string, password: string, origin: RequestOrigin): Promise<SignedIn> {
    const user = await this.repository.findUserByUsername(username);
    const valid = user !== undefined && user.active && (await this.hasher.verify(user.passwordHash, password));
    if (!user || !valid) {
      await this.audit.record({
        tenantId: user?.tenantId ?? null,
        actorId: user?.id ?? null,
        actorName: username,
        action: 'login-failed',
        resourceType: 'session',
        resourceId: null,
        ip: origin.ip,
        userAgent: origin.userAgent,
      });
      throw new DomainError('invalid-credentials', 'invalid user name or password');
    }
    const now = this.clock();
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.settings.sessionTtlMinutes * 60_000);
    const opened = await this.repository.openSession(
      { id: hashToken(token), userId: user.id, tenantId: user.tenantId, csrfToken, expiresAt, ip: origin.ip, userAgent: origin.userAgent },
      now,
    );
    if (!opened) throw new DomainError('seat-limit', 'every licensed seat of your contract is in use; ask a colleague to sign out or your administrator for more seats');
    const actor = toActor(user);
    await this.audit.record({
      tenantId: actor.tenantId,
      actorId: actor.userId,
      actorName: actor.username,
      action: 'login',
      resourceType: 'session',
      resourceId: null,
      ip: origin.ip,
      userAgent: origin.userAgent,
    });
    return { token, actor, csrfToken, expiresAt, sip: this.sipCredentialsFor(actor, now) };
  }

  /** The session behind a cookie token, if it is open and not expired. */
  async resolve(token: string): Promise<ResolvedSession | undefined> {
    const now = this.clock();
    const session = await this.repository.findSession(hashToken(token), now);
    if (!session) return undefined;
    const user = await this.repository.findUserById(session.userId);
    if (!user?.active) return undefined;
    return { actor: toActor(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }

  /** Fresh SIP credentials for an actor with an extension (re-issued on every session check). */
  sipCredentialsFor(actor: Actor, now: Date = this.clock()): SipCredentials | undefined {
    if (!actor.sipUser || !this.settings.sipSharedSecret) return undefined;
    return issueSipCredentials(actor.sipUser, this.settings.sipSharedSecret, now, this.settings.sipCredentialTtlSeconds);
  }

  /** Ends the session (sign-out) and frees its seat. */
  async logout(token: string, actor: Actor, origin: RequestOrigin): Promise<void> {
    await this.repository.endSession(hashToken(token), this.clock());
    await this.audit.record({
      tenantId: actor.tenantId,
      actorId: actor.userId,
      actorName: actor.username,
      action: 'logout',
      resourceType: 'session',
      resourceId: null,
      ip: origin.ip,
      userAgent: origin.userAgent,
    });
  }
}

function toActor(user: UserRecord): Actor {
  return {
    userId: user.id,
    tenantId: user.tenantId,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    groupIds: user.groupIds,
    sipUser: user.sipUser,
  };
}

/** The stored form of a session token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
