import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { useLocaleStore } from '../../i18n/locale-store';
import { createRecordingStore, type RecordingStore } from '../../stores/recording-store';
import { RecordingStoreProvider } from '../../stores/recording-store-context';
import { installMockService } from '../../testing/msw/install-mock-service';
import { mockRecordings } from '../../testing/msw/recording-handlers';
import { signedInClient } from '../../testing/msw/signed-in-client';
import { RecordingFlag } from './recording-flag';

installMockService();

const callId = 'c0ffee01@pbx.tsunagu.test';

async function renderFlag(): Promise<RecordingStore> {
  const { client } = await signedInClient('1001');
  const store = createRecordingStore({ client });
  render(
    <RecordingStoreProvider store={store}>
      <RecordingFlag sipCallId={callId} />
    </RecordingStoreProvider>,
  );
  return store;
}

async function expectNoAxeViolations(): Promise<void> {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);
}

beforeEach(() => {
  useLocaleStore.setState({ locale: 'ja' });
});

describe('the call panel’s recording flag', () => {
  it('shows 録音中, pauses with the keyboard (一時停止中, aria-pressed) and resumes', async () => {
    await renderFlag();
    const flag = screen.getByTestId('recording-flag');
    await waitFor(() => expect(flag.textContent).toContain('録音中'));
    expect(flag.getAttribute('data-status')).toBe('recording');
    const button = screen.getByTestId('recording-pause');
    expect(screen.getByRole('button', { name: '録音を一時停止' })).toBe(button);
    expect(button.getAttribute('aria-pressed')).toBe('false');
    await expectNoAxeViolations();

    button.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(flag.textContent).toContain('一時停止中'));
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: '録音を再開' })).toBe(button);
    expect(mockRecordings.of(callId)?.pauses).toHaveLength(1);

    await userEvent.keyboard(' ');
    await waitFor(() => expect(flag.textContent).toContain('録音中'));
    expect(mockRecordings.of(callId)?.pauses[0]?.endMs).toEqual(expect.any(Number));
  });

  it('shows 録音なし and no pause button for a call that is not recorded', async () => {
    mockRecordings.setPolicy(callId, 'none');
    await renderFlag();
    await waitFor(() => expect(screen.getByTestId('recording-flag').textContent).toContain('録音なし'));
    expect(screen.queryByTestId('recording-pause')).toBeNull();
  });

  it('offers no pause where the queue forbids it (English)', async () => {
    useLocaleStore.setState({ locale: 'en' });
    mockRecordings.setPolicy(callId, 'no-pause');
    await renderFlag();
    await waitFor(() => expect(screen.getByTestId('recording-flag').getAttribute('data-status')).toBe('recording'));
    expect(screen.getByTestId('recording-flag').textContent).toBe('● Recording');
    expect(screen.queryByTestId('recording-pause')).toBeNull();
  });

  it('says why a pause failed', async () => {
    const store = await renderFlag();
    await waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('recording-pause').disabled).toBe(false));
    mockRecordings.of(callId)?.pauses.push({ startMs: 0, endMs: null, by: 'other-tab' });
    await userEvent.click(screen.getByTestId('recording-pause'));
    expect((await screen.findByRole('alert')).textContent).toContain('録音の状態が変わりました');
    expect(store.getState().flags[callId]?.error).toBe('conflict');
  });
});
