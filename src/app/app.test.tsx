import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentsApi } from '../api/agents-api';
import { ApiClient } from '../api/api-client';
import { CallRecordsApi } from '../api/call-records-api';
import { useLocaleStore } from '../i18n/locale-store';
import { createDeskStore } from '../stores/desk-store';
import { createPhoneStore, type PhoneStore } from '../stores/phone-store';
import { createSessionStore, type SessionStore } from '../stores/session-store';
import { memoryStorage } from '../testing/desk-tab';
import { faults } from '../testing/msw/faults';
import { installMockService } from '../testing/msw/install-mock-service';
import { mockDatabase } from '../testing/msw/mock-database';
import { server } from '../testing/msw/server';
import { FakeSipNetwork } from '../testing/sip/fake-sip-network';
import { createTestPhone, registered } from '../testing/sip/test-phones';
import { App } from './app';
import { AppProviders } from './app-providers';

installMockService();

let network: FakeSipNetwork;
const opened: { session: SessionStore; phone: PhoneStore; unmount: () => void }[] = [];

/** Loads the app as a browser tab does: new stores, then the session check of main.tsx. */
function loadApp() {
  const phone = createPhoneStore({
    createPhone: (options) => createTestPhone(network, options.user, options).phone,
    tones: { unlock: () => undefined, play: () => undefined, stop: () => undefined },
    storage: undefined,
    mark: () => undefined,
  });
  const client = new ApiClient({ reportUnexpected: () => undefined });
  const session = createSessionStore({ api: client, phone });
  const desk = createDeskStore({ phone, session, agents: new AgentsApi(client), callRecords: new CallRecordsApi(client), storage: memoryStorage() });
  void session.getState().restore();
  const { unmount } = render(
    <AppProviders stores={{ client, session, phone, desk }}>
      <App config={{ sipServer: 'ws://127.0.0.1:5066', sipDomain: '127.0.0.1' }} />
    </AppProviders>,
  );
  const tab = { session, phone, unmount };
  opened.push(tab);
  return tab;
}

async function signIn(username: string, password: string): Promise<void> {
  const user = userEvent.setup();
  await user.type(await screen.findByTestId('login-username'), username);
  await user.type(screen.getByTestId('login-password'), password);
  await user.click(screen.getByTestId('login-submit'));
}

async function expectRegistered(): Promise<void> {
  await waitFor(() => expect(screen.getByTestId('phone-status').dataset.state).toBe('registered'));
}

async function errorShown(): Promise<string> {
  return (await screen.findByTestId('login-error')).textContent;
}

beforeEach(() => {
  network = new FakeSipNetwork();
  useLocaleStore.getState().setLocale('ja');
});

afterEach(async () => {
  for (const tab of opened) {
    await tab.session.getState().signOut();
    tab.unmount();
  }
  opened.length = 0;
});

describe('sign-in screen', () => {
  it('asks for the CTI user name and password, in Japanese, with the SIP form tucked away', async () => {
    loadApp();
    expect(await screen.findByRole('heading', { name: 'サインイン' })).toBeTruthy();
    expect(screen.getByLabelText('ユーザー名')).toBe(screen.getByTestId('login-username'));
    expect(screen.getByTestId('login-direct-sip').getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('signin-server')).toBeNull();
    expect(screen.queryByTestId('login-error')).toBeNull();
  });

  it('signs in and shows the softphone with the name, extension and role', async () => {
    loadApp();
    await signIn('1001', 'tsunagu-1001');
    await expectRegistered();
    expect(screen.getByTestId('signed-in-as').textContent).toBe('佐藤 花子 (1001)');
    expect(screen.getByTestId('account-role').textContent).toBe('オペレーター');
    expect(screen.getByTestId('dial-input')).toBeTruthy();
    expect(screen.queryByTestId('login-username')).toBeNull();
  });

  it('marks empty fields instead of asking the service', async () => {
    const seen: string[] = [];
    server.events.on('request:start', ({ request }) => seen.push(request.url));
    loadApp();
    await screen.findByTestId('login-submit');
    seen.length = 0;
    await userEvent.setup().click(screen.getByTestId('login-submit'));
    expect(screen.getAllByText('必須項目です')).toHaveLength(2);
    expect(seen).toEqual([]);
  });

  it.each([
    ['a wrong password', () => undefined, 'wrong', 'ユーザー名またはパスワードが正しくありません。'],
    ['every seat taken', () => void (mockDatabase.settings.seatLimit = 0), 'tsunagu-1001', 'ご契約の同時利用席がすべて使用中です。ほかの方のサインアウトを待つか、管理者に連絡してください。'],
    ['too many attempts', () => void (mockDatabase.settings.loginRateLimitPerMinute = 0), 'tsunagu-1001', 'サインインの試行回数が多すぎます。1分ほど待ってからもう一度お試しください。'],
    ['an unreachable service', () => server.use(faults.unreachable('post', '/api/auth/login')), 'tsunagu-1001', 'CTIサービスに接続できません。ネットワークを確認して、もう一度お試しください。'],
  ])('explains %s', async (_case, arrange, password, message) => {
    arrange();
    loadApp();
    await signIn('1001', password);
    expect(await errorShown()).toBe(message);
    expect(screen.queryByTestId('phone-status')).toBeNull();
  });

  it('explains errors in English too', async () => {
    useLocaleStore.getState().setLocale('en');
    mockDatabase.settings.seatLimit = 0;
    loadApp();
    await signIn('1001', 'tsunagu-1001');
    expect(await errorShown()).toBe('Every licensed seat is in use. Wait for a colleague to sign out, or ask your administrator.');
  });
});

describe('when the service misbehaves', () => {
  it('turns a 500 into a readable message and lets the agent try again', async () => {
    server.use(faults.serverError('post', '/api/auth/login'));
    loadApp();
    await signIn('1002', 'tsunagu-1002');
    expect(await errorShown()).toBe('CTIサービスでエラーが発生しました (500)。しばらくしてからもう一度お試しください。');

    server.resetHandlers();
    await userEvent.setup().click(screen.getByTestId('login-submit'));
    await expectRegistered();
  });

  it('turns an answer outside the contract into a readable message', async () => {
    server.use(faults.malformed('post', '/api/auth/login', { user: null, csrfToken: 42 }));
    loadApp();
    await signIn('1002', 'tsunagu-1002');
    expect(await errorShown()).toBe('CTIサービスから想定外の応答がありました。しばらくしてからもう一度お試しください。');
    expect(screen.getByTestId('login-submit')).toHaveProperty('disabled', false);
  });

  it('starts on the sign-in screen with a message when the session check fails on load', async () => {
    server.use(faults.badGateway('get', '/api/auth/session'));
    loadApp();
    expect(await errorShown()).toBe('CTIサービスでエラーが発生しました (502)。しばらくしてからもう一度お試しください。');
  });
});

describe('the session', () => {
  it('survives a reload: the softphone comes back without signing in again', async () => {
    const first = loadApp();
    await signIn('1003', 'tsunagu-1003');
    await expectRegistered();
    await first.phone.getState().signOut();
    first.unmount();

    loadApp();
    await expectRegistered();
    expect(screen.getByTestId('signed-in-as').textContent).toBe('高橋 美咲 (1003)');
  });

  it('signs out with the CSRF token and returns to the sign-in screen', async () => {
    loadApp();
    await signIn('1004', 'tsunagu-1004');
    await expectRegistered();
    const [csrfToken] = [...mockDatabase.sessions.values()].map((session) => session.csrfToken);
    const logouts: (string | null)[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.endsWith('/api/auth/logout')) logouts.push(request.headers.get('x-csrf-token'));
    });

    await userEvent.setup().click(screen.getByTestId('sign-out'));

    expect(await screen.findByTestId('login-username')).toBeTruthy();
    expect(logouts).toEqual([csrfToken]);
    expect(mockDatabase.sessions.size).toBe(0);
  });

  it('shows a supervisor without an extension the board of their group, their account and a way out', async () => {
    loadApp();
    await signIn('sv2', 'tsunagu-sv2');
    expect(await screen.findByTestId('supervisor-board')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('board-agent-row').map((row) => row.dataset.extension).sort()).toEqual(['1004', '1005', '1006']));
    expect(screen.getByTestId('signed-in-as').textContent).toBe('SV 小林 (大阪)');
    expect(screen.getByTestId('account-role').textContent).toBe('スーパーバイザー');
    await userEvent.setup().click(screen.getByTestId('sign-out'));
    expect(await screen.findByTestId('login-username')).toBeTruthy();
  });
});

describe('connecting directly to a SIP server', () => {
  it('opens the advanced form, registers without the CTI service and signs out locally', async () => {
    const requests: string[] = [];
    loadApp();
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('login-direct-sip'));
    expect(screen.getByTestId('login-direct-sip').getAttribute('aria-expanded')).toBe('true');
    server.events.on('request:start', ({ request }) => requests.push(new URL(request.url).pathname));
    await user.clear(screen.getByTestId('signin-server'));
    await user.type(screen.getByTestId('signin-server'), 'wss://pbx.example.jp:8443');
    await user.type(screen.getByTestId('signin-user'), '2001');
    await user.type(screen.getByTestId('signin-password'), 'secret');
    await user.click(screen.getByTestId('signin-submit'));
    await expectRegistered();
    expect(screen.queryByTestId('account-role')).toBeNull();
    expect(screen.queryByTestId('agent-state')).toBeNull();

    await user.click(screen.getByTestId('sign-out'));
    expect(await screen.findByTestId('login-username')).toBeTruthy();
    expect(requests).toEqual([]);
  });
});

describe('the agent desktop', () => {
  it('opens after sign-in with the agent not ready, refusing calls with 480 until 受付可', async () => {
    loadApp();
    await signIn('1001', 'tsunagu-1001');
    await expectRegistered();
    expect(screen.getByRole('region', { name: '受付状態' })).toBeTruthy();
    expect(screen.getByTestId('agent-state').dataset.state).toBe('not-ready');
    expect(screen.getByTestId('agent-state-label').textContent).toBe('受付停止');
    await waitFor(() => expect(screen.getByTestId('go-not-ready')).toHaveProperty('disabled', false));

    const customer = await registered(createTestPhone(network, '0312345678').phone);
    try {
      const refused = await customer.dial('1001');
      await waitFor(() => expect(refused.snapshot.endReason).toMatchObject({ kind: 'rejected', status: 480 }));
      expect(screen.queryByTestId('incoming-call')).toBeNull();

      await userEvent.setup().click(screen.getByTestId('go-available'));
      expect(screen.getByTestId('agent-state').dataset.state).toBe('available');
      await customer.dial('1001');
      expect((await screen.findByTestId('incoming-caller')).textContent).toContain('0312345678');
    } finally {
      await customer.stop();
    }
  });

  it('comes back after a reload in the state the agent left it', async () => {
    const first = loadApp();
    await signIn('1002', 'tsunagu-1002');
    await expectRegistered();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('go-not-ready'));
    await user.click(await screen.findByRole('menuitemradio', { name: '昼休憩' }));
    expect(screen.getByTestId('agent-state-label').textContent).toBe('離席中 (昼休憩)');
    await waitFor(() => expect([...mockDatabase.agentStates.values()].map((state) => state.reason)).toContain('lunch'));
    await first.phone.getState().signOut();
    first.unmount();

    loadApp();
    await expectRegistered();
    await waitFor(() => expect(screen.getByTestId('agent-state-label').textContent).toBe('離席中 (昼休憩)'));
  });
});
