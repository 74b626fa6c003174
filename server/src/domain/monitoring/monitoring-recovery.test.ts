import { afterEach, describe, expect, it } from 'vitest';
import { monitoringSessionStatusSchema, monitoringStartedSchema } from '../../../../src/contract/monitoring';
import { LocalMonitoringMedia } from '../../../test/local-monitoring-media';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { buildApp } from '../../http/app';
import { createServices } from '../../services';
import { MonitoringMediaError, type LeftoverMonitoring, type MonitoringRestore } from './monitoring-media';

/** A supervisor's audio leg offer (plain RTP). */
const offer = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 9 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', 'a=sendrecv', ''].join('\r\n');

/** The restarted service's media: records what it was asked to put back; rtpengine fails for some calls. */
class RecoveringMedia extends LocalMonitoringMedia {
  readonly restored: string[] = [];

  constructor(private readonly failingCalls: Set<string> = new Set()) {
    super();
  }

  override async restore(leftover: LeftoverMonitoring): Promise<MonitoringRestore> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (this.failingCalls.has(leftover.sipCallId)) throw new MonitoringMediaError('relay-failed', 'media relay failed: no answer from 127.0.0.1:2223');
    this.restored.push(leftover.sessionId);
    return 'restored';
  }
}

let first: TestApp | undefined;
afterEach(async () => {
  await first?.close();
  first = undefined;
});

async function fileCall(agent: TestClient, sipCallId: string): Promise<void> {
  for (const phase of ['offered', 'answered'] as const) {
    const response = await agent.put(`/api/call-records/by-call-id/${encodeURIComponent(sipCallId)}/events`, { phase, at: new Date().toISOString(), direction: 'inbound', remoteNumber: '0312345678' });
    expect(response.statusCode, response.body).toBeLessThan(300);
  }
}

/** The first run: sv1 whispers to 1001, admin barges into 1002's call; then the process "dies" (its sessions stay open in the database). */
async function sessionsLeftOpen() {
  first = await createTestApp();
  const [sv1, admin, agent1, agent2] = await Promise.all([first.login('sv1'), first.login('admin'), first.login('1001'), first.login('1002')]);
  await fileCall(agent1, 'restart-a@pbx');
  await fileCall(agent2, 'restart-b@pbx');
  const started = async (client: TestClient, agent: string, mode: 'whisper' | 'barge') => {
    const response = await client.post('/api/monitoring/sessions', { agentId: first?.seed.userIds[agent], mode, sdp: offer });
    expect(response.statusCode, response.body).toBe(201);
    return monitoringStartedSchema.parse(response.json()).session.id;
  };
  return { app: first, sv1, a: await started(sv1, '1001', 'whisper'), b: await started(admin, '1002', 'barge') };
}

function restart(app: TestApp, media: RecoveringMedia) {
  return createServices(app.database, app.config, () => new Date(), { monitoringMedia: media });
}

describe('monitoring after a restart of the service', () => {
  it('puts back every session left open, even when rtpengine fails for one, which stays open for a later attempt', async () => {
    const { app, a, b } = await sessionsLeftOpen();
    const media = new RecoveringMedia(new Set(['restart-a@pbx']));
    const services = restart(app, media);

    const recovery = await services.monitoring.recover();
    expect(recovery.ended).toEqual([{ sessionId: b, sipCallId: 'restart-b@pbx', media: 'restored' }]);
    expect(recovery.failed).toEqual([{ sessionId: a, message: 'media relay failed: no answer from 127.0.0.1:2223' }]);

    // rtpengine answers again: the next sweep puts the other call back.
    const other = new RecoveringMedia();
    const retrying = restart(app, other);
    expect((await retrying.monitoring.recover()).ended.map((ended) => ended.sessionId)).toEqual([a]);
    await expect(services.monitoring.sweep()).resolves.toBe(0);

    const audited = await app.services.audit.search({ tenantId: app.seed.tenantId, resourceType: 'monitoring-session', action: 'delete', limit: 10 });
    expect(audited.filter((entry) => entry.detail?.reason === 'service-restart').map((entry) => [entry.resourceId, entry.actorId]).sort()).toEqual([[a, null], [b, null]].sort());
  });

  it('retries a session that failed at start-up on the next sweep', async () => {
    const { app, a, b } = await sessionsLeftOpen();
    const failing = new Set(['restart-a@pbx']);
    const media = new RecoveringMedia(failing);
    const services = restart(app, media);
    expect((await services.monitoring.recover()).failed.map((failed) => failed.sessionId)).toEqual([a]);
    failing.clear();
    await expect(services.monitoring.sweep()).resolves.toBe(1);
    expect(media.restored).toEqual([b, a]);
    await expect(services.monitoring.sweep()).resolves.toBe(0);
  });

  it('two instances starting at once put each call back once, with one audit entry each', async () => {
    const { app, a, b } = await sessionsLeftOpen();
    const [one, two] = [new RecoveringMedia(), new RecoveringMedia()];
    const [byOne, byTwo] = await Promise.all([restart(app, one).monitoring.recover(), restart(app, two).monitoring.recover()]);
    expect([...byOne.ended, ...byTwo.ended].map((ended) => ended.sessionId).sort()).toEqual([a, b].sort());
    expect([...one.restored, ...two.restored].sort()).toEqual([a, b].sort());
    const audited = await app.services.audit.search({ tenantId: app.seed.tenantId, resourceType: 'monitoring-session', action: 'delete', limit: 10 });
    expect(audited.filter((entry) => entry.detail?.reason === 'service-restart')).toHaveLength(2);
  });

  it('tells the supervisor’s browser that the session ended because the service restarted; nobody outside the agent’s groups', async () => {
    const { app, sv1, a } = await sessionsLeftOpen();
    const services = restart(app, new RecoveringMedia());
    const clock = () => new Date();
    const restarted = await buildApp({ ...services, config: app.config, database: app.database, clock });
    try {
      // Ready runs the start-up recovery.
      await restarted.ready();
      const status = await restarted.inject({ method: 'GET', url: `/api/monitoring/sessions/${a}`, headers: { cookie: sv1.cookie } });
      expect(status.statusCode, status.body).toBe(200);
      expect(monitoringSessionStatusSchema.parse(status.json())).toMatchObject({ id: a, mode: 'whisper', supervisorName: expect.any(String) as string, endReason: 'service-restart' });
      // The session is over: switching it is refused as unknown.
      const change = await restarted.inject({ method: 'PATCH', url: `/api/monitoring/sessions/${a}`, headers: { cookie: sv1.cookie, 'x-csrf-token': sv1.csrfToken }, payload: { mode: 'listen' } });
      expect(change.statusCode).toBe(404);

      const sv2 = await app.login('sv2');
      expect((await restarted.inject({ method: 'GET', url: `/api/monitoring/sessions/${a}`, headers: { cookie: sv2.cookie } })).statusCode).toBe(404);
    } finally {
      await restarted.close();
    }
  });
});
