import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api/api-client';
import type { MonitoringEndReason, MonitoringMode, MonitoringSessionDto } from '../contract/monitoring';
import { server } from '../testing/msw/server';
import { installMockService } from '../testing/msw/install-mock-service';
import type { MonitoringLeg } from '../telephony/monitoring-leg';
import { createMonitoringStore } from './monitoring-store';

installMockService();

const agentId = '11111111-1111-4111-8111-111111111111';
const sessionId = '22222222-2222-4222-8222-222222222222';

/** A leg that records what the store did with it. */
class RecordingLeg implements MonitoringLeg {
  accepted: string | undefined;
  closed = false;
  #lost: (() => void) | undefined;

  constructor(private readonly microphone = true) {}

  offer(): Promise<string> {
    return this.microphone ? Promise.resolve('v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n') : Promise.reject(new DOMException('denied', 'NotAllowedError'));
  }

  accept(answerSdp: string): Promise<void> {
    this.accepted = answerSdp;
    return Promise.resolve();
  }

  onLost(listener: () => void): void {
    this.#lost = listener;
  }

  /** The ICE connection to rtpengine is lost (rtpengine took the leg out of the call). */
  lose(): void {
    this.#lost?.();
  }

  close(): void {
    this.closed = true;
  }
}

function session(mode: MonitoringMode): MonitoringSessionDto {
  return { id: sessionId, agentId, agentName: '佐藤 花子', supervisorId: agentId, supervisorName: '田中 監督', sipCallId: 'call-1@pbx', mode, startedAt: '2026-11-23T10:00:00+09:00' };
}

/** The service's monitoring endpoints as the tests need them; returns the requests seen. */
function monitoringService(options: { startStatus?: number; changeRefusal?: string } = {}): { requests: { method: string; body: unknown }[] } {
  const requests: { method: string; body: unknown }[] = [];
  server.use(
    http.post('/api/monitoring/sessions', async ({ request }) => {
      requests.push({ method: 'POST', body: await request.json() });
      if (options.startStatus !== undefined) return HttpResponse.json({ error: { code: 'conflict', message: 'not talking' } }, { status: options.startStatus });
      return HttpResponse.json({ session: session('listen'), sdp: 'v=0\r\nanswer\r\n' }, { status: 201 });
    }),
    http.patch('/api/monitoring/sessions/:id', async ({ request }) => {
      const body = (await request.json()) as { mode: MonitoringMode };
      requests.push({ method: 'PATCH', body });
      if (options.changeRefusal !== undefined) return HttpResponse.json({ error: { code: 'conflict', message: options.changeRefusal } }, { status: 409 });
      return HttpResponse.json(session(body.mode));
    }),
    http.delete('/api/monitoring/sessions/:id', () => {
      requests.push({ method: 'DELETE', body: null });
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return { requests };
}

describe('the monitoring store', () => {
  it('starts with the leg’s offer, plays the answer, switches modes and ends, closing the leg', async () => {
    const { requests } = monitoringService();
    const leg = new RecordingLeg();
    const store = createMonitoringStore({ client: new ApiClient(), leg: () => leg });

    await store.getState().start(agentId);
    expect(requests[0]).toEqual({ method: 'POST', body: { agentId, mode: 'listen', sdp: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n' } });
    expect(leg.accepted).toBe('v=0\r\nanswer\r\n');
    expect(store.getState()).toMatchObject({ status: 'active', session: { sessionId, agentId, mode: 'listen' } });

    await store.getState().setMode('whisper');
    expect(requests[1]).toEqual({ method: 'PATCH', body: { mode: 'whisper' } });
    expect(store.getState().session?.mode).toBe('whisper');

    await store.getState().stop();
    expect(requests[2]?.method).toBe('DELETE');
    expect(leg.closed).toBe(true);
    expect(store.getState()).toMatchObject({ status: 'idle', session: undefined });
  });

  it('asks the service nothing without a microphone', async () => {
    const { requests } = monitoringService();
    const store = createMonitoringStore({ client: new ApiClient(), leg: () => new RecordingLeg(false) });
    await store.getState().start(agentId);
    expect(requests).toEqual([]);
    expect(store.getState()).toMatchObject({ status: 'idle', agentId, error: { kind: 'microphone' } });
  });

  it('a refused start closes the leg and says why (409: not talking, 503: media unavailable)', async () => {
    for (const [status, kind] of [
      [409, 'conflict'],
      [503, 'unavailable'],
    ] as const) {
      monitoringService({ startStatus: status });
      const leg = new RecordingLeg();
      const store = createMonitoringStore({ client: new ApiClient(), leg: () => leg });
      await store.getState().start(agentId);
      expect(leg.closed).toBe(true);
      expect(store.getState()).toMatchObject({ status: 'idle', session: undefined, error: { kind } });
    }
  });

  it('a call that ended while switching ends the monitoring; another supervisor speaking keeps it', async () => {
    monitoringService({ changeRefusal: 'the call has ended' });
    const leg = new RecordingLeg();
    const store = createMonitoringStore({ client: new ApiClient(), leg: () => leg });
    await store.getState().start(agentId);
    await store.getState().setMode('barge');
    expect(leg.closed).toBe(true);
    expect(store.getState()).toMatchObject({ status: 'idle', session: undefined, error: { kind: 'conflict' } });

    monitoringService({ changeRefusal: '田中 監督 is already speaking in that call (whisper)' });
    const second = new RecordingLeg();
    const kept = createMonitoringStore({ client: new ApiClient(), leg: () => second });
    await kept.getState().start(agentId);
    await kept.getState().setMode('barge');
    expect(second.closed).toBe(false);
    expect(kept.getState()).toMatchObject({ status: 'active', session: { mode: 'listen' }, error: { kind: 'conflict' } });
  });

  describe('a session that ends without the board (the CTI service restarted)', () => {
    /** GET /api/monitoring/sessions/:id answers `answers` in turn (a status, or the session's end), then the last one again. */
    function sessionStatus(...answers: readonly (number | MonitoringEndReason | null)[]): { asked: () => number } {
      let asked = 0;
      server.use(
        http.get('/api/monitoring/sessions/:id', () => {
          const answer = answers[Math.min(asked, answers.length - 1)] ?? null;
          asked += 1;
          if (typeof answer === 'number') return HttpResponse.json({ error: { code: 'internal', message: 'x' } }, { status: answer });
          return HttpResponse.json({ ...session('whisper'), endedAt: answer === null ? null : '2026-11-23T10:05:00+09:00', endReason: answer });
        }),
      );
      return { asked: () => asked };
    }

    it('learns it from its periodic check: the leg closes and the board says the service restarted; starting again works', async () => {
      monitoringService();
      const { asked } = sessionStatus(null, 'service-restart');
      const leg = new RecordingLeg();
      const store = createMonitoringStore({ client: new ApiClient(), leg: () => leg, checkIntervalMs: 10 });
      await store.getState().start(agentId);

      await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
      expect(asked()).toBeGreaterThanOrEqual(2);
      expect(leg.closed).toBe(true);
      expect(store.getState()).toMatchObject({ session: undefined, agentId, error: undefined, ended: { agentId, sessionId, reason: 'service-restart' } });

      sessionStatus(null);
      await store.getState().start(agentId);
      expect(store.getState()).toMatchObject({ status: 'active', ended: undefined });
      await store.getState().stop();
    });

    it('keeps asking while the service is down (no answer, 502) and learns once it is back', async () => {
      monitoringService();
      server.use(http.get('/api/monitoring/sessions/:id', () => HttpResponse.error()));
      const leg = new RecordingLeg();
      const store = createMonitoringStore({ client: new ApiClient(), leg: () => leg, checkIntervalMs: 10 });
      await store.getState().start(agentId);
      await store.getState().check();
      expect(store.getState().status).toBe('active');

      const { asked } = sessionStatus(502, 502, 'service-restart');
      await vi.waitFor(() => expect(store.getState().ended?.reason).toBe('service-restart'));
      expect(asked()).toBeGreaterThanOrEqual(3);
      expect(leg.closed).toBe(true);
    });

    it('asks at once when the leg’s connection is lost', async () => {
      monitoringService();
      sessionStatus('service-restart');
      const leg = new RecordingLeg();
      const store = createMonitoringStore({ client: new ApiClient(), leg: () => leg, checkIntervalMs: 3_600_000 });
      await store.getState().start(agentId);
      leg.lose();
      await vi.waitFor(() => expect(store.getState().ended).toEqual({ agentId, sessionId, reason: 'service-restart' }));
      expect(leg.closed).toBe(true);
    });

    it('asks why when a switch finds the session unknown (404), and tells the call ended apart', async () => {
      monitoringService();
      server.use(http.patch('/api/monitoring/sessions/:id', () => HttpResponse.json({ error: { code: 'not-found', message: 'monitoring session not found' } }, { status: 404 })));
      sessionStatus('call-ended');
      const leg = new RecordingLeg();
      const store = createMonitoringStore({ client: new ApiClient(), leg: () => leg, checkIntervalMs: 3_600_000 });
      await store.getState().start(agentId);
      await store.getState().setMode('barge');
      expect(store.getState()).toMatchObject({ status: 'idle', session: undefined, ended: { reason: 'call-ended' } });
      expect(leg.closed).toBe(true);
      store.getState().dismiss();
      expect(store.getState().ended).toBeUndefined();
    });

    it('a session still running stays as it is', async () => {
      monitoringService();
      sessionStatus(null);
      const leg = new RecordingLeg();
      const store = createMonitoringStore({ client: new ApiClient(), leg: () => leg, checkIntervalMs: 3_600_000 });
      await store.getState().start(agentId);
      await store.getState().check();
      expect(store.getState()).toMatchObject({ status: 'active', ended: undefined });
      expect(leg.closed).toBe(false);
      await store.getState().stop();
    });
  });
});
