import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../../src/contract/errors';
import { monitoringSessionListSchema, monitoringStartedSchema, type MonitoringMode } from '../../src/contract/monitoring';
import { RtpengineMonitoringMedia } from '../../server/src/domain/monitoring/rtpengine-monitoring-media';
import type { NgClient } from '../../server/src/media/ng-client';
import { createTestApp, type TestApp, type TestClient } from '../../server/test/test-app';
import { pickFreePorts } from './ports';
import { Rtpengine } from './rtpengine';
import { audioPort, RtpTestEndpoint, steadyLevel, ulawFrameAt } from './rtp-test-endpoint';

/**
 * Listen, whisper and barge through the service's API over the real rtpengine 10.5 and the
 * service's mixer: UDP sockets stand for the customer (the gateway), the agent's phone and the
 * supervisor's audio leg. Each talks at a level of its own (μ-law of a constant), so a
 * listener's level tells whose voices reach it: the mixer sums them.
 */

const HOST = '127.0.0.1';
const CUSTOMER_LEVEL = 1000;
const AGENT_LEVEL = 2000;
const SUPERVISOR_LEVEL = 4000;

let runDir: string;
let rtpengine: Rtpengine;
let ng: NgClient;
let testApp: TestApp;
let sv1: TestClient;
let agent1001: TestClient;
let admin: TestClient;

beforeAll(async () => {
  runDir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-monitor-'));
  const [ngPort = 0] = await pickFreePorts(1);
  rtpengine = await Rtpengine.start({ runDir, ngPort, portMin: 39500, portMax: 39599 });
  ng = rtpengine.control;
  testApp = await createTestApp({ env: { TSUNAGU_RTPENGINE_NG: rtpengine.ngSocket }, monitoringMedia: new RtpengineMonitoringMedia(ng) });
  [sv1, agent1001, admin] = await Promise.all([testApp.login('sv1'), testApp.login('1001'), testApp.login('admin')]);
}, 60_000);

afterAll(async () => {
  await testApp.close();
  await rtpengine.stop();
  await rm(runDir, { recursive: true, force: true });
});

const opened: RtpTestEndpoint[] = [];
afterEach(async () => {
  // Sessions a test left running end, so the next test's supervisor may start one.
  for (const session of monitoringSessionListSchema.parse((await admin.get('/api/monitoring/sessions')).json()).items) {
    await (session.supervisorName === 'admin' || session.supervisorId === testApp.seed.userIds.admin ? admin : sv1).delete(`/api/monitoring/sessions/${session.id}`);
  }
  for (const party of opened.splice(0)) party.close();
});

async function party(): Promise<RtpTestEndpoint> {
  const opening = await RtpTestEndpoint.open(HOST);
  opened.push(opening);
  return opening;
}

/** A customer's call to agent 1001, answered: set up in rtpengine as Kamailio would, filed by the agent's softphone. */
async function answeredCall() {
  const callId = `${randomBytes(6).toString('hex')}@monitor.test`;
  const customer = await party();
  const agent = await party();
  const customerTag = `c${randomBytes(4).toString('hex')}`;
  const offer = await ng.offer({ callId, fromTag: customerTag, sdp: customer.sdp(), profile: 'plain' });
  const answer = await ng.answer({ callId, fromTag: customerTag, toTag: `a${randomBytes(4).toString('hex')}`, sdp: agent.sdp(), profile: 'plain' });
  for (const phase of ['offered', 'answered'] as const) {
    const filed = await agent1001.put(`/api/call-records/by-call-id/${encodeURIComponent(callId)}/events`, {
      phase,
      at: new Date().toISOString(),
      direction: 'inbound',
      remoteNumber: '0312345678',
      queue: '2001',
    });
    expect(filed.statusCode, filed.body).toBeLessThan(300);
  }
  const customerSendsTo = audioPort(answer.sdp);
  const agentSendsTo = audioPort(offer.sdp);
  return { callId, customer, agent, customerTag, customerSendsTo, agentSendsTo };
}

/** sv1 starts monitoring agent 1001's call with a plain RTP leg. */
async function monitor(mode: MonitoringMode = 'listen') {
  const supervisor = await party();
  const response = await sv1.post('/api/monitoring/sessions', { agentId: testApp.seed.userIds['1001'], mode, sdp: supervisor.sdp() });
  expect(response.statusCode, response.body).toBe(201);
  const started = monitoringStartedSchema.parse(response.json());
  return { supervisor, sessionId: started.session.id, supervisorSendsTo: audioPort(started.sdp), started };
}

/** Everyone talks for half a second; then what each heard, by level. */
async function conversation(call: Awaited<ReturnType<typeof answeredCall>>, leg: Awaited<ReturnType<typeof monitor>>) {
  for (const listener of [call.customer, call.agent, leg.supervisor]) listener.take();
  await Promise.all([
    call.customer.send(call.customerSendsTo, ulawFrameAt(CUSTOMER_LEVEL), { count: 25 }),
    call.agent.send(call.agentSendsTo, ulawFrameAt(AGENT_LEVEL), { count: 25 }),
    leg.supervisor.send(leg.supervisorSendsTo, ulawFrameAt(SUPERVISOR_LEVEL), { count: 25 }),
  ]);
  await sleep(150);
  return { customer: steadyLevel(call.customer.take()), agent: steadyLevel(call.agent.take()), supervisor: steadyLevel(leg.supervisor.take()) };
}

/**
 * Each listener heard about the level expected (within μ-law's quantisation), or nothing
 * where `undefined` is expected.
 */
function expectLevels(heard: Readonly<Record<string, number | undefined>>, expected: Readonly<Record<string, number | undefined>>): void {
  const near = (level: number | undefined, want: number | undefined): boolean =>
    want === undefined ? level === undefined : level !== undefined && Math.abs(level - want) <= want / 25 + 16;
  const wrong = Object.keys(expected).filter((listener) => !near(heard[listener], expected[listener]));
  expect(wrong, `heard ${JSON.stringify(heard)}, expected about ${JSON.stringify(expected)}`).toEqual([]);
}

describe('monitoring through the API over rtpengine and the service’s mixer', () => {
  it('listen → whisper → barge → listen → end: who hears whom at each step, audited', async () => {
    const call = await answeredCall();
    const leg = await monitor('listen');
    expect(leg.started.session).toMatchObject({ agentId: testApp.seed.userIds['1001'], sipCallId: call.callId, mode: 'listen' });

    // Listen: the supervisor hears customer + agent; neither party hears the supervisor.
    expectLevels(await conversation(call, leg), { supervisor: CUSTOMER_LEVEL + AGENT_LEVEL, agent: CUSTOMER_LEVEL, customer: AGENT_LEVEL });

    // Whisper: only the agent hears the supervisor (beside the customer).
    const whisper = await sv1.patch(`/api/monitoring/sessions/${leg.sessionId}`, { mode: 'whisper' });
    expect(whisper.statusCode, whisper.body).toBe(200);
    expectLevels(await conversation(call, leg), { supervisor: CUSTOMER_LEVEL + AGENT_LEVEL, agent: CUSTOMER_LEVEL + SUPERVISOR_LEVEL, customer: AGENT_LEVEL });

    // Barge: both parties hear the supervisor.
    expect((await sv1.patch(`/api/monitoring/sessions/${leg.sessionId}`, { mode: 'barge' })).statusCode).toBe(200);
    expectLevels(await conversation(call, leg), {
      supervisor: CUSTOMER_LEVEL + AGENT_LEVEL,
      agent: CUSTOMER_LEVEL + SUPERVISOR_LEVEL,
      customer: AGENT_LEVEL + SUPERVISOR_LEVEL,
    });

    // Back to listening: the parties hear only each other again.
    expect((await sv1.patch(`/api/monitoring/sessions/${leg.sessionId}`, { mode: 'listen' })).statusCode).toBe(200);
    expectLevels(await conversation(call, leg), { supervisor: CUSTOMER_LEVEL + AGENT_LEVEL, agent: CUSTOMER_LEVEL, customer: AGENT_LEVEL });

    // End: the call goes on, the supervisor's leg is gone.
    expect((await sv1.delete(`/api/monitoring/sessions/${leg.sessionId}`)).statusCode).toBe(204);
    expectLevels(await conversation(call, leg), { supervisor: undefined, agent: CUSTOMER_LEVEL, customer: AGENT_LEVEL });
    await expect(ng.listCalls()).resolves.toContain(call.callId);
    // The session's leg, its subscription and its publications have released their ports.
    const holding = (await ng.callTags(call.callId)).filter((party) => !party.released).map((party) => party.tag);
    expect(holding).toEqual([call.customerTag, expect.stringMatching(/^a/) as string]);

    const audited = await testApp.services.audit.search({ tenantId: testApp.seed.tenantId, resourceType: 'monitoring-session', resourceId: leg.sessionId, limit: 10 });
    expect(audited.map((entry) => [entry.action, entry.actorName, entry.detail?.mode ?? entry.detail?.to]).reverse()).toEqual([
      ['create', 'sv1', 'listen'],
      ['update', 'sv1', 'whisper'],
      ['update', 'sv1', 'barge'],
      ['update', 'sv1', 'listen'],
      ['delete', 'sv1', 'listen'],
    ]);
  });

  it('starting in whisper: the agent hears the supervisor from the first moment, the customer never', async () => {
    const call = await answeredCall();
    const leg = await monitor('whisper');
    expectLevels(await conversation(call, leg), { supervisor: CUSTOMER_LEVEL + AGENT_LEVEL, agent: CUSTOMER_LEVEL + SUPERVISOR_LEVEL, customer: AGENT_LEVEL });
  });

  it('a re-negotiation between the parties (hold) undoes whisper in rtpengine; the sweep puts it back', async () => {
    const call = await answeredCall();
    const leg = await monitor('whisper');
    const agentTag = (await ng.callTags(call.callId)).find((tag) => tag.tag.startsWith('a'))?.tag ?? '';
    // What Kamailio sends rtpengine for a re-INVITE from the agent.
    await ng.command({ command: 'offer', 'call-id': call.callId, 'from-tag': agentTag, 'to-tag': call.customerTag, sdp: call.agent.sdp(), replace: ['origin', 'session-connection'], ICE: 'remove' });
    await ng.command({ command: 'answer', 'call-id': call.callId, 'from-tag': agentTag, 'to-tag': call.customerTag, sdp: call.customer.sdp(), replace: ['origin', 'session-connection'], ICE: 'remove' });

    await expect(testApp.services.monitoring.sweep()).resolves.toBe(0);
    expectLevels(await conversation(call, leg), { supervisor: CUSTOMER_LEVEL + AGENT_LEVEL, agent: CUSTOMER_LEVEL + SUPERVISOR_LEVEL, customer: AGENT_LEVEL });
  });

  it('ends the session when the call ends (the sweep finds it gone), audited as call-ended', async () => {
    const call = await answeredCall();
    const leg = await monitor('listen');
    await ng.delete({ callId: call.callId, fromTag: call.customerTag });

    await expect(testApp.services.monitoring.sweep()).resolves.toBe(1);
    expect(monitoringSessionListSchema.parse((await sv1.get('/api/monitoring/sessions')).json()).items).toEqual([]);
    const [ended] = await testApp.services.audit.search({ tenantId: testApp.seed.tenantId, resourceType: 'monitoring-session', resourceId: leg.sessionId, action: 'delete', limit: 1 });
    expect(ended?.detail).toMatchObject({ reason: 'call-ended', sipCallId: call.callId });
    // rtpengine had kept the ended call only for the mixer: it is released now.
    await expect(ng.listCalls()).resolves.not.toContain(call.callId);
  });

  it('lets a second supervisor listen to a monitored call, but not speak in it while the first whispers; refuses a call that is not answered', async () => {
    const call = await answeredCall();
    const leg = await monitor('whisper');
    const other = await party();
    const second = await admin.post('/api/monitoring/sessions', { sipCallId: call.callId, mode: 'barge', sdp: other.sdp() });
    expect(second.statusCode).toBe(409);
    const refusal = errorResponseSchema.parse(second.json()).error;
    expect(refusal.code).toBe('conflict');
    expect(refusal.message).toContain('already speaking');

    const listening = await admin.post('/api/monitoring/sessions', { sipCallId: call.callId, mode: 'listen', sdp: other.sdp() });
    expect(listening.statusCode, listening.body).toBe(201);
    const adminSession = monitoringStartedSchema.parse(listening.json()).session.id;
    for (const listener of [call.customer, call.agent, leg.supervisor, other]) listener.take();
    await Promise.all([
      call.customer.send(call.customerSendsTo, ulawFrameAt(CUSTOMER_LEVEL), { count: 25 }),
      call.agent.send(call.agentSendsTo, ulawFrameAt(AGENT_LEVEL), { count: 25 }),
      leg.supervisor.send(leg.supervisorSendsTo, ulawFrameAt(SUPERVISOR_LEVEL), { count: 25 }),
    ]);
    await sleep(150);
    // The listening administrator hears the parties; the whisper reaches the agent only.
    expectLevels({ admin: steadyLevel(other.take()), agent: steadyLevel(call.agent.take()), customer: steadyLevel(call.customer.take()) }, {
      admin: CUSTOMER_LEVEL + AGENT_LEVEL,
      agent: CUSTOMER_LEVEL + SUPERVISOR_LEVEL,
      customer: AGENT_LEVEL,
    });
    expect((await admin.patch(`/api/monitoring/sessions/${adminSession}`, { mode: 'whisper' })).statusCode).toBe(409);

    const notTalking = await admin.post('/api/monitoring/sessions', { agentId: testApp.seed.userIds['1002'], mode: 'listen', sdp: leg.supervisor.sdp() });
    expect(notTalking.statusCode).toBe(409);
  });
});
