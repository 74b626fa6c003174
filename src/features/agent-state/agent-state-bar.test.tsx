import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLocaleStore } from '../../i18n/locale-store';
import { DeskStoreProvider } from '../../stores/desk-store-context';
import type { Phone } from '../../telephony';
import { memoryStorage, openDeskTab, RecordFields, type DeskTab } from '../../testing/desk-tab';
import { demoAccount } from '../../testing/msw/demo-directory';
import { faults } from '../../testing/msw/faults';
import { installMockService } from '../../testing/msw/install-mock-service';
import { mockDatabase } from '../../testing/msw/mock-database';
import { server } from '../../testing/msw/server';
import { FakeSipNetwork } from '../../testing/sip/fake-sip-network';
import { createTestPhone, registered } from '../../testing/sip/test-phones';
import { AgentStateBar } from './agent-state-bar';

installMockService();

let network: FakeSipNetwork;
let tab: DeskTab | undefined;
let caller: Phone | undefined;

/** Agent 1001 signed in, with the state bar on screen. */
async function showBar(): Promise<DeskTab> {
  const opened = openDeskTab(network, memoryStorage());
  tab = opened;
  await opened.session.getState().signIn('1001', demoAccount('1001').password);
  await vi.waitFor(() => expect(opened.desk.getState().policy).toBeDefined());
  render(
    <DeskStoreProvider store={opened.desk}>
      <AgentStateBar />
    </DeskStoreProvider>,
  );
  return opened;
}

/** A customer calls, the agent answers, the customer hangs up: the agent is in after-call work. */
async function afterACall(opened: DeskTab): Promise<void> {
  await vi.waitFor(() => expect(opened.phone.getState().registration.name).toBe('registered'));
  const customer = await registered(createTestPhone(network, '2001').phone);
  caller = customer;
  await customer.dial('1001');
  await vi.waitFor(() => expect(opened.phone.getState().calls[0]?.state).toBe('incoming'));
  await act(() => opened.phone.getState().answer(opened.phone.getState().calls[0]?.id ?? ''));
  await vi.waitFor(() => expect(customer.calls[0]?.state).toBe('active'));
  await act(() => customer.calls[0]?.hangup());
  await vi.waitFor(() => expect(opened.desk.getState().agentState).toBe('after-call-work'));
}

async function expectNoAxeViolations(): Promise<void> {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);
}

const pill = () => screen.getByTestId('agent-state');

beforeEach(() => {
  network = new FakeSipNetwork();
  useLocaleStore.getState().setLocale('ja');
});

afterEach(async () => {
  await caller?.stop();
  await tab?.session.getState().signOut();
  tab = undefined;
  caller = undefined;
});

describe('agent state bar', () => {
  it('shows 受付停止 after sign-in and 受付可 once the agent presses it', async () => {
    await showBar();
    expect(pill().dataset.state).toBe('not-ready');
    expect(screen.getByTestId('agent-state-label').textContent).toBe('受付停止');
    expect(screen.getByTestId('go-available').getAttribute('aria-pressed')).toBe('false');

    await userEvent.setup().click(screen.getByTestId('go-available'));

    expect(pill().dataset.state).toBe('available');
    expect(screen.getByTestId('agent-state-label').textContent).toBe('受付可');
    expect(screen.getByTestId('go-available').getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(mockDatabase.agentStates.get(demoAccount('1001').id)?.state).toBe('available'));
  });

  it('chooses a not-ready reason from the menu with the keyboard alone', async () => {
    await showBar();
    const user = userEvent.setup();
    const button = screen.getByTestId('go-not-ready');
    expect(button.getAttribute('aria-haspopup')).toBe('menu');

    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(button);
    await user.keyboard('{Enter}');
    const menu = await screen.findByRole('menu', { name: '離席の理由' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(menu.dataset.testid).toBe('not-ready-reason');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('休憩'));
    await expectNoAxeViolations();

    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('昼休憩');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(pill().dataset.state).toBe('not-ready');

    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('休憩'));
    await user.keyboard('{End}{Enter}');
    expect(screen.getByTestId('agent-state-label').textContent).toBe('離席中 (事務作業)');
    expect(pill().dataset.reason).toBe('admin-work');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-pressed')).toBe('true');
  });

  it('counts down the after-call work and keeps 後処理完了 disabled, naming the missing fields, until the record is complete', async () => {
    const opened = await showBar();
    const fields = new RecordFields();
    act(() => {
      opened.desk.getState().setWrapUpCheck(fields);
      opened.desk.getState().goAvailable();
    });
    await afterACall(opened);

    expect(screen.getByTestId('agent-state-label').textContent).toBe('後処理中');
    expect(screen.getByTestId('wrap-up-countdown').textContent).toMatch(/^自動終了まで (2:00|1:5\d)$/);
    expect(screen.getByTestId('next-state').textContent).toBe('後処理の後: 受付可');
    const finish = screen.getByTestId('finish-wrap-up');
    expect(finish).toHaveProperty('disabled', true);
    expect(screen.getByTestId('wrap-up-missing').textContent).toBe('未入力: 問い合わせ分類、対応結果');
    expect(finish.getAttribute('aria-describedby')).toBe(screen.getByTestId('wrap-up-missing').id);
    await expectNoAxeViolations();

    act(() => fields.fill('categoryId'));
    expect(screen.getByTestId('wrap-up-missing').textContent).toBe('未入力: 対応結果');
    act(() => fields.fill('dispositionId'));
    expect(screen.queryByTestId('wrap-up-missing')).toBeNull();
    expect(finish).toHaveProperty('disabled', false);

    await userEvent.setup().click(finish);
    expect(pill().dataset.state).toBe('available');
    expect(screen.queryByTestId('finish-wrap-up')).toBeNull();
  });

  it('shows how many call events have not reached the service', async () => {
    server.use(faults.unreachable('put', '/api/call-records/by-call-id/:sipCallId/events'));
    const opened = await showBar();
    act(() => opened.desk.getState().goAvailable());
    await afterACall(opened);
    await waitFor(() => expect(screen.getByTestId('outbox-pending').textContent).toBe('未送信 3件'));
    expect(screen.getByText('通話の記録をCTIサービスに送信できません。自動で再送します。')).toBeTruthy();

    server.resetHandlers();
    await waitFor(() => expect(screen.queryByTestId('outbox-pending')).toBeNull());
  });

  it('speaks English too, with the reasons in English', async () => {
    useLocaleStore.getState().setLocale('en');
    await showBar();
    expect(screen.getByTestId('agent-state-label').textContent).toBe('Not ready');
    await userEvent.setup().click(screen.getByTestId('go-not-ready'));
    const items = (await screen.findByTestId('not-ready-reason')).querySelectorAll('[role="menuitemradio"]');
    expect([...items].map((item) => item.textContent)).toEqual(['Break', 'Lunch', 'Training', 'Meeting', 'Admin work']);
    await userEvent.setup().click(screen.getByRole('menuitemradio', { name: 'Lunch' }));
    expect(screen.getByTestId('agent-state-label').textContent).toBe('Not ready (Lunch)');
  });
});
