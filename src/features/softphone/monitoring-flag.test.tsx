import { render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { useLocaleStore } from '../../i18n/locale-store';
import { createMonitoringFlagStore } from '../../stores/monitoring-flag-store';
import { MonitoringFlagStoreProvider } from '../../stores/monitoring-flag-store-context';
import { demoAccount } from '../../testing/msw/demo-directory';
import { installMockService } from '../../testing/msw/install-mock-service';
import { mockMonitoring } from '../../testing/msw/monitoring-handlers';
import { signedInClient } from '../../testing/msw/signed-in-client';
import { MonitoringFlag } from './monitoring-flag';

installMockService();

const callId = 'b16b00b5@pbx.tsunagu.test';

async function renderFlag(): Promise<void> {
  const { client } = await signedInClient('1001');
  render(
    <MonitoringFlagStoreProvider store={createMonitoringFlagStore({ client, intervalMs: 20 })}>
      <MonitoringFlag sipCallId={callId} />
    </MonitoringFlagStoreProvider>,
  );
}

beforeEach(() => {
  useLocaleStore.setState({ locale: 'ja' });
});

describe('the call panel’s monitoring flag', () => {
  it('shows モニタリング中, then 割り込み中 when the supervisor barges in, then nothing once they leave; no axe violations', async () => {
    mockMonitoring.visibleToAgents = true;
    const listen = mockMonitoring.start(demoAccount('1001').id, callId, 'listen');
    await renderFlag();
    await waitFor(() => expect(screen.getByTestId('monitoring-flag').textContent).toBe('モニタリング中'));
    expect(screen.getByRole('status', { name: '通話監視' })).toBe(screen.getByTestId('monitoring-flag'));
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);

    mockMonitoring.stop(listen);
    const barge = mockMonitoring.start(demoAccount('1001').id, callId, 'barge');
    await waitFor(() => expect(screen.getByTestId('monitoring-flag').textContent).toBe('割り込み中'));
    mockMonitoring.stop(barge);
    await waitFor(() => expect(screen.queryByTestId('monitoring-flag')).toBeNull());
  });

  it('shows ささやき中 in English as “Supervisor whispering”', async () => {
    useLocaleStore.setState({ locale: 'en' });
    mockMonitoring.visibleToAgents = true;
    mockMonitoring.start(demoAccount('1001').id, callId, 'whisper');
    await renderFlag();
    await waitFor(() => expect(screen.getByTestId('monitoring-flag').textContent).toBe('Supervisor whispering'));
  });

  it('shows nothing where the policy does not tell agents, even while a supervisor listens', async () => {
    mockMonitoring.start(demoAccount('1001').id, callId, 'listen');
    await renderFlag();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByTestId('monitoring-flag')).toBeNull();
  });
});
