import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../api/api-client';
import { AuthApi } from '../../api/auth-api';
import { LiveEventsClient } from '../../api/live-events-client';
import type { RecordingDetail, RecordingListItem } from '../../contract/recordings';
import { useLocaleStore } from '../../i18n/locale-store';
import { createBoardStore } from '../../stores/board-store';
import { BoardStoreProvider } from '../../stores/board-store-context';
import { createRecordingsStore } from '../../stores/recordings-store';
import { RecordingsStoreProvider } from '../../stores/recordings-store-context';
import { SessionStoreProvider } from '../../stores/session-store-context';
import { memoryStorage, openDeskTab, type DeskTab } from '../../testing/desk-tab';
import { demoCallCategories } from '../../testing/msw/demo-call-codes';
import { demoAccount, demoGroupIds } from '../../testing/msw/demo-directory';
import { installMockService } from '../../testing/msw/install-mock-service';
import { mockDatabase } from '../../testing/msw/mock-database';
import { mockQueues } from '../../testing/msw/queue-mock';
import { mockRecordings } from '../../testing/msw/recording-handlers';
import { FakeSipNetwork } from '../../testing/sip/fake-sip-network';
import { RecordingsPanel } from './recordings-view';

installMockService();

const agent = demoAccount('1001');

function recording(id: string, startedAt: string, customerNumber: string, overrides: Partial<RecordingListItem & Pick<RecordingDetail, 'peaks'>> = {}): RecordingListItem & Pick<RecordingDetail, 'peaks'> {
  return {
    id,
    sipCallId: `${id.slice(0, 8)}@pbx.tsunagu.test`,
    groupId: demoGroupIds.tokyo,
    agentId: agent.id,
    queueId: null,
    direction: 'inbound',
    customerNumber,
    status: 'complete',
    pauseAllowed: true,
    startedAt,
    endedAt: new Date(Date.parse(startedAt) + 60_000).toISOString(),
    durationMs: 60_000,
    pauses: [{ startMs: 20_000, endMs: 30_000, by: agent.id }],
    sha256: 'ab'.repeat(32),
    retainUntil: '2027-05-22T01:00:00.000Z',
    retentionExtendedDays: 0,
    retentionEndedAt: null,
    agentName: agent.displayName,
    agentExtension: '1001',
    queueNumber: '2001',
    categoryId: null,
    callRecordId: null,
    peaks: { customer: Array.from({ length: 600 }, (_, index) => (index >= 200 && index < 300 ? 0 : 0.5)), agent: Array.from({ length: 600 }, () => 0.2) },
    ...overrides,
  };
}

const first = '11111111-1111-4111-8111-111111111111';
const second = '22222222-2222-4222-8222-222222222222';

let tab: DeskTab | undefined;

afterEach(async () => {
  await tab?.session.getState().signOut();
  tab = undefined;
});

/** `username` (a supervisor or administrator) signed in, with the recordings open as the app composes them below the board. */
async function showRecordings(username = 'sv1'): Promise<void> {
  const opened = openDeskTab(new FakeSipNetwork(), memoryStorage());
  tab = opened;
  await opened.session.getState().signIn(username, demoAccount(username).password);
  const client = new ApiClient({ reportUnexpected: () => undefined, timeoutMs: 2000 });
  const session = await new AuthApi(client).session();
  if (!session.ok) throw new Error('no session');
  client.setCsrfToken(session.value.csrfToken);
  const board = createBoardStore({ client, liveEvents: new LiveEventsClient({ url: 'ws://localhost/api/events' }) });
  await board.getState().reload();
  render(
    <SessionStoreProvider store={opened.session}>
      <BoardStoreProvider store={board}>
        <RecordingsStoreProvider store={createRecordingsStore({ client })}>
          <main>
            <RecordingsPanel />
          </main>
        </RecordingsStoreProvider>
      </BoardStoreProvider>
    </SessionStoreProvider>,
  );
  await userEvent.click(screen.getByTestId('recordings-tab'));
}

async function expectNoAxeViolations(): Promise<void> {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);
}

beforeEach(() => {
  useLocaleStore.setState({ locale: 'ja' });
  mockRecordings.add(recording(first, '2026-11-20T01:00:00.000Z', '0312345678'));
  mockRecordings.add(recording(second, '2026-11-22T05:30:00.000Z', '0698765432', { categoryId: demoCallCategories[0]?.id ?? null }));
});

describe('the supervisor’s recordings', () => {
  it('lists the recordings newest first in Japan time and finds them by number and date', async () => {
    await showRecordings();
    await waitFor(() => expect(screen.getAllByTestId('recording-row')).toHaveLength(2));
    const rows = screen.getAllByTestId('recording-row');
    expect(rows.map((row) => row.getAttribute('data-recording-id'))).toEqual([second, first]);
    // 05:30 UTC is 14:30 in Tokyo.
    expect(rows[0]?.textContent).toContain('2026/11/22 14:30');
    await expectNoAxeViolations();

    await userEvent.type(screen.getByLabelText('電話番号'), '0312');
    await userEvent.click(screen.getByTestId('recordings-search'));
    await waitFor(() => expect(screen.getAllByTestId('recording-row').map((row) => row.getAttribute('data-recording-id'))).toEqual([first]));

    await userEvent.clear(screen.getByLabelText('電話番号'));
    fireEvent.change(screen.getByLabelText('開始日'), { target: { value: '2026-11-21' } });
    await userEvent.click(screen.getByTestId('recordings-search'));
    await waitFor(() => expect(screen.getAllByTestId('recording-row').map((row) => row.getAttribute('data-recording-id'))).toEqual([second]));
  });

  it('finds them by inquiry category, and names the category in the list', async () => {
    const category = demoCallCategories[0];
    if (category === undefined) throw new Error('no demo category');
    await showRecordings();
    await waitFor(() => expect(screen.getAllByTestId('recording-row')).toHaveLength(2));
    await waitFor(() => expect(within(screen.getByLabelText('問い合わせ分類')).getAllByRole('option').length).toBeGreaterThan(1));
    await userEvent.selectOptions(screen.getByLabelText('問い合わせ分類'), category.id);
    await userEvent.click(screen.getByTestId('recordings-search'));
    await waitFor(() => expect(screen.getAllByTestId('recording-row').map((row) => row.getAttribute('data-recording-id'))).toEqual([second]));
    expect(screen.getAllByTestId('recording-row')[0]?.textContent).toContain(category.nameJa);
  });

  it('plays a recording: audio from the service, waveform with the pause, keyboard seek ±5 s, download', async () => {
    await showRecordings();
    await waitFor(() => expect(screen.getAllByTestId('recording-row')).toHaveLength(2));
    await userEvent.click(within(screen.getAllByTestId('recording-row')[1] as HTMLElement).getByTestId('recording-open'));
    const player = await screen.findByTestId('recording-player');
    expect(player.getAttribute('data-recording-id')).toBe(first);
    expect(screen.getByTestId<HTMLAudioElement>('recording-audio').getAttribute('src')).toBe(`/api/recordings/${first}/audio`);
    expect(screen.getByTestId('recording-download').getAttribute('href')).toBe(`/api/recordings/${first}/audio?download=1`);
    expect(screen.getAllByTestId('recording-waveform-pause')).toHaveLength(1);
    expect(screen.getByTestId('recording-pauses').textContent).toContain('0:20–0:30');

    const waveform = screen.getByRole('slider', { name: /波形/ });
    expect(waveform.getAttribute('aria-valuemax')).toBe('60');
    waveform.focus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(waveform.getAttribute('aria-valuenow')).toBe('10');
    expect(screen.getByTestId<HTMLAudioElement>('recording-audio').currentTime).toBe(10);
    await userEvent.keyboard('{ArrowLeft}');
    expect(waveform.getAttribute('aria-valuenow')).toBe('5');
    await userEvent.keyboard('{End}');
    expect(screen.getByTestId('recording-position').textContent).toBe('1:00 / 1:00');
    await expectNoAxeViolations();
  }, 60_000);

  it('extends the retention by 180 days after a confirmation, audited', async () => {
    await showRecordings();
    await waitFor(() => expect(screen.getAllByTestId('recording-row')).toHaveLength(2));
    await userEvent.click(within(screen.getAllByTestId('recording-row')[0] as HTMLElement).getByTestId('recording-open'));
    const retention = await screen.findByTestId('recording-retention');
    expect(retention.textContent).toBe('保存期限: 2027/05/22');

    await userEvent.click(screen.getByTestId('recording-extend'));
    await userEvent.click(screen.getByTestId('recording-extend-cancel'));
    expect(mockDatabase.audit.filter((entry) => entry.resourceType === 'recording')).toEqual([]);

    await userEvent.click(screen.getByTestId('recording-extend'));
    await userEvent.click(screen.getByTestId('recording-extend-confirm'));
    await waitFor(() => expect(screen.getByTestId('recording-retention').textContent).toBe('保存期限: 2027/11/18'));
    expect(screen.getByText('保存期限を延長しました。')).toBeTruthy();
    expect(mockDatabase.audit.filter((entry) => entry.resourceType === 'recording').map((entry) => entry.resourceId)).toEqual([second]);
  });

  it('an administrator ends a recording’s retention from the keyboard, giving a reason; the detail then shows 削除待ち', async () => {
    await showRecordings('admin');
    await waitFor(() => expect(screen.getAllByTestId('recording-row')).toHaveLength(2));
    await userEvent.click(within(screen.getAllByTestId('recording-row')[0] as HTMLElement).getByTestId('recording-open'));
    expect((await screen.findByTestId('recording-retention')).textContent).toBe('保存期限: 2027/05/22');
    const end = screen.getByRole('button', { name: '保存期間を終了…' });

    // Escape closes the dialog and gives the focus back.
    end.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: '録音の保存期間を終了' });
    expect(dialog.textContent).toContain('次回の保存期間チェックで削除され');
    expect(document.activeElement).toBe(within(dialog).getByLabelText('理由 (必須、500文字以内)'));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: '保存期間を終了…' })));

    await userEvent.keyboard('{Enter}');
    const reopened = await screen.findByRole('dialog', { name: '録音の保存期間を終了' });
    await expectNoAxeViolations();
    // No reason: nothing is sent.
    await userEvent.click(within(reopened).getByRole('button', { name: '保存期間を終了する' }));
    expect(within(reopened).getByRole('alert').textContent).toBe('理由を入力してください。');
    expect(mockDatabase.audit.filter((entry) => entry.resourceType === 'recording')).toEqual([]);

    await userEvent.keyboard('お客様からの消去請求');
    expect(within(reopened).getByText('10 / 500文字')).toBeTruthy();
    await userEvent.tab();
    await userEvent.tab();
    expect(document.activeElement).toBe(within(reopened).getByRole('button', { name: '保存期間を終了する' }));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('recording-pending-deletion').textContent).toBe('削除待ち');
    expect(screen.getByText('保存期間を終了しました。次回の保存期間チェックで削除されます。')).toBeTruthy();
    expect(screen.queryByTestId('recording-extend'), 'no extension for an erased recording').toBeNull();
    expect(screen.queryByRole('button', { name: '保存期間を終了…' })).toBeNull();
    expect(within(screen.getAllByTestId('recording-row')[0] as HTMLElement).getByTestId('recording-status').textContent).toBe('削除待ち');
    expect(mockDatabase.audit.filter((entry) => entry.resourceType === 'recording').map((entry) => [entry.resourceId, entry.detail])).toEqual([[second, { change: 'retention-ended', reason: 'お客様からの消去請求' }]]);
    await expectNoAxeViolations();
  }, 60_000);

  it('supervisors keep recordings longer but cannot end their retention', async () => {
    await showRecordings('sv1');
    await waitFor(() => expect(screen.getAllByTestId('recording-row')).toHaveLength(2));
    await userEvent.click(within(screen.getAllByTestId('recording-row')[0] as HTMLElement).getByTestId('recording-open'));
    await screen.findByTestId('recording-player');
    expect(screen.getByTestId('recording-extend')).toBeTruthy();
    expect(screen.queryByTestId('recording-end-retention')).toBeNull();
  });

  it('a recording waiting for deletion (削除待ち) turns into 削除済み in the open player once the retention job has run', async () => {
    // Only the player's asking is on a clock the test moves; everything else runs in real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      mockRecordings.add(recording(first, '2026-11-20T01:00:00.000Z', '0312345678', { retentionEndedAt: '2026-11-23T00:00:00.000Z', retainUntil: '2026-11-23T00:00:00.000Z' }));
      await showRecordings('admin');
      await waitFor(() => expect(screen.getAllByTestId('recording-row')).toHaveLength(2));
      await userEvent.click(within(screen.getAllByTestId('recording-row')[1] as HTMLElement).getByTestId('recording-open'));
      expect((await screen.findByTestId('recording-pending-deletion')).textContent).toBe('削除待ち');
      expect(screen.getByTestId('recording-audio')).toBeTruthy();

      // Not yet deleted: asking changes nothing.
      await vi.advanceTimersByTimeAsync(5_000);
      expect(screen.getByTestId('recording-pending-deletion')).toBeTruthy();

      expect(mockRecordings.deleteExpired()).toBe(1);
      await vi.advanceTimersByTimeAsync(5_000);
      await waitFor(() => expect(screen.getByTestId('recording-deleted').textContent).toBe('この録音は保存期間の終了により削除されました。再生もダウンロードもできません。'));
      expect(screen.queryByTestId('recording-audio'), 'nothing left to play').toBeNull();
      expect(screen.queryByTestId('recording-download')).toBeNull();
      expect(screen.queryByTestId('recording-pending-deletion')).toBeNull();
      expect(screen.queryByTestId('recording-extend')).toBeNull();
      expect(within(screen.getAllByTestId('recording-row')[1] as HTMLElement).getByTestId('recording-status').textContent).toBe('削除済み');
    } finally {
      vi.useRealTimers();
    }
  }, 60_000);

  it('searched by a queue, 「このキューの録音をすべて180日延長」 keeps that queue’s recordings 180 days longer after a confirmation', async () => {
    const tokyoDesk = mockQueues.list(demoAccount('admin')).find((queue) => queue.number === '2001');
    if (tokyoDesk === undefined) throw new Error('no demo queue 2001');
    mockRecordings.add(recording(first, '2026-11-20T01:00:00.000Z', '0312345678', { queueId: tokyoDesk.id }));
    await showRecordings('sv1');
    await waitFor(() => expect(screen.getAllByTestId('recording-row')).toHaveLength(2));
    expect(screen.queryByTestId('recordings-queue-extend'), 'not without a queue').toBeNull();
    await waitFor(() => expect(within(screen.getByLabelText('キュー')).getAllByRole('option').map((option) => option.textContent)).toContain('東京窓口 (2001)'));
    await userEvent.selectOptions(screen.getByLabelText('キュー'), tokyoDesk.id);
    await userEvent.click(screen.getByTestId('recordings-search'));
    await waitFor(() => expect(screen.getAllByTestId('recording-row').map((row) => row.getAttribute('data-recording-id'))).toEqual([first]));

    await userEvent.click(screen.getByRole('button', { name: 'このキューの録音をすべて180日延長' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('東京窓口 (2001) の保存中の録音をすべて180日延長しますか?');
    await userEvent.click(screen.getByRole('button', { name: 'キャンセル' }));
    expect(mockDatabase.audit.filter((entry) => entry.resourceType === 'queue')).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'このキューの録音をすべて180日延長' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'すべて延長する' }));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('recordings-queue-extended').textContent).toBe('1件の録音を180日延長しました。'));
    expect(mockRecordings.library().find((candidate) => candidate.id === first)?.retainUntil).toBe('2027-11-18T01:00:00.000Z');
    expect(mockRecordings.library().find((candidate) => candidate.id === second)?.retainUntil, 'another queue’s stays').toBe('2027-05-22T01:00:00.000Z');
    expect(mockDatabase.audit.filter((entry) => entry.resourceType === 'queue').map((entry) => entry.detail)).toEqual([{ change: 'recordings-retention-extended', queueNumber: '2001', days: 180, extended: 1 }]);
    await expectNoAxeViolations();
  }, 60_000);

  it('speaks English', async () => {
    useLocaleStore.setState({ locale: 'en' });
    await showRecordings();
    await waitFor(() => expect(screen.getAllByTestId('recording-row')).toHaveLength(2));
    expect(screen.getByRole('heading', { name: 'Search recordings' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Recordings' })).toBeTruthy();
    expect(screen.getByLabelText('Queue')).toBeTruthy();
  });
});
