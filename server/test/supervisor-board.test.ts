import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { agentBoardListSchema, type LiveEvent } from '../../src/contract/events';
import { queuesSeed } from '../src/seed/queues-seed';
import { LocalRecordingMedia } from './local-recording-media';
import { createTestApp, type TestApp, type TestClient } from './test-app';

let testApp: TestApp | undefined;

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

function secondsAgo(seconds: number): string {
  return new Date(Date.now() - seconds * 1000).toISOString();
}

/** The agent's softphone files a call event of an inbound queue call. */
async function fileEvent(agent: TestClient, sipCallId: string, phase: 'offered' | 'answered' | 'ended', at: string): Promise<void> {
  const response = await agent.put(`/api/call-records/by-call-id/${encodeURIComponent(sipCallId)}/events`, {
    phase,
    at,
    direction: 'inbound',
    remoteNumber: '0312345678',
    queue: '2001',
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
}

async function board(client: TestClient) {
  const response = await client.get('/api/agents');
  expect(response.statusCode).toBe(200);
  return agentBoardListSchema.parse(response.json());
}

describe('supervisor board: GET /api/agents', () => {
  it("shows my groups' agents with the call they are on, the groups' and reasons' names", async () => {
    testApp = await createTestApp();
    const [sv1, agent] = await Promise.all([testApp.login('sv1'), testApp.login('1001')]);
    await fileEvent(agent, 'board-call-1@pbx', 'offered', secondsAgo(20));
    await fileEvent(agent, 'board-call-1@pbx', 'answered', secondsAgo(15));

    const tokyo = await board(sv1);
    expect(tokyo.items.map((item) => item.agentName)).toEqual(['1001', '1002', '1003']);
    const sato = tokyo.items.find((item) => item.agentName === '1001');
    expect(sato?.currentCall).toMatchObject({ sipCallId: 'board-call-1@pbx', direction: 'inbound', remoteNumber: '+81312345678', queue: '2001', phase: 'answered' });
    expect(Date.parse(sato?.currentCall?.answeredAt ?? '')).toBeGreaterThan(Date.parse(sato?.currentCall?.startedAt ?? ''));
    expect(tokyo.items.find((item) => item.agentName === '1002')?.currentCall).toBeNull();
    expect(tokyo.groups?.map((group) => group.name)).toEqual([expect.stringContaining('東京')]);
    expect(tokyo.reasons?.length).toBeGreaterThan(0);
    expect(tokyo.reasons?.every((reason) => reason.nameJa.length > 0 && reason.nameEn.length > 0)).toBe(true);

    await fileEvent(agent, 'board-call-1@pbx', 'ended', secondsAgo(1));
    expect((await board(sv1)).items.find((item) => item.agentName === '1001')?.currentCall).toBeNull();
  });

  it("keeps a supervisor of group B from seeing group A's agents and calls; an administrator sees both", async () => {
    testApp = await createTestApp();
    const [sv2, admin, agentA, agentB] = await Promise.all(['sv2', 'admin', '1001', '1004'].map((name) => (testApp as TestApp).login(name)));
    if (!sv2 || !admin || !agentA || !agentB) throw new Error('logins failed');
    await fileEvent(agentA, 'tokyo-secret@pbx', 'offered', secondsAgo(5));

    const osaka = await board(sv2);
    expect(osaka.items.map((item) => item.agentName)).toEqual(['1004', '1005', '1006']);
    expect(JSON.stringify(osaka)).not.toContain('tokyo-secret@pbx');
    expect(osaka.groups?.map((group) => group.name)).toEqual([expect.stringContaining('大阪')]);

    const everyone = await board(admin);
    expect(everyone.items.map((item) => item.agentName)).toEqual(['1001', '1002', '1003', '1004', '1005', '1006']);
    expect(everyone.items.find((item) => item.agentName === '1001')?.currentCall?.sipCallId).toBe('tokyo-secret@pbx');
    expect(everyone.groups).toHaveLength(2);

    expect((await agentB.get('/api/agents')).statusCode).toBe(403);
    expect((await testApp.anonymous().get('/api/agents')).statusCode).toBe(401);
  });

  it('carries the recording status of the call an agent is on, so a board opened mid-call flags 録音中 / 一時停止中 at once', async () => {
    const pbxToken = 'pbx-token-for-board-tests-0123456789abcdef';
    testApp = await createTestApp({ env: { TSUNAGU_PBX_TOKEN: pbxToken }, moduleSeeds: [queuesSeed()], recordingMedia: new LocalRecordingMedia() });
    const [sv1, agent] = await Promise.all([testApp.login('sv1'), testApp.login('1001')]);
    const recordingOf = async () => (await board(sv1)).items.find((item) => item.agentName === '1001')?.currentCall?.recording;
    await fileEvent(agent, 'recorded@pbx', 'offered', secondsAgo(10));
    await fileEvent(agent, 'recorded@pbx', 'answered', secondsAgo(8));
    expect(await recordingOf(), 'answered, not recorded (yet)').toBeNull();

    // Kamailio's trigger on the 2xx of the INVITE, as in the recording tests.
    const started = await testApp.app.inject({
      method: 'POST',
      url: `/api/pbx/recordings/start?${new URLSearchParams({ call: 'recorded@pbx', from: 'cust-tag', to: 'agent-tag', caller: '0312345678', callee: '2001', queue: '2001', agent: '1001' }).toString()}`,
      headers: { authorization: `Bearer ${pbxToken}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'start',
    });
    expect(started.json<{ recording: boolean }>().recording).toBe(true);
    expect(await recordingOf()).toBe('recording');
    expect((await agent.post('/api/call-records/by-call-id/recorded@pbx/recording/pause')).statusCode).toBe(200);
    expect(await recordingOf()).toBe('paused');
    expect((await agent.post('/api/call-records/by-call-id/recorded@pbx/recording/resume')).statusCode).toBe(200);
    expect(await recordingOf()).toBe('recording');
    const stopped = await testApp.app.inject({ method: 'POST', url: '/api/pbx/recordings/stop?call=recorded@pbx', headers: { authorization: `Bearer ${pbxToken}` } });
    expect(stopped.statusCode).toBe(200);
    // The recording is complete while the agent's record still says answered: no flag.
    expect(await recordingOf()).toBeNull();
  });

  it("names the call's queue on the `call` live event, for the group's supervisor only", async () => {
    testApp = await createTestApp();
    await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `ws://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}/api/events`;
    const [sv1, sv2, agent] = await Promise.all(['sv1', 'sv2', '1001'].map((name) => (testApp as TestApp).login(name)));
    if (!sv1 || !sv2 || !agent) throw new Error('logins failed');
    const listen = async (client: TestClient) => {
      const events: LiveEvent[] = [];
      const socket = new WebSocket(base, { headers: { cookie: client.cookie } });
      socket.on('message', (data: Buffer) => events.push(JSON.parse(data.toString()) as LiveEvent));
      await new Promise((resolve) => socket.once('open', resolve));
      return { events, socket };
    };
    const [tokyo, osaka] = await Promise.all([listen(sv1), listen(sv2)]);
    await fileEvent(agent, 'queue-event@pbx', 'offered', secondsAgo(2));
    const started = Date.now();
    while (!tokyo.events.some((event) => event.type === 'call') && Date.now() - started < 3000) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tokyo.events.find((event) => event.type === 'call')).toMatchObject({ sipCallId: 'queue-event@pbx', queue: '2001', remoteNumber: '+81312345678', phase: 'offered' });
    expect(osaka.events.filter((event) => event.type === 'call')).toEqual([]);
    tokyo.socket.close();
    osaka.socket.close();
  });
});
