import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../api/api-client';
import { CallRecordsApi } from '../../api/call-records-api';
import { useLocaleStore } from '../../i18n/locale-store';
import { createHistoryStore } from '../../stores/history-store';
import { HistoryStoreProvider } from '../../stores/history-store-context';
import { createPhoneStore, type PhoneStore } from '../../stores/phone-store';
import { PhoneStoreProvider } from '../../stores/phone-store-context';
import { demoAccount } from '../../testing/msw/demo-directory';
import { faults } from '../../testing/msw/faults';
import { installMockService } from '../../testing/msw/install-mock-service';
import { mockDatabase } from '../../testing/msw/mock-database';
import { server } from '../../testing/msw/server';
import { signedInClient } from '../../testing/msw/signed-in-client';
import { FakeSipNetwork } from '../../testing/sip/fake-sip-network';
import { createTestPhone } from '../../testing/sip/test-phones';
import { HistoryPane } from './history-pane';

installMockService();

let network: FakeSipNetwork;
const phones: PhoneStore[] = [];

function phoneStore(): PhoneStore {
  const store = createPhoneStore({
    createPhone: (options) => createTestPhone(network, options.user, options).phone,
    tones: { unlock: () => undefined, play: () => undefined, stop: () => undefined },
    storage: undefined,
    mark: () => undefined,
  });
  phones.push(store);
  return store;
}

/** The history pane of agent 1001 over the mock service, with a phone on the fake SIP network. */
async function renderHistory(pageSize?: number) {
  const { client } = await signedInClient('1001');
  const phone = phoneStore();
  const store = createHistoryStore({ client, agentId: () => demoAccount('1001').id, debounceMs: 20, refreshAfterCallMs: 50, ...(pageSize === undefined ? {} : { pageSize }) });
  const onDial = vi.fn<(number: string) => void>();
  render(
    <PhoneStoreProvider store={phone}>
      <HistoryStoreProvider store={store}>
        <HistoryPane onDial={onDial} />
      </HistoryStoreProvider>
    </PhoneStoreProvider>,
  );
  await waitFor(() => expect(screen.getAllByTestId('history-call').length).toBeGreaterThan(0));
  return { client, phone, store, onDial, user: userEvent.setup() };
}

/** Files a whole inbound call of the signed-in agent, as the desk does: offered, answered, ended. */
async function fileInboundCall(client: ApiClient, sipCallId: string, from: string, startedAt: number, talkSeconds: number): Promise<string> {
  const records = new CallRecordsApi(client);
  const event = (phase: 'offered' | 'answered' | 'ended', at: number) => records.fileCallEvent(sipCallId, { phase, at: new Date(at).toISOString(), direction: 'inbound', remoteNumber: from });
  const offered = await event('offered', startedAt);
  if (!offered.ok) throw new Error(offered.error.message);
  await event('answered', startedAt + 5000);
  await event('ended', startedAt + 5000 + talkSeconds * 1000);
  return offered.value.callRecordId;
}

function rows(): HTMLElement[] {
  return screen.getAllByTestId('history-call');
}

function cells(row: HTMLElement | undefined): string[] {
  if (!row) throw new Error('no such row');
  return [...row.querySelectorAll('td')].map((cell) => cell.textContent.trim());
}

beforeEach(() => {
  network = new FakeSipNetwork();
  useLocaleStore.getState().setLocale('ja');
});

afterEach(async () => {
  await Promise.all(phones.map((phone) => phone.getState().signOut()));
  phones.length = 0;
});

describe('history pane: recent calls', () => {
  it('lists my own calls, newest first, in Japan time with direction, number, customer, duration and category', async () => {
    // 2030-01-01 15:30 UTC is already 2 January, 00:30 in Tokyo.
    const at = Date.parse('2030-01-01T15:30:00Z');
    mockDatabase.now = () => at + 130_000;
    const { client } = await signedInClient('1001');
    await fileInboundCall(client, 'japan-time@test', '03-1234-5678', at, 125);

    await renderHistory();
    expect(cells(rows()[0])).toEqual(['2030/01/02 00:30', '着信', '☎03-1234-5678', '山田 太郎', '2:05', '未分類']);
    expect(screen.getByRole('table', { name: '最近の通話（新しい順） · 時刻は日本時間です。' })).toBeTruthy();
    // 1001 had ten demo calls, all shown as theirs; nobody else's calls are listed.
    expect(rows()).toHaveLength(11);
  });

  it('shows the same in English', async () => {
    useLocaleStore.getState().setLocale('en');
    const at = Date.parse('2030-01-01T15:30:00Z');
    mockDatabase.now = () => at + 130_000;
    const { client } = await signedInClient('1001');
    await fileInboundCall(client, 'english@test', '090-1111-2222', at, 59);

    await renderHistory();
    expect(cells(rows()[0])).toEqual(['2 Jan 2030, 00:30', 'Inbound', '☎090-1111-2222', 'Not registered', '0:59', 'Uncategorised']);
    expect(screen.getByTestId('history-tab-calls').textContent).toBe('Recent calls');
  });

  it('shows older calls page by page', async () => {
    const { user } = await renderHistory(6);
    expect(rows()).toHaveLength(6);
    const firstPage = rows().map((row) => cells(row)[0]);
    await user.click(screen.getByRole('button', { name: 'さらに表示' }));
    await waitFor(() => expect(rows()).toHaveLength(10));
    expect(rows().slice(0, 6).map((row) => cells(row)[0])).toEqual(firstPage);
    expect(screen.queryByRole('button', { name: 'さらに表示' })).toBeNull();
  });

  it('finds calls by number in any format and by words of the notes', async () => {
    const { client, user } = await renderHistory();
    const recordId = await fileInboundCall(client, 'notes@test', '0312345678', Date.now() - 60_000, 30);
    const records = new CallRecordsApi(client);
    const record = await records.getCallRecord(recordId);
    if (!record.ok) throw new Error(record.error.message);
    const saved = await records.updateCallRecord(recordId, { expectedVersion: record.value.version, notes: '請求書の再送を希望、来週火曜に再確認' });
    if (!saved.ok) throw new Error(saved.error.message);

    await user.type(screen.getByTestId('history-search'), '来週火曜');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(cells(rows()[0])[2]).toBe('☎03-1234-5678');

    await user.clear(screen.getByTestId('history-search'));
    await user.type(screen.getByTestId('history-search'), '+81 3-1234-5678');
    await waitFor(() => expect(rows().every((row) => cells(row)[2] === '☎03-1234-5678')).toBe(true));
    expect(rows().length).toBeGreaterThanOrEqual(1);

    await user.clear(screen.getByTestId('history-search'));
    await user.type(screen.getByTestId('history-search'), '存在しないメモ');
    await waitFor(() => expect(screen.getByTestId('history-status').textContent).toBe('「存在しないメモ」に該当する通話はありません。'));
    expect(screen.queryAllByTestId('history-call')).toHaveLength(0);
  });

  it('calls a number with one click', async () => {
    const { client, user, onDial } = await renderHistory();
    await fileInboundCall(client, 'dial@test', '06-6123-4567', Date.now() - 60_000, 10);
    await user.click(screen.getByRole('button', { name: '最新の情報に更新' }));
    await waitFor(() => expect(cells(rows()[0])[2]).toBe('☎06-6123-4567'));
    await user.click(within(rows()[0] ?? document.body).getByRole('button', { name: '06-6123-4567 に発信' }));
    expect(onDial).toHaveBeenCalledWith('0661234567');
  });

  it('shows the call just finished once it ends', async () => {
    const { client } = await renderHistory();
    const before = rows().length;
    const me = phones[0];
    const colleague = phoneStore();
    if (!me) throw new Error('no phone');
    const credentials = (user: string) => ({ server: 'ws://fake.invalid', domain: 'test.invalid', user, password: 'secret', displayName: user, dtmfMode: 'rfc4733' as const });
    me.getState().signIn(credentials('1001'));
    colleague.getState().signIn(credentials('1002'));
    await vi.waitFor(() => expect([me.getState().registration.name, colleague.getState().registration.name]).toEqual(['registered', 'registered']));
    await colleague.getState().dial('1001');
    await vi.waitFor(() => expect(me.getState().calls).toHaveLength(1));
    const call = me.getState().calls[0];
    if (!call) throw new Error('no incoming call');
    await me.getState().answer(call.id);
    // The desk files the call's events as it goes.
    await fileInboundCall(client, call.sipCallId, '1002', Date.now() - 1000, 1);
    await delay(100);
    expect(rows()).toHaveLength(before);

    await me.getState().hangup(call.id);
    await waitFor(() => expect(rows()).toHaveLength(before + 1));
    expect(cells(rows()[0])[2]).toBe('☎1002');
  });

  it('explains a failing service and loads again on request', async () => {
    server.use(faults.serverError('get', '/api/call-records'));
    const { client } = await signedInClient('1001');
    const store = createHistoryStore({ client, agentId: () => demoAccount('1001').id, debounceMs: 0 });
    render(
      <PhoneStoreProvider store={phoneStore()}>
        <HistoryStoreProvider store={store}>
          <HistoryPane onDial={() => undefined} />
        </HistoryStoreProvider>
      </PhoneStoreProvider>,
    );
    expect((await screen.findByTestId('history-error')).textContent).toContain('CTIサービスでエラーが発生しました (500)。');
    server.resetHandlers();
    await userEvent.setup().click(screen.getByRole('button', { name: '再試行' }));
    await waitFor(() => expect(screen.getAllByTestId('history-call')).toHaveLength(10));
  });
});

describe('history pane: customers', () => {
  it('finds customers by kana and by a whole number, and calls them with one click', async () => {
    const { user, onDial } = await renderHistory();
    await user.click(screen.getByTestId('history-tab-customers'));
    expect(screen.getByTestId('history-tab-customers').getAttribute('aria-selected')).toBe('true');
    const search = screen.getByLabelText('名前・フリガナ・電話番号で検索');
    expect(search).toBe(screen.getByTestId('customer-search'));
    expect(search.id).toBe('customer-search-input');

    await user.type(search, 'ヤマダ');
    await waitFor(() => expect(screen.getAllByTestId('customer-row')).toHaveLength(1));
    const yamada = screen.getAllByTestId('customer-row')[0] ?? document.body;
    expect(within(yamada).getByText('山田 太郎')).toBeTruthy();
    await user.click(within(yamada).getByRole('button', { name: '090-1234-5678 に発信' }));
    expect(onDial).toHaveBeenCalledWith('09012345678');

    await user.clear(search);
    await user.type(search, '03-5211');
    await waitFor(() => expect(screen.getByTestId('history-status').textContent).toBe('電話番号は市外局番から全桁を入力してください。'));
    await user.type(search, '-0800');
    await waitFor(() => expect(screen.getAllByTestId('customer-row').map((row) => row.querySelector('td')?.textContent)).toEqual(['株式会社みなと物流']));
    // A fax number is shown, not offered for a call.
    expect(within(screen.getAllByTestId('customer-row')[0] ?? document.body).getAllByTestId('click-to-call')).toHaveLength(1);

    await user.clear(search);
    await user.type(search, 'ナカガワ');
    await waitFor(() => expect(screen.getByTestId('history-status').textContent).toBe('「ナカガワ」に該当する顧客はいません。'));
  });

  it('passes axe checks on both tabs', async () => {
    const { user } = await renderHistory();
    await expectNoAxeViolations();
    await user.click(screen.getByTestId('history-tab-customers'));
    await waitFor(() => expect(screen.getAllByTestId('customer-row').length).toBeGreaterThan(0));
    await expectNoAxeViolations();
  });

  it('moves between the tabs with the arrow keys', async () => {
    const { user } = await renderHistory();
    screen.getByTestId('history-tab-calls').focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByTestId('history-tab-customers'));
    expect(screen.getByRole('tabpanel', { name: '顧客' })).toBeTruthy();
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tabpanel', { name: '最近の通話' })).toBeTruthy();
  });
});

async function expectNoAxeViolations(): Promise<void> {
  // jsdom has no layout, so contrast is checked in the browser (e2e), not here.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
