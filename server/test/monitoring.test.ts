import { afterEach, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../../src/contract/errors';
import { liveEventSchema, type LiveEvent } from '../../src/contract/events';
import { monitoringSessionListSchema, monitoringStartedSchema } from '../../src/contract/monitoring';
import type { Actor } from '../src/domain/identity/actor';
import { LocalMonitoringMedia } from './local-monitoring-media';
import { createTestApp, type TestApp, type TestClient } from './test-app';

/** A supervisor's audio leg offer (plain RTP). */
const offer = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 9 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', 'a=sendrecv', ''].join('\r\n');

let testApp: TestApp | undefined;
afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

async function fileCall(agent: TestClient, sipCallId: string, phases: readonly ('offered' | 'answered' | 'ended')[]): Promise<void> {
  for (const phase of phases) {
    const response = await agent.put(`/api/call-records/by-call-id/${encodeURIComponent(sipCallId)}/events`, { phase, at: new Date().toISOString(), direction: 'inbound', remoteNumber: '0312345678' });
    expect(response.statusCode, response.body).toBeLessThan(300);
  }
}

async function setUp(media = new LocalMonitoringMedia()) {
  testApp = await createTestApp({ monitoringMedia: media });
  const [sv1, sv2, admin, agent] = await Promise.all([testApp.login('sv1'), testApp.login('sv2'), testApp.login('admin'), testApp.login('1001')]);
  return { app: testApp, media, sv1, sv2, admin, agent, agentId: testApp.seed.userIds['1001'] ?? '' };
}

function errorOf(body: unknown) {
  return errorResponseSchema.parse(body).error;
}

describe('monitoring sessions: who may, on which calls', () => {
  it('starts on the call the agent is talking on, shows it to the group’s supervisors and administrators only, audits it', async () => {
    const { app, sv1, sv2, admin, agent, agentId } = await setUp();
    await fileCall(agent, 'mon-rules-1@pbx', ['offered', 'answered']);

    const response = await sv1.post('/api/monitoring/sessions', { agentId, mode: 'listen', sdp: offer });
    expect(response.statusCode, response.body).toBe(201);
    const { session, sdp } = monitoringStartedSchema.parse(response.json());
    expect(session).toMatchObject({ agentId, sipCallId: 'mon-rules-1@pbx', mode: 'listen', supervisorName: expect.any(String) as string });
    expect(sdp).toMatch(/^m=audio \d+ RTP\/AVP 0/m);

    const listed = async (client: TestClient) => monitoringSessionListSchema.parse((await client.get('/api/monitoring/sessions')).json()).items.map((item) => item.id);
    expect(await listed(sv1)).toEqual([session.id]);
    expect(await listed(admin)).toEqual([session.id]);
    expect(await listed(sv2)).toEqual([]);
    // The tenant's policy does not tell agents (A8: per policy; off by default).
    expect(await listed(agent)).toEqual([]);

    expect((await sv2.patch(`/api/monitoring/sessions/${session.id}`, { mode: 'barge' })).statusCode).toBe(404);
    expect((await admin.patch(`/api/monitoring/sessions/${session.id}`, { mode: 'barge' })).statusCode).toBe(403);
    expect((await agent.delete(`/api/monitoring/sessions/${session.id}`)).statusCode).toBe(403);

    const [created] = await app.services.audit.search({ tenantId: app.seed.tenantId, resourceType: 'monitoring-session', resourceId: session.id, limit: 5 });
    expect(created).toMatchObject({ action: 'create', actorName: 'sv1', detail: { agentId, sipCallId: 'mon-rules-1@pbx', mode: 'listen' } });
  });

  it('refuses a group-B supervisor (404), an agent (403), a call not answered yet (409) and an SDP that is no audio offer (400)', async () => {
    const { sv1, sv2, agent, agentId } = await setUp();
    await fileCall(agent, 'mon-rules-2@pbx', ['offered']);

    expect((await sv2.post('/api/monitoring/sessions', { agentId, mode: 'listen', sdp: offer })).statusCode).toBe(404);
    expect((await sv2.post('/api/monitoring/sessions', { sipCallId: 'mon-rules-2@pbx', mode: 'listen', sdp: offer })).statusCode).toBe(404);
    expect((await agent.post('/api/monitoring/sessions', { agentId, mode: 'listen', sdp: offer })).statusCode).toBe(403);

    const ringing = await sv1.post('/api/monitoring/sessions', { agentId, mode: 'listen', sdp: offer });
    expect(ringing.statusCode).toBe(409);
    expect(errorOf(ringing.json()).message).toContain('not talking on a call');

    await fileCall(agent, 'mon-rules-2@pbx', ['answered']);
    const noAudio = await sv1.post('/api/monitoring/sessions', { agentId, mode: 'listen', sdp: 'v=0\r\ns=-\r\n' });
    expect(noAudio.statusCode).toBe(400);
    expect(errorOf(noAudio.json()).fields).toEqual([{ path: 'body.sdp', message: expect.stringContaining('no audio') as string }]);

    const nobody = await sv1.post('/api/monitoring/sessions', { mode: 'listen', sdp: offer });
    expect(nobody.statusCode).toBe(400);
  });

  it('switches modes (audited from → to), lets only one supervisor speak in a call, and ends with the call', async () => {
    const { app, media, sv1, admin, agent, agentId } = await setUp();
    await fileCall(agent, 'mon-rules-3@pbx', ['offered', 'answered']);
    const first = monitoringStartedSchema.parse((await sv1.post('/api/monitoring/sessions', { agentId, mode: 'listen', sdp: offer })).json()).session;

    const whisper = await sv1.patch(`/api/monitoring/sessions/${first.id}`, { mode: 'whisper' });
    expect(whisper.statusCode).toBe(200);
    expect(media.sessions.get(first.id)?.mode).toBe('whisper');
    const second = await admin.post('/api/monitoring/sessions', { agentId, mode: 'barge', sdp: offer });
    expect(second.statusCode).toBe(409);
    expect((await admin.post('/api/monitoring/sessions', { agentId, mode: 'listen', sdp: offer })).statusCode).toBe(201);
    expect((await sv1.post('/api/monitoring/sessions', { agentId, mode: 'listen', sdp: offer })).statusCode).toBe(409);

    media.endedCalls.add('mon-rules-3@pbx');
    await expect(app.services.monitoring.sweep()).resolves.toBe(2);
    expect(monitoringSessionListSchema.parse((await admin.get('/api/monitoring/sessions')).json()).items).toEqual([]);
    expect(media.sessions.size).toBe(0);

    const trail = await app.services.audit.search({ tenantId: app.seed.tenantId, resourceType: 'monitoring-session', resourceId: first.id, limit: 5 });
    expect(trail.map((entry) => [entry.action, entry.actorName, entry.detail?.reason ?? entry.detail?.to ?? entry.detail?.mode]).reverse()).toEqual([
      ['create', 'sv1', 'listen'],
      ['update', 'sv1', 'whisper'],
      ['delete', null, 'call-ended'],
    ]);
  });

  it('tells the agent where the policy says so (TSUNAGU_MONITORING_VISIBLE_TO_AGENTS): their own calls’ sessions only', async () => {
    testApp = await createTestApp({ monitoringMedia: new LocalMonitoringMedia(), env: { TSUNAGU_MONITORING_VISIBLE_TO_AGENTS: '1' } });
    const [sv1, agent, other] = await Promise.all([testApp.login('sv1'), testApp.login('1001'), testApp.login('1002')]);
    await fileCall(agent, 'mon-rules-4@pbx', ['offered', 'answered']);
    const started = await sv1.post('/api/monitoring/sessions', { agentId: testApp.seed.userIds['1001'], mode: 'listen', sdp: offer });
    const { session } = monitoringStartedSchema.parse(started.json());
    const listed = async (client: TestClient) => monitoringSessionListSchema.parse((await client.get('/api/monitoring/sessions')).json()).items;
    expect(await listed(agent)).toEqual([expect.objectContaining({ id: session.id, mode: 'listen', supervisorName: session.supervisorName }) as unknown]);
    expect(await listed(other)).toEqual([]);
  });
});

describe('monitoring live event', () => {
  /** Subscribes as a seeded user and collects the `monitoring` events that reach them. */
  function listenAs(app: TestApp, username: string, role: Actor['role'], group: 'a' | 'b'): LiveEvent[] {
    const actor: Actor = { userId: app.seed.userIds[username] ?? '', tenantId: app.seed.tenantId, username, displayName: username, role, groupIds: [app.seed.groupIds[group]], sipUser: null };
    const received: LiveEvent[] = [];
    app.services.liveEvents.subscribe(actor, (event) => {
      if (event.type === 'monitoring') received.push(event);
    });
    return received;
  }

  it('goes to the group’s supervisors on start, mode change and end; never to another group’s; not to the agent by default', async () => {
    const { app, sv1, agent, agentId } = await setUp();
    const [own, otherGroup, agentSees] = [listenAs(app, 'sv1', 'supervisor', 'a'), listenAs(app, 'sv2', 'supervisor', 'b'), listenAs(app, '1001', 'agent', 'a')];
    await fileCall(agent, 'mon-event-1@pbx', ['offered', 'answered']);
    const { session } = monitoringStartedSchema.parse((await sv1.post('/api/monitoring/sessions', { agentId, mode: 'listen', sdp: offer })).json());
    expect((await sv1.patch(`/api/monitoring/sessions/${session.id}`, { mode: 'whisper' })).statusCode).toBe(200);
    expect((await sv1.delete(`/api/monitoring/sessions/${session.id}`)).statusCode).toBe(204);

    expect(own.map((event) => (event.type === 'monitoring' ? [event.sessionId, event.agentId, event.sipCallId, event.mode, event.ended] : []))).toEqual([
      [session.id, agentId, 'mon-event-1@pbx', 'listen', false],
      [session.id, agentId, 'mon-event-1@pbx', 'whisper', false],
      [session.id, agentId, 'mon-event-1@pbx', 'whisper', true],
    ]);
    expect(own.every((event) => liveEventSchema.safeParse(event).success && !('tenantId' in event) && !('hiddenFromAgent' in event))).toBe(true);
    expect(otherGroup).toEqual([]);
    expect(agentSees).toEqual([]);
  });

  it('reaches the agent of the call (and no other agent) when TSUNAGU_MONITORING_VISIBLE_TO_AGENTS is on', async () => {
    testApp = await createTestApp({ monitoringMedia: new LocalMonitoringMedia(), env: { TSUNAGU_MONITORING_VISIBLE_TO_AGENTS: '1' } });
    const [sv1, agent] = await Promise.all([testApp.login('sv1'), testApp.login('1001')]);
    const [agentSees, colleague, otherGroup] = [listenAs(testApp, '1001', 'agent', 'a'), listenAs(testApp, '1002', 'agent', 'a'), listenAs(testApp, 'sv2', 'supervisor', 'b')];
    await fileCall(agent, 'mon-event-2@pbx', ['offered', 'answered']);
    const { session } = monitoringStartedSchema.parse((await sv1.post('/api/monitoring/sessions', { agentId: testApp.seed.userIds['1001'], mode: 'barge', sdp: offer })).json());
    expect((await sv1.delete(`/api/monitoring/sessions/${session.id}`)).statusCode).toBe(204);
    expect(agentSees.map((event) => (event.type === 'monitoring' ? [event.sessionId, event.mode, event.ended] : []))).toEqual([
      [session.id, 'barge', false],
      [session.id, 'barge', true],
    ]);
    expect(colleague).toEqual([]);
    expect(otherGroup).toEqual([]);
  });
});
