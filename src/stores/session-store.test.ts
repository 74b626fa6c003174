import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api/api-client';
import type { Phone, PhoneOptions } from '../telephony';
import { faults } from '../testing/msw/faults';
import { installMockService } from '../testing/msw/install-mock-service';
import { mockDatabase } from '../testing/msw/mock-database';
import { server } from '../testing/msw/server';
import { FakeSipNetwork } from '../testing/sip/fake-sip-network';
import { createTestPhone } from '../testing/sip/test-phones';
import { createPhoneStore, type PhoneStore } from './phone-store';
import { createSessionStore, type SessionStore, type SessionStoreDependencies } from './session-store';

installMockService();

let network: FakeSipNetwork;
const pages: Page[] = [];

interface Page {
  readonly session: SessionStore;
  readonly phone: PhoneStore;
  /** Options of every Phone the phone store created, and the phones. */
  readonly created: { options: PhoneOptions; phone: Phone }[];
}

/** One browser tab: its own phone store and session store over the shared mock service. */
function openPage(overrides: Partial<SessionStoreDependencies> = {}, storage?: Pick<Storage, 'getItem' | 'setItem'>): Page {
  const created: { options: PhoneOptions; phone: Phone }[] = [];
  const phone = createPhoneStore({
    createPhone: (options) => {
      const testPhone = createTestPhone(network, options.user, options).phone;
      created.push({ options, phone: testPhone });
      return testPhone;
    },
    tones: { unlock: () => undefined, play: () => undefined, stop: () => undefined },
    storage,
    mark: () => undefined,
  });
  const session = createSessionStore({ api: new ApiClient({ reportUnexpected: () => undefined }), phone, ...overrides });
  const page = { session, phone, created };
  pages.push(page);
  return page;
}

async function registered(page: Page): Promise<void> {
  await vi.waitFor(() => expect(page.phone.getState().registration.name).toBe('registered'));
}

/** Paths of the requests the mock service receives, with the phone's state at that moment. */
function recordRequests(page: Page): { request: string; csrf: string | null; phone: string }[] {
  const seen: { request: string; csrf: string | null; phone: string }[] = [];
  server.events.on('request:start', ({ request }) => {
    seen.push({
      request: `${request.method} ${new URL(request.url).pathname}`,
      csrf: request.headers.get('x-csrf-token'),
      phone: page.phone.getState().registration.name,
    });
  });
  return seen;
}

beforeEach(() => {
  network = new FakeSipNetwork();
});

afterEach(async () => {
  // Ends sessions (and their renewal timers) and phones before the mock service is reset.
  await Promise.all(pages.map((page) => page.session.getState().signOut()));
  pages.length = 0;
});

describe('session store: sign-in', () => {
  it('signs in and registers the phone with the short-lived SIP credentials it was given', async () => {
    const page = openPage();
    await page.session.getState().signIn('1001', 'tsunagu-1001', { dtmfMode: 'info' });
    expect(page.session.getState()).toMatchObject({ status: 'signed-in', user: { username: '1001', displayName: '佐藤 花子', role: 'agent' }, error: undefined });
    await registered(page);
    expect(page.created[0]?.options).toMatchObject({
      server: 'ws://127.0.0.1:5066',
      domain: '127.0.0.1',
      user: '1001',
      authorizationUser: expect.stringMatching(/^\d+:1001$/) as unknown,
      password: expect.stringMatching(/^mock-/) as unknown,
      displayName: '佐藤 花子',
      dtmfMode: 'info',
    });
    expect(page.phone.getState().settings).not.toHaveProperty('authorizationUser');
  });

  it('signs in staff without an extension without starting the phone', async () => {
    const page = openPage();
    await page.session.getState().signIn('sv1', 'tsunagu-sv1');
    expect(page.session.getState()).toMatchObject({ status: 'signed-in', user: { role: 'supervisor', sipUser: null }, sipExpiresAt: undefined });
    expect(page.phone.getState().signedIn).toBe(false);
  });

  it.each([
    ['a wrong password', () => undefined, '1001', 'wrong', { kind: 'invalid-credentials' }],
    ['an unknown user', () => undefined, 'nobody', 'tsunagu-1001', { kind: 'invalid-credentials' }],
    ['a name too short to exist', () => undefined, 'x', 'y', { kind: 'invalid-credentials' }],
    ['all seats in use', () => void (mockDatabase.settings.seatLimit = 0), '1001', 'tsunagu-1001', { kind: 'seat-limit' }],
    ['too many attempts', () => void (mockDatabase.settings.loginRateLimitPerMinute = 0), '1001', 'tsunagu-1001', { kind: 'rate-limited' }],
    ['an unreachable service', () => server.use(faults.unreachable('post', '/api/auth/login')), '1001', 'tsunagu-1001', { kind: 'network' }],
    ['a 500', () => server.use(faults.serverError('post', '/api/auth/login')), '1001', 'tsunagu-1001', { kind: 'service', status: 500 }],
    ['a malformed answer', () => server.use(faults.malformed('post', '/api/auth/login')), '1001', 'tsunagu-1001', { kind: 'service', status: undefined }],
  ])('stays signed out with a reason after %s', async (_case, arrange, username, password, error) => {
    arrange();
    const page = openPage();
    await page.session.getState().signIn(username, password);
    expect(page.session.getState()).toMatchObject({ status: 'signed-out', user: undefined, error });
    expect(page.phone.getState().signedIn).toBe(false);
  });

  it('clears the previous error when trying again', async () => {
    const page = openPage();
    await page.session.getState().signIn('1001', 'wrong');
    const attempt = page.session.getState().signIn('1001', 'tsunagu-1001');
    expect(page.session.getState()).toMatchObject({ status: 'signing-in', error: undefined });
    await attempt;
    expect(page.session.getState().status).toBe('signed-in');
  });
});

describe('session store: the direct SIP form', () => {
  it('keeps offering its remembered settings: CTI-issued credentials are not remembered', async () => {
    const direct = { server: 'wss://pbx.example.jp', domain: 'example.jp', user: '2001', displayName: 'Direct', dtmfMode: 'info' };
    const saved = new Map([['tsunagu.phone.settings', JSON.stringify(direct)]]);
    const storage = { getItem: (key: string) => saved.get(key) ?? null, setItem: (key: string, value: string) => void saved.set(key, value) };
    const page = openPage({}, storage);

    await page.session.getState().signIn('1001', 'tsunagu-1001');
    expect(page.phone.getState().settings).toMatchObject({ user: '1001', displayName: '佐藤 花子', dtmfMode: 'info' });
    await page.session.getState().signOut();

    expect(JSON.parse(saved.get('tsunagu.phone.settings') ?? '')).toEqual(direct);
    expect(page.phone.getState().settings).toEqual(direct);
  });
});

describe('session store: page reload', () => {
  it('resumes the session of the cookie and registers again', async () => {
    const first = openPage();
    await first.session.getState().signIn('1002', 'tsunagu-1002');
    await registered(first);
    await first.phone.getState().signOut();

    const reloaded = openPage();
    await reloaded.session.getState().restore();
    expect(reloaded.session.getState()).toMatchObject({ status: 'signed-in', user: { username: '1002' } });
    await registered(reloaded);
    expect(reloaded.created[0]?.options.authorizationUser).toMatch(/^\d+:1002$/);
  });

  it('shows the sign-in screen without an error when there is no session', async () => {
    const page = openPage();
    await page.session.getState().restore();
    expect(page.session.getState()).toMatchObject({ status: 'signed-out', error: undefined });
  });

  it('explains why the session could not be checked', async () => {
    server.use(faults.unreachable('get', '/api/auth/session'));
    const page = openPage();
    await page.session.getState().restore();
    expect(page.session.getState()).toMatchObject({ status: 'signed-out', error: { kind: 'network' } });
  });
});

describe('session store: sign-out', () => {
  it('unregisters the phone first, then ends the session with the CSRF token', async () => {
    const page = openPage();
    await page.session.getState().signIn('1003', 'tsunagu-1003');
    await registered(page);
    const seen = recordRequests(page);
    const [csrfToken] = [...mockDatabase.sessions.values()].map((session) => session.csrfToken);

    await page.session.getState().signOut();

    expect(seen).toEqual([{ request: 'POST /api/auth/logout', csrf: csrfToken, phone: 'unregistered' }]);
    expect(page.session.getState()).toMatchObject({ status: 'signed-out', user: undefined, error: undefined });
    expect(mockDatabase.sessions.size).toBe(0);
    const reloaded = openPage();
    await reloaded.session.getState().restore();
    expect(reloaded.session.getState().status).toBe('signed-out');
  });

  it('only signs the phone out when it was connected directly to a SIP server', async () => {
    const page = openPage();
    const seen = recordRequests(page);
    page.phone.getState().signIn({ server: 'ws://sip.example.invalid', domain: 'example.invalid', user: '2001', password: 'secret', displayName: '', dtmfMode: 'rfc4733' });
    await registered(page);
    await page.session.getState().signOut();
    expect(page.phone.getState().registration.name).toBe('unregistered');
    expect(seen).toEqual([]);
  });
});

describe('session store: SIP credential renewal', () => {
  /** A clock that believes the credentials issued now are about to expire. */
  const nearExpiry = () => Date.now() + mockDatabase.settings.sipCredentialTtlSeconds * 1000 - 500;

  it('fetches fresh credentials before they expire and hands them to the phone', async () => {
    const page = openPage({ now: nearExpiry });
    await page.session.getState().signIn('1004', 'tsunagu-1004');
    await registered(page);
    const phone = page.created[0]?.phone;
    if (!phone) throw new Error('no phone');
    const update = vi.spyOn(phone, 'updateCredentials');
    const firstPassword = page.created[0]?.options.password;

    await vi.waitFor(() => expect(update).toHaveBeenCalled(), { timeout: 3000 });
    const [username, password] = update.mock.calls[0] ?? [];
    expect(username).toMatch(/^\d+:1004$/);
    expect(password).not.toBe(firstPassword);
    expect(page.session.getState().status).toBe('signed-in');
    expect(page.phone.getState().registration.name).toBe('registered');
  });

  it('signs out with a reason when the service has ended the session', async () => {
    const page = openPage({ now: nearExpiry });
    await page.session.getState().signIn('1005', 'tsunagu-1005');
    await registered(page);
    mockDatabase.sessions.clear();
    await vi.waitFor(() => expect(page.session.getState().status).toBe('signed-out'), { timeout: 3000 });
    expect(page.session.getState().error).toEqual({ kind: 'session-expired' });
    expect(page.phone.getState().signedIn).toBe(false);
  });

  it('tries again later when the service cannot be reached', async () => {
    const page = openPage({ now: nearExpiry, retryAfterMs: 0 });
    await page.session.getState().signIn('1006', 'tsunagu-1006');
    await registered(page);
    const seen = recordRequests(page);
    server.use(faults.unreachable('get', '/api/auth/session'));
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(1), { timeout: 3000 });
    server.resetHandlers();
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(2), { timeout: 3000 });
    expect(page.session.getState()).toMatchObject({ status: 'signed-in', error: undefined });
  });
});
