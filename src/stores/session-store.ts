import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/api-client';
import type { ApiError } from '../api/api-error';
import { AuthApi } from '../api/auth-api';
import type { CurrentUser, SessionResponse } from '../contract/auth';
import { exhaustiveSwitchError } from '../lib/exhaustive-switch-error';
import type { DtmfMode } from '../telephony';
import type { PhoneStore } from './phone-store';
import { canTransition, type SessionError, type SessionStatus } from './session-status';

/** The signed-in user's session as the screens see it. */
export interface SessionStoreState {
  readonly status: SessionStatus;
  /** Who is signed in: name, role, groups, extension. */
  readonly user: CurrentUser | undefined;
  /** When the CTI session ends (ISO 8601). */
  readonly expiresAt: string | undefined;
  /** When the phone's current SIP credentials stop working; `undefined` without a phone. */
  readonly sipExpiresAt: string | undefined;
  /** Why the last sign-in, restore or renewal failed; cleared by the next attempt. */
  readonly error: SessionError | undefined;
}

/** Phone preferences chosen at sign-in (the CTI service does not keep them). */
export interface PhonePreferences {
  readonly dtmfMode?: DtmfMode;
}

/** Commands of the session store; outcomes arrive as state. */
export interface SessionStoreActions {
  /** Resumes the session of the cookie after a page load (GET /api/auth/session). */
  restore: () => Promise<void>;
  /** Signs in to the CTI service, then registers the phone with the credentials it issued. */
  signIn: (username: string, password: string, preferences?: PhonePreferences) => Promise<void>;
  /** Unregisters the phone, then ends the CTI session; without one, only the phone signs out. */
  signOut: () => Promise<void>;
  clearError: () => void;
}

/** The session store. */
export type SessionStore = StoreApi<SessionStoreState & SessionStoreActions>;

/** What the store needs; injected so tests can use the mock service and fake phones. */
export interface SessionStoreDependencies {
  readonly api: ApiClient;
  readonly phone: PhoneStore;
  readonly now?: () => number;
  /** Renew SIP credentials this long before they expire (default 5 minutes). */
  readonly renewBeforeMs?: number;
  /** Try a failed renewal again after this long (default 30 seconds). */
  readonly retryAfterMs?: number;
}

const defaultRenewBeforeMs = 5 * 60_000;
const defaultRetryAfterMs = 30_000;
const minimumDelayMs = 1000;

/**
 * Creates the store of the signed-in user's CTI session.
 *
 * @remarks
 * Signing in opens a session on the CTI service (an httpOnly cookie, a CSRF token for the
 * API client, a seat of the contract's licence) and hands the short-lived SIP credentials it
 * issued to the phone store, which registers with them. A few minutes before those credentials
 * expire the store fetches the session again, which issues fresh ones, and passes them to the
 * phone: the next REGISTER refresh authenticates with them, so the agent never re-enters a
 * password. Failures become {@link SessionError} values the sign-in screen translates.
 */
export function createSessionStore(dependencies: SessionStoreDependencies): SessionStore {
  const { api, phone } = dependencies;
  const auth = new AuthApi(api);
  const now = dependencies.now ?? Date.now;
  const renewBeforeMs = dependencies.renewBeforeMs ?? defaultRenewBeforeMs;
  const retryAfterMs = dependencies.retryAfterMs ?? defaultRetryAfterMs;
  let renewalTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped whenever a session starts or ends, so late answers of an older one are ignored. */
  let epoch = 0;

  const store = createStore<SessionStoreState & SessionStoreActions>()((set, get) => {
    const transition = (status: SessionStatus, changes: Partial<SessionStoreState> = {}): void => {
      const previous = get().status;
      if (!canTransition(previous, status)) throw new Error(`illegal session transition ${previous} → ${status}`);
      set({ ...changes, status });
    };

    const cancelRenewal = (): void => {
      if (renewalTimer !== undefined) clearTimeout(renewalTimer);
      renewalTimer = undefined;
    };

    const scheduleRenewal = (delayMs: number): void => {
      cancelRenewal();
      const current = epoch;
      renewalTimer = setTimeout(() => void renew(current), Math.max(minimumDelayMs, delayMs));
    };

    /** Renew SIP credentials a few minutes before they expire (half their life when they are short). */
    const renewalDelay = (session: SessionResponse): number => {
      const due = Date.parse(session.sip?.expiresAt ?? session.expiresAt);
      const remaining = due - now();
      return remaining - Math.min(renewBeforeMs, remaining / 2);
    };

    const phoneCredentials = (session: SessionResponse, dtmfMode: DtmfMode) => {
      const sip = session.sip;
      if (!sip) return undefined;
      return {
        server: sip.server,
        domain: sip.domain,
        user: sip.user,
        password: sip.password,
        authorizationUser: sip.username,
        displayName: session.user.displayName,
        dtmfMode,
      };
    };

    const adopt = (session: SessionResponse, dtmfMode: DtmfMode): void => {
      epoch += 1;
      api.setCsrfToken(session.csrfToken);
      transition('signed-in', { user: session.user, expiresAt: session.expiresAt, sipExpiresAt: session.sip?.expiresAt, error: undefined });
      const credentials = phoneCredentials(session, dtmfMode);
      if (credentials) phone.getState().signIn(credentials, { remember: false });
      scheduleRenewal(renewalDelay(session));
    };

    const forget = (): Partial<SessionStoreState> => {
      epoch += 1;
      cancelRenewal();
      api.setCsrfToken(undefined);
      return { user: undefined, expiresAt: undefined, sipExpiresAt: undefined };
    };

    const renew = async (started: number): Promise<void> => {
      renewalTimer = undefined;
      const result = await auth.session();
      if (started !== epoch || get().status !== 'signed-in') return;
      if (!result.ok) {
        if (result.error.kind === 'http' && result.error.status === 401) {
          await phone.getState().signOut();
          if (started !== epoch || get().status !== 'signed-in') return;
          transition('signed-out', { ...forget(), error: { kind: 'session-expired' } });
          return;
        }
        // The credentials still work for a while: try again, well before they expire.
        scheduleRenewal(retryAfterMs);
        return;
      }
      const session = result.value;
      api.setCsrfToken(session.csrfToken);
      set({ user: session.user, expiresAt: session.expiresAt, sipExpiresAt: session.sip?.expiresAt });
      const credentials = phoneCredentials(session, phone.getState().settings?.dtmfMode ?? 'rfc4733');
      if (credentials) {
        const phoneState = phone.getState();
        if (phoneState.signedIn && phoneState.registration.name === 'failed') {
          // Credentials ran out while the page slept: register again with the new ones.
          await phoneState.signOut();
          if (started !== epoch || get().status !== 'signed-in') return;
          phone.getState().signIn(credentials, { remember: false });
        } else {
          phoneState.updateCredentials(credentials.authorizationUser, credentials.password);
        }
      }
      scheduleRenewal(renewalDelay(session));
    };

    return {
      status: 'signed-out',
      user: undefined,
      expiresAt: undefined,
      sipExpiresAt: undefined,
      error: undefined,

      async restore() {
        if (get().status !== 'signed-out') return;
        transition('restoring', { error: undefined });
        const result = await auth.session();
        if (result.ok) {
          adopt(result.value, phone.getState().settings?.dtmfMode ?? 'rfc4733');
          return;
        }
        const unauthenticated = result.error.kind === 'http' && result.error.status === 401;
        transition('signed-out', { error: unauthenticated ? undefined : sessionErrorOf(result.error) });
      },

      async signIn(username, password, preferences = {}) {
        if (get().status !== 'signed-out') return;
        transition('signing-in', { error: undefined });
        const result = await auth.login({ username, password });
        if (!result.ok) {
          transition('signed-out', { error: sessionErrorOf(result.error) });
          return;
        }
        adopt(result.value, preferences.dtmfMode ?? phone.getState().settings?.dtmfMode ?? 'rfc4733');
      },

      async signOut() {
        if (get().status !== 'signed-in') {
          await phone.getState().signOut();
          return;
        }
        transition('signing-out');
        // A renewal still under way belongs to the session being ended: its answer is ignored.
        epoch += 1;
        cancelRenewal();
        // Unregister first: the CSRF token and cookie are still valid for the logout after it.
        await phone.getState().signOut();
        await auth.logout();
        transition('signed-out', { ...forget(), error: undefined });
      },

      clearError() {
        set({ error: undefined });
      },
    };
  });
  return store;
}

/** How a failed call to the CTI service is explained to the agent. */
export function sessionErrorOf(error: ApiError): SessionError {
  switch (error.kind) {
    case 'network':
      return { kind: 'network' };
    case 'invalid-response':
      return { kind: 'service', status: undefined };
    case 'http':
      if (error.code === 'invalid-credentials' || error.code === 'validation') return { kind: 'invalid-credentials' };
      if (error.code === 'seat-limit') return { kind: 'seat-limit' };
      if (error.code === 'rate-limited' || error.status === 429) return { kind: 'rate-limited' };
      if (error.code === 'unauthenticated') return { kind: 'session-expired' };
      return { kind: 'service', status: error.status };
    default:
      return exhaustiveSwitchError(error);
  }
}
