import type { AuditEntryDto } from '../../contract/audit';
import type { SessionResponse, SipCredentialsDto } from '../../contract/auth';
import type { AgentStateName, LiveEvent } from '../../contract/events';
import { demoAccounts, demoTenantId, type DemoAccount } from './demo-directory';

/** Knobs of the mock service, changed by tests to provoke refusals. */
export interface MockSettings {
  /** Concurrent sessions of the tenant; one more sign-in is refused with 409 `seat-limit`. */
  seatLimit: number;
  /** Sign-in attempts per minute before 429 `rate-limited`. */
  loginRateLimitPerMinute: number;
  sessionTtlMinutes: number;
  sipCredentialTtlSeconds: number;
  /** Where issued SIP credentials point; `null` acts like a service without a shared secret (no SIP credentials). */
  sip: { server: string; domain: string } | null;
}

/** An open session. */
export interface MockSession {
  readonly token: string;
  readonly accountId: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

/** A signed-in session with its account. */
export interface SignedInSession {
  readonly session: MockSession;
  readonly account: DemoAccount;
}

/** An agent's current state. */
export interface MockAgentState {
  readonly state: AgentStateName;
  readonly reason: string | null;
  readonly since: number;
}

/** A live event as published; `hello` is sent per connection instead. */
export type PublishedEvent = Exclude<LiveEvent, { type: 'hello' }>;

type Subscriber = { readonly account: DemoAccount; readonly deliver: (event: LiveEvent) => void };

const sessionsKey = 'tsunagu.mock.sessions';

const defaultSettings = (): MockSettings => ({
  seatLimit: 20,
  loginRateLimitPerMinute: 10,
  sessionTtlMinutes: 12 * 60,
  sipCredentialTtlSeconds: 12 * 3600,
  sip: { server: 'ws://127.0.0.1:5066', domain: '127.0.0.1' },
});

/**
 * The in-memory state behind the MSW handlers: the demo tenant's accounts, sessions, agent
 * states, audit log and live-event subscribers.
 *
 * @remarks
 * Test and demo code only. Other modules (call records, customers, FAQ) keep their own
 * collections in their own files and register a reset with {@link MockDatabase.onReset}, so
 * `reset()` between tests starts everything afresh.
 */
export class MockDatabase {
  settings: MockSettings = defaultSettings();
  /** Milliseconds since the epoch; tests may replace it to move time. */
  now: () => number = Date.now;
  readonly sessions = new Map<string, MockSession>();
  readonly agentStates = new Map<string, MockAgentState>();
  readonly audit: AuditEntryDto[] = [];
  private loginAttempts: number[] = [];
  private readonly subscribers = new Set<Subscriber>();
  private readonly resetHooks: (() => void)[] = [];
  private storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;

  /** Every demo account. */
  get accounts(): readonly DemoAccount[] {
    return demoAccounts;
  }

  /** Forgets every session, state and entry and restores the default settings. */
  reset(): void {
    this.settings = defaultSettings();
    this.now = Date.now;
    this.sessions.clear();
    this.agentStates.clear();
    this.audit.length = 0;
    this.loginAttempts = [];
    this.subscribers.clear();
    this.persist();
    for (const hook of this.resetHooks) hook();
  }

  /** Runs `hook` on every reset (another module's collections). */
  onReset(hook: () => void): void {
    this.resetHooks.push(hook);
  }

  /**
   * Keeps sessions in `storage` so the demo survives a page reload (the cookie does too:
   * MSW keeps mocked cookies in localStorage).
   */
  persistSessionsIn(storage: Pick<Storage, 'getItem' | 'setItem'>): void {
    this.storage = storage;
    try {
      const saved = JSON.parse(storage.getItem(sessionsKey) ?? '[]') as MockSession[];
      for (const session of saved) this.sessions.set(session.token, session);
    } catch {
      // A corrupt entry only means signing in again.
    }
  }

  /** Counts a sign-in attempt; false when the attempts of the last minute exceed the limit. */
  allowLoginAttempt(): boolean {
    const now = this.now();
    this.loginAttempts = [...this.loginAttempts.filter((at) => at > now - 60_000), now];
    return this.loginAttempts.length <= this.settings.loginRateLimitPerMinute;
  }

  /** The account with this user name and password, if any. */
  authenticate(username: string, password: string): DemoAccount | undefined {
    return this.accounts.find((account) => account.username === username && account.password === password);
  }

  /**
   * Opens a session for `account`, replacing the account's previous one (which frees its seat);
   * `undefined` when every seat is taken.
   */
  openSession(account: DemoAccount): MockSession | undefined {
    this.expireSessions();
    for (const [token, session] of this.sessions) if (session.accountId === account.id) this.sessions.delete(token);
    if (this.sessions.size >= this.settings.seatLimit) return undefined;
    const session: MockSession = {
      token: randomToken(),
      accountId: account.id,
      csrfToken: randomToken(),
      expiresAt: this.now() + this.settings.sessionTtlMinutes * 60_000,
    };
    this.sessions.set(session.token, session);
    this.persist();
    return session;
  }

  /** The open session of a cookie token. */
  resolveSession(token: string | undefined): SignedInSession | undefined {
    if (!token) return undefined;
    this.expireSessions();
    const session = this.sessions.get(token);
    const account = session && this.accounts.find((candidate) => candidate.id === session.accountId);
    return session && account ? { session, account } : undefined;
  }

  /**
   * The session the page's live-events socket belongs to: the newest one.
   * @remarks MSW's WebSocket handlers do not see cookies; a page has one signed-in user.
   */
  newestSession(): SignedInSession | undefined {
    this.expireSessions();
    const newest = [...this.sessions.values()].at(-1);
    return newest ? this.resolveSession(newest.token) : undefined;
  }

  /** Ends a session (sign-out). */
  endSession(token: string): void {
    this.sessions.delete(token);
    this.persist();
  }

  /** Freshly issued short-lived SIP credentials, `null` for staff without an extension. */
  sipCredentialsFor(account: DemoAccount): SipCredentialsDto | null {
    if (!account.sipUser || !this.settings.sip) return null;
    const expiry = Math.floor(this.now() / 1000) + this.settings.sipCredentialTtlSeconds;
    return {
      server: this.settings.sip.server,
      domain: this.settings.sip.domain,
      user: account.sipUser,
      username: `${expiry}:${account.sipUser}`,
      password: `mock-${randomToken().slice(0, 16)}`,
      expiresAt: new Date(expiry * 1000).toISOString(),
    };
  }

  /** The body of a session answer (login, GET session). */
  sessionResponse({ session, account }: SignedInSession): SessionResponse {
    return {
      user: {
        id: account.id,
        tenantId: demoTenantId,
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        groupIds: [...account.groupIds],
        sipUser: account.sipUser,
      },
      csrfToken: session.csrfToken,
      expiresAt: new Date(session.expiresAt).toISOString(),
      sip: this.sipCredentialsFor(account),
    };
  }

  /** Appends an audit entry. */
  recordAudit(entry: Omit<AuditEntryDto, 'id' | 'at' | 'ip' | 'userAgent' | 'detail'> & { detail?: Record<string, unknown> }): void {
    this.audit.push({ ip: '127.0.0.1', userAgent: null, detail: {}, ...entry, id: this.audit.length + 1, at: new Date(this.now()).toISOString() });
  }

  /** Registers a live-events subscriber; returns the function that removes it. */
  subscribe(account: DemoAccount, deliver: (event: LiveEvent) => void): () => void {
    const subscriber = { account, deliver };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Sends `event` to every subscriber allowed to see it (the service's rule). */
  publish(event: PublishedEvent): void {
    for (const subscriber of this.subscribers) if (mayReceive(subscriber.account, event)) subscriber.deliver(event);
  }

  private expireSessions(): void {
    const now = this.now();
    for (const [token, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(token);
  }

  private persist(): void {
    this.storage?.setItem(sessionsKey, JSON.stringify([...this.sessions.values()]));
  }
}

/** Administrators see everything, supervisors their groups, agents only themselves. */
function mayReceive(account: DemoAccount, event: PublishedEvent): boolean {
  if (account.role === 'administrator') return true;
  if (event.type === 'queue') return account.role === 'supervisor' && account.groupIds.includes(event.groupId);
  if (event.type === 'agent-state' || event.type === 'monitoring') {
    if (account.role === 'agent') return event.agentId === account.id;
    return event.groupIds.some((groupId) => account.groupIds.includes(groupId));
  }
  if (account.role === 'agent') return event.agentId === account.id;
  return event.groupId !== null && account.groupIds.includes(event.groupId);
}

function randomToken(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/** The one mock database the handlers share (in Vitest and in the demo). */
export const mockDatabase = new MockDatabase();
