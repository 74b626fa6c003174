import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useLocaleStore } from '../../i18n/locale-store';
import { createCustomerStore, type CustomerStore } from '../../stores/customer-store';
import { CustomerStoreProvider } from '../../stores/customer-store-context';
import type { DeskCall } from '../../stores/desk-store';
import { createRecordStore } from '../../stores/record-store';
import { RecordStoreProvider } from '../../stores/record-store-context';
import { memoryStorage } from '../../testing/desk-tab';
import { demoCallCategories } from '../../testing/msw/demo-call-codes';
import { demoCustomerIds } from '../../testing/msw/demo-customers';
import { installMockService } from '../../testing/msw/install-mock-service';
import { mockCustomers } from '../../testing/msw/mock-customers';
import { signedInClient } from '../../testing/msw/signed-in-client';
import { CustomerPane } from './customer-pane';

installMockService();

/** A call as the desk store shows it, ringing by default. */
function deskCall(overrides: Partial<DeskCall> = {}): DeskCall {
  return {
    sipCallId: 'pane-call-1',
    direction: 'inbound',
    remoteNumber: '03-1234-5678',
    stage: 'ringing',
    callRecordId: undefined,
    recordVersion: undefined,
    customerId: null,
    phoneCallId: 'phone-1',
    startedAt: Date.now(),
    answeredAt: undefined,
    ...overrides,
  };
}

/** The pane over the mock service as `username`, with spies for linking and dialling. */
async function showPane(username: string, call: DeskCall) {
  const { client } = await signedInClient(username);
  const customers: CustomerStore = createCustomerStore({ client });
  const records = createRecordStore({ client, userId: username, storage: memoryStorage() });
  records.getState().loadCodes();
  const onLinkCustomer = vi.fn<(sipCallId: string, customerId: string | null) => void>();
  const onDial = vi.fn<(number: string) => void>();
  const view = (current: DeskCall | undefined) => (
    <RecordStoreProvider store={records}>
      <CustomerStoreProvider store={customers}>
        <CustomerPane call={current} onLinkCustomer={onLinkCustomer} onDial={onDial} />
      </CustomerStoreProvider>
    </RecordStoreProvider>
  );
  const { rerender } = render(view(call));
  return { onLinkCustomer, onDial, rerender: (current: DeskCall | undefined) => rerender(view(current)), records };
}

async function expectNoAxeViolations(): Promise<void> {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);
}

beforeEach(() => {
  useLocaleStore.getState().setLocale('ja');
});

describe('CustomerPane', () => {
  it('pops the caller’s customer as the call rings, with their previous calls, links them and dials their numbers', async () => {
    const { onLinkCustomer, onDial, rerender, records } = await showPane('1001', deskCall());
    expect((await screen.findByTestId('customer-name')).textContent).toBe('山田 太郎');
    expect(screen.getByText('ヤマダ タロウ')).toBeTruthy();
    expect(screen.getByText('東京都千代田区丸の内1-1-1')).toBeTruthy();
    expect(onLinkCustomer).toHaveBeenCalledWith('pane-call-1', demoCustomerIds.yamadaTokyo);

    const history = screen.getByTestId('customer-history');
    await waitFor(() => expect(history.dataset.status).toBe('loaded'));
    await waitFor(() => expect(records.getState().categories.length).toBeGreaterThan(0));
    const rows = within(history).getAllByTestId('customer-history-row');
    expect(rows.length).toBeGreaterThan(0);
    const categoryNames = demoCallCategories.map((category) => category.nameJa);
    expect(rows.some((row) => categoryNames.some((name) => row.textContent.includes(name)))).toBe(true);
    // Dates in Japan time, newest first.
    const times = rows.map((row) => row.querySelector('time')?.getAttribute('datetime') ?? '');
    expect(times.map((time) => Date.parse(time))).toEqual(times.map((time) => Date.parse(time)).sort((a, b) => b - a));
    const first = times[0] ?? '';
    const tokyo = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(first));
    expect(rows[0]?.querySelector('time')?.textContent).toBe(tokyo);

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '090-1234-5678 に発信' }));
    expect(onDial).toHaveBeenCalledWith('090-1234-5678');

    rerender(deskCall({ stage: 'talking', customerId: demoCustomerIds.yamadaTokyo }));
    expect(screen.getByText('応対記録に紐付け済み')).toBeTruthy();
    expect(onLinkCustomer).toHaveBeenCalledTimes(1);
    await expectNoAxeViolations();
  });

  it('offers a new-customer form prefilled with the number, shows the service’s problems and links the customer it creates', async () => {
    const { onLinkCustomer } = await showPane('1001', deskCall({ sipCallId: 'pane-call-2', remoteNumber: '03-5550-4321' }));
    const form = await screen.findByTestId('new-customer-form');
    expect(within(form).getByText('03-5550-4321 に一致する顧客はいません。新規登録できます。')).toBeTruthy();
    expect(within(form).getByLabelText<HTMLInputElement>('電話番号').value).toBe('03-5550-4321');

    const user = userEvent.setup();
    await user.type(within(form).getByLabelText('フリガナ'), 'abc');
    await user.click(within(form).getByRole('button', { name: '登録して紐付け' }));
    expect(await within(form).findByText('入力してください。')).toBeTruthy();
    expect(within(form).getByText('カタカナで入力してください。')).toBeTruthy();
    expect(within(form).getByLabelText('氏名').getAttribute('aria-invalid')).toBe('true');
    expect(onLinkCustomer).not.toHaveBeenCalled();

    await user.clear(within(form).getByLabelText('フリガナ'));
    await user.type(within(form).getByLabelText('フリガナ'), 'いのうえ さとし');
    await user.type(within(form).getByLabelText('氏名'), '井上 聡');
    await user.click(within(form).getByRole('button', { name: '登録して紐付け' }));

    expect((await screen.findByTestId('customer-name')).textContent).toBe('井上 聡');
    const created = mockCustomers.all().find((customer) => customer.name === '井上 聡');
    expect(created).toMatchObject({ nameKana: 'イノウエ サトシ', phones: [{ e164: '+81355504321' }] });
    expect(onLinkCustomer).toHaveBeenCalledWith('pane-call-2', created?.id);
    expect(screen.getByText('過去の応対はありません。')).toBeTruthy();
  });

  it('explains problems in English too, and offers the form for a withheld number', async () => {
    useLocaleStore.getState().setLocale('en');
    await showPane('1001', deskCall({ sipCallId: 'pane-call-3', remoteNumber: null }));
    const form = await screen.findByTestId('new-customer-form');
    expect(within(form).getByText("The caller's number is withheld. You can register a customer.")).toBeTruthy();
    expect(within(form).getByLabelText<HTMLInputElement>('Phone number').value).toBe('');
    const user = userEvent.setup();
    await user.type(within(form).getByLabelText('Name'), '木村 咲');
    await user.type(within(form).getByLabelText('Phone number'), '03-5211-0800');
    await user.click(within(form).getByRole('button', { name: 'Register and link' }));
    expect(await within(form).findByText('This number already belongs to another customer.')).toBeTruthy();
    await expectNoAxeViolations();
  });

  it('lets the agent choose among several customers with the number', async () => {
    const { onLinkCustomer } = await showPane('admin', deskCall({ sipCallId: 'pane-call-4', remoteNumber: '090-1234-5678' }));
    const candidates = await screen.findByTestId('customer-candidates');
    expect(within(candidates).getByText('この番号の顧客が 2 件あります。該当する顧客を選んでください。')).toBeTruthy();
    expect(onLinkCustomer).not.toHaveBeenCalled();
    const user = userEvent.setup();
    const choices = within(candidates).getAllByRole('button', { name: /^山田 太郎/ });
    expect(choices).toHaveLength(2);
    const osaka = choices.find((choice) => choice.textContent.includes('大阪府'));
    if (!osaka) throw new Error('no 大阪 candidate');
    await user.click(osaka);
    expect((await screen.findByTestId('customer-name')).textContent).toBe('山田 太郎');
    expect(screen.getByText('大阪府大阪市北区梅田2-2-2')).toBeTruthy();
    expect(onLinkCustomer).toHaveBeenCalledWith('pane-call-4', demoCustomerIds.yamadaOsaka);
    await expectNoAxeViolations();

    // The caller is someone else on that phone: register them instead.
    await user.click(screen.getByRole('button', { name: '新規顧客として登録' }));
    const form = screen.getByTestId('new-customer-form');
    expect(within(form).getByLabelText<HTMLInputElement>('電話番号').value).toBe('090-1234-5678');
  });

  it('waits for a call when there is none', async () => {
    const { rerender } = await showPane('1001', deskCall());
    await screen.findByTestId('customer-name');
    rerender(undefined);
    expect(screen.getByText('着信すると、発信者の顧客情報がここに表示されます。')).toBeTruthy();
    expect(screen.queryByTestId('customer-name')).toBeNull();
  });
});
