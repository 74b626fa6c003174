import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../api/api-client';
import type { MonitoringMode } from '../../contract/monitoring';
import { useLocaleStore } from '../../i18n/locale-store';
import type { BoardAgent } from '../../stores/board-store';
import { createMonitoringStore } from '../../stores/monitoring-store';
import { MonitoringStoreProvider } from '../../stores/monitoring-store-context';
import { installMockService } from '../../testing/msw/install-mock-service';
import { server } from '../../testing/msw/server';
import { MonitoringControls } from './monitoring-controls';

installMockService();

const agentId = '11111111-1111-4111-8111-111111111111';

function agent(talking: boolean): BoardAgent {
  return {
    agentId,
    agentName: '1001',
    displayName: '佐藤 花子',
    sipUser: '1001',
    groupIds: [],
    state: talking ? 'on-call' : 'available',
    reason: null,
    since: 0,
    calls: talking ? [{ sipCallId: 'call-1@pbx', direction: 'inbound', remoteNumber: '+81312345678', queue: '2001', phase: 'answered', startedAt: 0, answeredAt: 1 }] : [],
  };
}

function sessionBody(mode: MonitoringMode) {
  return { id: '22222222-2222-4222-8222-222222222222', agentId, agentName: '佐藤 花子', supervisorId: agentId, supervisorName: '田中', sipCallId: 'call-1@pbx', mode, startedAt: '2026-11-23T10:00:00+09:00' };
}

function renderControls(talking = true, checkIntervalMs?: number) {
  const closed: boolean[] = [];
  const store = createMonitoringStore({
    client: new ApiClient(),
    ...(checkIntervalMs === undefined ? {} : { checkIntervalMs }),
    leg: () => ({
      offer: () => Promise.resolve('v=0\r\nm=audio 9 RTP/AVP 0\r\n'),
      accept: () => Promise.resolve(),
      onLost: () => undefined,
      close: () => closed.push(true),
    }),
  });
  const view = render(
    <MonitoringStoreProvider store={store}>
      <MonitoringControls agent={agent(talking)} />
    </MonitoringStoreProvider>,
  );
  const rerender = (talkingNow: boolean) =>
    view.rerender(
      <MonitoringStoreProvider store={store}>
        <MonitoringControls agent={agent(talkingNow)} />
      </MonitoringStoreProvider>,
    );
  return { store, closed, rerender };
}

beforeEach(() => {
  useLocaleStore.setState({ locale: 'ja' });
  server.use(
    http.post('/api/monitoring/sessions', () => HttpResponse.json({ session: sessionBody('listen'), sdp: 'v=0\r\n' }, { status: 201 })),
    http.patch('/api/monitoring/sessions/:id', async ({ request }) => HttpResponse.json(sessionBody(((await request.json()) as { mode: MonitoringMode }).mode))),
    http.delete('/api/monitoring/sessions/:id', () => new HttpResponse(null, { status: 204 })),
  );
});

describe('MonitoringControls', () => {
  it('offers モニタリング for a talking agent, then the three modes as toggles and 監視終了, by keyboard', async () => {
    const { closed } = renderControls();
    const user = userEvent.setup();
    screen.getByRole('button', { name: '佐藤 花子 さんの通話をモニタリング' }).focus();
    await user.keyboard('{Enter}');

    const group = await screen.findByRole('group', { name: '佐藤 花子 さんの通話の監視' });
    await waitFor(() => expect(within(group).getByRole('button', { name: 'モニタリング' }).getAttribute('aria-pressed')).toBe('true'));
    await user.click(within(group).getByRole('button', { name: 'ささやき' }));
    await waitFor(() => expect(within(group).getByRole('button', { name: 'ささやき' }).getAttribute('aria-pressed')).toBe('true'));
    expect(within(group).getByRole('button', { name: 'モニタリング' }).getAttribute('aria-pressed')).toBe('false');

    await user.click(within(group).getByRole('button', { name: '監視終了' }));
    await screen.findByRole('button', { name: '佐藤 花子 さんの通話をモニタリング' });
    expect(closed).toEqual([true]);
  });

  it('shows nothing for an agent who is not talking', () => {
    renderControls(false);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says why in the row when the service refuses, in English too', async () => {
    useLocaleStore.setState({ locale: 'en' });
    server.use(http.post('/api/monitoring/sessions', () => HttpResponse.json({ error: { code: 'media-unavailable', message: 'x' } }, { status: 503 })));
    renderControls();
    await userEvent.setup().click(screen.getByRole('button', { name: "Listen to 佐藤 花子's call" }));
    expect((await screen.findByRole('alert')).textContent).toBe('The media server is not available. Try again shortly.');
  });

  it('says in the row that monitoring ended because the service restarted, and starts again by keyboard', async () => {
    let restarted = false;
    server.use(
      http.get('/api/monitoring/sessions/:id', () =>
        HttpResponse.json({ ...sessionBody('whisper'), endedAt: restarted ? '2026-11-23T10:05:00+09:00' : null, endReason: restarted ? 'service-restart' : null }),
      ),
    );
    const { closed, store } = renderControls(true, 10);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '佐藤 花子 さんの通話をモニタリング' }));
    await screen.findByRole('group', { name: '佐藤 花子 さんの通話の監視' });

    // The CTI service restarts: the next check finds the session ended as service-restart.
    restarted = true;
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('CTIサービスが再起動したため、監視が終了しました。通話は元どおり続いています。');
    expect(notice.getAttribute('data-reason')).toBe('service-restart');
    expect(closed).toEqual([true]);
    expect(screen.queryByRole('group', { name: '佐藤 花子 さんの通話の監視' })).toBeNull();
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations).toEqual([]);

    restarted = false;
    screen.getByRole('button', { name: '佐藤 花子 さんの通話をもう一度モニタリング' }).focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('group', { name: '佐藤 花子 さんの通話の監視' });
    expect(screen.queryByRole('status')).toBeNull();
    await store.getState().stop();
  });

  it('in English; once the call is over the notice stays without a start button until dismissed', async () => {
    useLocaleStore.setState({ locale: 'en' });
    server.use(http.get('/api/monitoring/sessions/:id', () => HttpResponse.json({ ...sessionBody('barge'), endedAt: '2026-11-23T10:05:00+09:00', endReason: 'service-restart' })));
    const { store, rerender } = renderControls(true, 3_600_000);
    await userEvent.setup().click(screen.getByRole('button', { name: "Listen to 佐藤 花子's call" }));
    await screen.findByRole('group', { name: "Monitoring 佐藤 花子's call" });
    await store.getState().check();

    expect((await screen.findByRole('status')).textContent).toContain('Monitoring ended because the CTI service restarted. The call goes on as before.');
    expect(screen.getByRole('button', { name: "Listen to 佐藤 花子's call again" }).textContent).toBe('Monitor again');
    rerender(false);
    expect(screen.queryByRole('button', { name: "Listen to 佐藤 花子's call again" })).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Dismiss the notice' }));
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
  });
});
