import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../api/api-client';
import { AuthApi } from '../../api/auth-api';
import { LiveEventsClient } from '../../api/live-events-client';
import type { AgentBoardList, AgentStatusDto } from '../../contract/events';
import { useLocaleStore } from '../../i18n/locale-store';
import { createBoardStore, type BoardAgent, type BoardStore } from '../../stores/board-store';
import { BoardStoreProvider } from '../../stores/board-store-context';
import { SessionStoreProvider } from '../../stores/session-store-context';
import { memoryStorage, openDeskTab, type DeskTab } from '../../testing/desk-tab';
import { setAgentState } from '../../testing/msw/agent-handlers';
import { demoAccount, demoGroupIds } from '../../testing/msw/demo-directory';
import { installMockService } from '../../testing/msw/install-mock-service';
import { mockDatabase } from '../../testing/msw/mock-database';
import { mockQueues } from '../../testing/msw/queue-mock';
import { server } from '../../testing/msw/server';
import { FakeSipNetwork } from '../../testing/sip/fake-sip-network';
import { SupervisorBoard } from './supervisor-board';

installMockService();

let tab: DeskTab | undefined;
let board: BoardStore | undefined;

beforeEach(() => {
  useLocaleStore.getState().setLocale('ja');
});

afterEach(async () => {
  board?.getState().stop();
  board = undefined;
  await tab?.session.getState().signOut();
  tab = undefined;
});

/** `username` (a supervisor or administrator) signed in, with the board on screen as the app composes it. */
async function showBoard(username: string, rowActions?: (agent: BoardAgent) => ReactNode): Promise<BoardStore> {
  const opened = openDeskTab(new FakeSipNetwork(), memoryStorage());
  tab = opened;
  await opened.session.getState().signIn(username, demoAccount(username).password);
  const client = new ApiClient({ reportUnexpected: () => undefined, timeoutMs: 2000 });
  const session = await new AuthApi(client).session();
  if (!session.ok) throw new Error('no session');
  client.setCsrfToken(session.value.csrfToken);
  const store = createBoardStore({ client, liveEvents: new LiveEventsClient({ url: 'ws://localhost/api/events' }), scheduleFrame: (apply) => setTimeout(apply, 0) });
  board = store;
  render(
    <SessionStoreProvider store={opened.session}>
      <BoardStoreProvider store={store}>
        <main>
          <SupervisorBoard rowActions={rowActions} />
        </main>
      </BoardStoreProvider>
    </SessionStoreProvider>,
  );
  await waitFor(() => expect(store.getState().status).toBe('ready'));
  await waitFor(() => expect(store.getState().connection).toBe('open'));
  return store;
}

function rowOf(extension: string): HTMLElement {
  const row = screen.getAllByTestId('board-agent-row').find((candidate) => candidate.dataset.extension === extension);
  if (!row) throw new Error(`no row for ${extension}`);
  return row;
}

describe('the supervisor board', () => {
  it('shows my group’s agents and queues, and follows their states and calls live', async () => {
    await showBoard('sv1');
    expect(screen.getAllByTestId('board-agent-row').map((row) => row.dataset.extension).sort()).toEqual(['1001', '1002', '1003']);
    expect(screen.getByTestId('board-agent-count').textContent).toBe('3 / 3 名を表示');
    expect(screen.getAllByTestId('board-queue-row').map((row) => row.dataset.number)).toEqual(['2001', '2002', '2009']);

    act(() => setAgentState(demoAccount('1001'), 'available', null));
    await waitFor(() => expect(within(rowOf('1001')).getByTestId('board-agent-state').textContent).toBe('受付可'));

    const at = new Date(mockDatabase.now()).toISOString();
    act(() => {
      setAgentState(demoAccount('1001'), 'on-call', null);
      mockDatabase.publish({
        type: 'call',
        at,
        sipCallId: 'board-live@pbx',
        agentId: demoAccount('1001').id,
        groupId: demoGroupIds.tokyo,
        phase: 'answered',
        direction: 'inbound',
        remoteNumber: '+81312345678',
        queue: '2001',
      });
    });
    await waitFor(() => expect(within(rowOf('1001')).getByTestId('board-agent-state').textContent).toBe('通話中'));
    const row = within(rowOf('1001'));
    expect(row.getByTestId('board-call-number').textContent).toBe('03-1234-5678');
    expect(row.getByTestId('board-call-direction').textContent).toBe('着信');
    expect(row.getByTestId('board-call-queue').textContent).toBe('東京窓口 (2001)');
    expect(row.getByTestId('board-call-duration').textContent).toMatch(/^0:0\d$/);

    act(() => mockQueues.setStats('2001', { waiting: 2, oldestWaitingSince: new Date(mockDatabase.now() - 65_000).toISOString(), answeredToday: 8, abandonedToday: 2, answerRate: 0.8 }));
    const queueRow = () => within(screen.getAllByTestId('board-queue-row').find((candidate) => candidate.dataset.number === '2001') as HTMLElement);
    await waitFor(() => expect(queueRow().getByTestId('board-queue-waiting').textContent).toBe('2'));
    expect(queueRow().getByTestId('board-queue-longest-wait').textContent).toMatch(/^1:0\d$/);
    expect(queueRow().getByTestId('board-queue-answer-rate').textContent).toBe('80%');
  });

  it('flags the call’s recording live: 録音中, 一時停止中, and no flag once it ends; without accessibility violations', async () => {
    await showBoard('sv1');
    const agent = demoAccount('1002');
    const at = () => new Date(mockDatabase.now()).toISOString();
    const recording = (status: 'recording' | 'paused' | 'ended') =>
      mockDatabase.publish({ type: 'recording', at: at(), sipCallId: 'board-rec@pbx', recordingId: '00000000-0000-4000-8000-0000000000f3', agentId: agent.id, groupId: demoGroupIds.tokyo, status });
    const call = (phase: 'answered' | 'ended') =>
      mockDatabase.publish({ type: 'call', at: at(), sipCallId: 'board-rec@pbx', agentId: agent.id, groupId: demoGroupIds.tokyo, phase, direction: 'outbound', remoteNumber: '+81312345678' });
    act(() => {
      setAgentState(agent, 'on-call', null);
      call('answered');
      recording('recording');
    });
    await waitFor(() => expect(within(rowOf('1002')).getByTestId('board-recording-flag').dataset.status).toBe('recording'));
    expect(within(rowOf('1002')).getByTestId('board-recording-flag').textContent).toBe('録音中');
    expect(within(rowOf('1001')).queryByTestId('board-recording-flag')).toBeNull();

    act(() => recording('paused'));
    await waitFor(() => expect(within(rowOf('1002')).getByTestId('board-recording-flag').textContent).toBe('一時停止中'));
    expect(within(rowOf('1002')).getByTestId('board-recording-flag').dataset.status).toBe('paused');
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);

    useLocaleStore.getState().setLocale('en');
    await waitFor(() => expect(within(rowOf('1002')).getByTestId('board-recording-flag').textContent).toBe('Paused'));

    act(() => {
      recording('ended');
      call('ended');
    });
    await waitFor(() => expect(within(rowOf('1002')).queryByTestId('board-recording-flag')).toBeNull());
  });

  it('gives each agent row the actions the app composes in (e.g. monitoring), keyboard-reachable', async () => {
    const chosen: string[] = [];
    await showBoard('sv1', (agent) => (
      <button type="button" onClick={() => chosen.push(agent.sipUser ?? '')}>
        {`listen to ${agent.sipUser ?? ''}`}
      </button>
    ));
    expect(screen.getByRole('columnheader', { name: '操作' })).toBeTruthy();
    within(rowOf('1002')).getByRole('button', { name: 'listen to 1002' }).focus();
    await userEvent.setup().keyboard('{Enter}');
    expect(chosen).toEqual(['1002']);
  });

  it('filters by name or extension and by state', async () => {
    await showBoard('sv1');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('board-search'), '鈴木');
    expect(screen.getAllByTestId('board-agent-row').map((row) => row.dataset.extension)).toEqual(['1002']);
    await user.clear(screen.getByTestId('board-search'));
    await user.selectOptions(screen.getByTestId('board-filter-state'), 'available');
    expect(screen.queryAllByTestId('board-agent-row')).toEqual([]);
    expect(screen.getByText('条件に合うエージェントはいません')).toBeTruthy();
  });

  it('renders only the visible rows of 5000 agents, and follows the scroll', async () => {
    const many: AgentStatusDto[] = Array.from({ length: 5000 }, (_, index) => ({
      agentId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      agentName: String(10000 + index),
      displayName: `エージェント ${index}`,
      sipUser: String(10000 + index),
      groupIds: [demoGroupIds.tokyo],
      state: 'available',
      reason: null,
      since: new Date(mockDatabase.now() - index * 1000).toISOString(),
      currentCall: null,
    }));
    const list: AgentBoardList = { items: many, groups: [{ id: demoGroupIds.tokyo, name: '東京第一グループ' }], reasons: [] };
    server.use(http.get('/api/agents', () => HttpResponse.json(list)));
    const store = await showBoard('sv1');
    store.getState().setSort('extension');
    await waitFor(() => expect(screen.getAllByTestId('board-agent-row')[0]?.dataset.extension).toBe('10000'));
    const rendered = screen.getAllByTestId('board-agent-row');
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(60);
    expect(within(screen.getByTestId('board-agent-list')).getByRole('table').getAttribute('aria-rowcount')).toBe('5001');
    expect(screen.getByTestId('board-agent-count').textContent).toBe('5000 / 5000 名を表示');

    const viewport = screen.getByTestId('board-agent-list');
    viewport.scrollTop = 44 * 3000;
    fireEvent.scroll(viewport);
    await waitFor(() => expect(screen.getAllByTestId('board-agent-row').some((row) => row.dataset.extension === '13000')).toBe(true));
    expect(screen.queryAllByTestId('board-agent-row').some((row) => row.dataset.extension === '10000')).toBe(false);
    expect(screen.getAllByTestId('board-agent-row').length).toBeLessThan(60);
  });

  it('changes a queue’s hours only after a confirmation, by keyboard', async () => {
    await showBoard('sv1');
    const user = userEvent.setup();
    const select = screen.getAllByTestId('board-queue-override')[0] as HTMLSelectElement;
    await user.selectOptions(select, 'closed');
    const confirm = await screen.findByTestId('board-override-confirm');
    expect(confirm.textContent).toContain('東京窓口 (2001) の受付時間を「臨時に受付を止める」に変更しますか');
    expect(mockQueues.list(demoAccount('sv1')).find((queue) => queue.number === '2001')?.hoursOverride).toBe('schedule');
    expect(document.activeElement).toBe(screen.getByTestId('board-override-apply'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByTestId('board-override-confirm')).toBeNull());
    expect(mockQueues.list(demoAccount('sv1')).find((queue) => queue.number === '2001')?.hoursOverride).toBe('closed');
    const row = screen.getAllByTestId('board-queue-row')[0] as HTMLElement;
    expect(within(row).getByTestId('board-queue-open').textContent).toBe('受付時間外');
  });

  it('shows an administrator every group, in English too, and has no accessibility violations', async () => {
    useLocaleStore.getState().setLocale('en');
    await showBoard('admin');
    expect(screen.getAllByTestId('board-agent-row')).toHaveLength(6);
    expect(screen.getByTestId('board-filter-group')).toBeTruthy();
    expect(screen.getByText('Supervisor board')).toBeTruthy();
    expect(screen.getByTestId('board-connection').textContent).toBe('Live');
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);
  });

  it('says why when the board cannot load, and loads again on request', async () => {
    server.use(http.get('/api/agents', () => HttpResponse.error(), { once: true }));
    const opened = openDeskTab(new FakeSipNetwork(), memoryStorage());
    tab = opened;
    await opened.session.getState().signIn('sv1', demoAccount('sv1').password);
    const client = new ApiClient({ reportUnexpected: () => undefined, timeoutMs: 2000 });
    const session = await new AuthApi(client).session();
    if (!session.ok) throw new Error('no session');
    client.setCsrfToken(session.value.csrfToken);
    board = createBoardStore({ client, liveEvents: new LiveEventsClient({ url: 'ws://localhost/api/events' }), scheduleFrame: (apply) => setTimeout(apply, 0) });
    render(
      <SessionStoreProvider store={opened.session}>
        <BoardStoreProvider store={board}>
          <SupervisorBoard />
        </BoardStoreProvider>
      </SessionStoreProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('CTIサービスに接続できません');
    await userEvent.setup().click(screen.getByRole('button', { name: '再読み込み' }));
    await vi.waitFor(() => expect(screen.getAllByTestId('board-agent-row')).toHaveLength(3));
  });
});
