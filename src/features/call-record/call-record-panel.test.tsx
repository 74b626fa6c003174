import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../api/api-client';
import { AuthApi } from '../../api/auth-api';
import { useLocaleStore } from '../../i18n/locale-store';
import { createCustomerStore } from '../../stores/customer-store';
import { CustomerStoreProvider } from '../../stores/customer-store-context';
import { DeskStoreProvider } from '../../stores/desk-store-context';
import { createRecordStore, recordWrapUpCheck, type RecordStore } from '../../stores/record-store';
import { RecordStoreProvider } from '../../stores/record-store-context';
import { createQueueStore } from '../../stores/queue-store';
import { QueueStoreProvider } from '../../stores/queue-store-context';
import type { Phone } from '../../telephony';
import { memoryStorage, openDeskTab, quickRetries, type DeskTab } from '../../testing/desk-tab';
import { demoCallCategories, demoDispositions } from '../../testing/msw/demo-call-codes';
import { demoAccount } from '../../testing/msw/demo-directory';
import { faults } from '../../testing/msw/faults';
import { installMockService } from '../../testing/msw/install-mock-service';
import { mockCallRecords } from '../../testing/msw/mock-call-records';
import { server } from '../../testing/msw/server';
import { FakeSipNetwork, type FakeTransport } from '../../testing/sip/fake-sip-network';
import { createTestPhone, registered } from '../../testing/sip/test-phones';
import { CallRecordPanel } from './call-record-panel';

installMockService();

let network: FakeSipNetwork;
let tab: DeskTab | undefined;
let records: RecordStore | undefined;
let caller: Phone | undefined;

/** Agent 1001 signed in and available, with the record panel on screen as the desktop wires it. */
async function showPanel(): Promise<{ desk: DeskTab; records: RecordStore }> {
  const opened = openDeskTab(network, memoryStorage());
  tab = opened;
  await opened.session.getState().signIn('1001', demoAccount('1001').password);
  await vi.waitFor(() => expect(opened.desk.getState().policy).toBeDefined());
  await vi.waitFor(() => expect(opened.phone.getState().registration.name).toBe('registered'));
  const client = new ApiClient({ reportUnexpected: () => undefined, timeoutMs: 2000 });
  const session = await new AuthApi(client).session();
  if (!session.ok) throw new Error('no session');
  client.setCsrfToken(session.value.csrfToken);
  const store = createRecordStore({ client, userId: demoAccount('1001').id, storage: memoryStorage(), debounceMs: 20, backoff: quickRetries });
  records = store;
  opened.desk.getState().setWrapUpCheck(recordWrapUpCheck(store));
  act(() => opened.desk.getState().goAvailable());
  render(
    <DeskStoreProvider store={opened.desk}>
      <RecordStoreProvider store={store}>
        <CustomerStoreProvider store={createCustomerStore({ client })}>
          <QueueStoreProvider store={createQueueStore({ client })}>
            <CallRecordPanel />
          </QueueStoreProvider>
        </CustomerStoreProvider>
      </RecordStoreProvider>
    </DeskStoreProvider>,
  );
  return { desk: opened, records: store };
}

/** A customer (extension 2001) calls and the agent answers; resolves with the SIP Call-ID. */
async function answeredCall(opened: DeskTab): Promise<string> {
  const customer = await registered(createTestPhone(network, '2001').phone);
  caller = customer;
  await customer.dial('1001');
  await vi.waitFor(() => expect(opened.phone.getState().calls[0]?.state).toBe('incoming'));
  await act(() => opened.phone.getState().answer(opened.phone.getState().calls[0]?.id ?? ''));
  await vi.waitFor(() => expect(customer.calls[0]?.state).toBe('active'));
  await vi.waitFor(() => expect(opened.desk.getState().current?.callRecordId).toBeDefined());
  return opened.desk.getState().current?.sipCallId ?? '';
}

/** 後処理完了 as the state bar presses it; false while required fields are missing. */
function finishWrapUp(opened: DeskTab): boolean {
  let finished = false;
  act(() => {
    finished = opened.desk.getState().finishWrapUp();
  });
  return finished;
}

const recordOf = (sipCallId: string) => mockCallRecords.all().find((record) => record.sipCallId === sipCallId);
const status = () => screen.getByTestId('record-status');

async function expectNoAxeViolations(): Promise<void> {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);
}

const billing = demoCallCategories[0];
const resolved = demoDispositions[0];

beforeEach(() => {
  network = new FakeSipNetwork();
  useLocaleStore.getState().setLocale('ja');
});

afterEach(async () => {
  records?.getState().dispose();
  records = undefined;
  await caller?.stop();
  caller = undefined;
  await tab?.session.getState().signOut();
  tab = undefined;
});

describe('CallRecordPanel', () => {
  it('appears when the call is answered and saves what the agent types, showing 保存済み in Japan time', async () => {
    const { desk } = await showPanel();
    expect(screen.queryByTestId('record-panel')).toBeNull();
    expect(screen.getByText('通話に応答すると、応対記録をここに入力できます。')).toBeTruthy();

    const sipCallId = await answeredCall(desk);
    await screen.findByTestId('record-panel');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('応対メモ'), '住所変更');
    expect(screen.getByTestId('record-notes-count').textContent).toBe('4 / 10,000 文字');
    await user.selectOptions(screen.getByLabelText(/問い合わせ分類/), billing?.nameJa ?? '');

    await waitFor(() => expect(status().dataset.status).toBe('saved'));
    expect(status().textContent).toMatch(/^保存済み \d{2}:\d{2}$/);
    const tokyoNow = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date());
    expect(status().textContent).toBe(`保存済み ${tokyoNow}`);
    expect(recordOf(sipCallId)).toMatchObject({ notes: '住所変更', categoryId: billing?.id });
    await expectNoAxeViolations();
  });

  it('marks the required fields and keeps the agent in after-call work until they are filled', async () => {
    const { desk } = await showPanel();
    await answeredCall(desk);
    await screen.findByTestId('record-panel');
    expect(screen.getAllByTestId('record-required-mark')).toHaveLength(2);
    expect(screen.getByLabelText(/問い合わせ分類/).getAttribute('aria-required')).toBe('true');
    expect(screen.getByLabelText(/対応結果/).getAttribute('aria-required')).toBe('true');
    expect(screen.getByLabelText('応対メモ').getAttribute('aria-required')).toBeNull();

    await act(() => caller?.calls[0]?.hangup());
    await vi.waitFor(() => expect(desk.desk.getState().agentState).toBe('after-call-work'));
    await waitFor(() => expect(screen.getByTestId('record-panel').dataset.stage).toBe('wrap-up'));
    expect(screen.getAllByText('後処理を終えるには入力が必要です')).toHaveLength(2);
    expect(finishWrapUp(desk)).toBe(false);

    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText(/問い合わせ分類/), billing?.nameJa ?? '');
    await user.selectOptions(screen.getByLabelText(/対応結果/), resolved?.nameJa ?? '');
    expect(screen.queryByText('後処理を終えるには入力が必要です')).toBeNull();
    expect(finishWrapUp(desk)).toBe(true);
    await vi.waitFor(() => expect(desk.desk.getState().agentState).toBe('available'));
  });

  it('keeps what was typed while the service is unreachable, says 未送信, and sends it once the service is back', async () => {
    const { desk } = await showPanel();
    const sipCallId = await answeredCall(desk);
    await screen.findByTestId('record-panel');
    await waitFor(() => expect(status().dataset.status).toBe('saved'));

    server.use(faults.unreachable('patch', '/api/call-records/:id'));
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('応対メモ'), '折り返し希望');
    await waitFor(() => expect(status().dataset.status).toBe('unsent'));
    expect(status().textContent).toContain('未送信・再送します');
    expect(recordOf(sipCallId)?.notes).toBe('');

    server.resetHandlers();
    await waitFor(() => expect(status().dataset.status).toBe('saved'), { timeout: 3000 });
    expect(recordOf(sipCallId)?.notes).toBe('折り返し希望');
    expect(screen.getByLabelText<HTMLTextAreaElement>('応対メモ').value).toBe('折り返し希望');
  });

  it('names the queue the call came through, during the call and its after-call work', async () => {
    network = new (class extends FakeSipNetwork {
      // Stands for Kamailio routing the customer's call through 東京窓口.
      override deliver(from: FakeTransport, message: string): void {
        super.deliver(from, message.startsWith('INVITE ') ? message.replace('\r\n', '\r\nX-Tsunagu-Queue: 2001\r\n') : message);
      }
    })();
    const { desk } = await showPanel();
    const sipCallId = await answeredCall(desk);
    await waitFor(() => expect(screen.getByTestId('record-queue').textContent).toBe('東京窓口 (2001)'));
    await expectNoAxeViolations();
    await caller?.calls[0]?.hangup();
    await vi.waitFor(() => expect(desk.desk.getState().agentState).toBe('after-call-work'));
    expect(screen.getByTestId('record-queue').textContent).toBe('東京窓口 (2001)');
    await vi.waitFor(() => expect(recordOf(sipCallId)?.queue).toBe('2001'));
  });

  it('shows no queue for a call that came straight to the agent', async () => {
    const { desk } = await showPanel();
    await answeredCall(desk);
    expect(screen.getByTestId('record-panel')).toBeTruthy();
    expect(screen.queryByTestId('record-queue')).toBeNull();
  });

  it('saves at once with 保存, in English too', async () => {
    useLocaleStore.getState().setLocale('en');
    const { desk } = await showPanel();
    const sipCallId = await answeredCall(desk);
    await screen.findByTestId('record-panel');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('record-follow-up'), '2026-12-01');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(status().textContent).toMatch(/^Saved \d{2}:\d{2}$/));
    expect(recordOf(sipCallId)?.followUpAt).toBe('2026-12-01');
    expect(screen.getByLabelText(/Disposition/)).toBeTruthy();
  });
});
