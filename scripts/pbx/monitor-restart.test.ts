import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { monitoringSessionStatusSchema, monitoringStartedSchema, type MonitoringMode } from '../../src/contract/monitoring';
import { DbMonitoringSessionRepository } from '../../server/src/db/monitoring-session-repository';
import type { LeftoverMonitoring, MonitoringCheck, MonitoringMedia, MonitoringRestore, SupervisorLeg } from '../../server/src/domain/monitoring/monitoring-media';
import { RtpengineMonitoringMedia } from '../../server/src/domain/monitoring/rtpengine-monitoring-media';
import type { AgentSide, CallParties } from '../../server/src/domain/monitoring/call-parties';
import { MonitorMixer } from '../../server/src/media/monitor-mixer';
import type { NgClient } from '../../server/src/media/ng-client';
import { buildApp } from '../../server/src/http/app';
import { createServices } from '../../server/src/services';
import { createTestApp, type TestApp, type TestClient } from '../../server/test/test-app';
import { pickFreePorts } from './ports';
import { audioPort, RtpTestEndpoint, steadyLevel, ulawFrameAt } from './rtp-test-endpoint';
import { Rtpengine } from './rtpengine';

/**
 * A CTI service restart in the middle of whisper and barge, over the real rtpengine 10.5: the
 * first service's mixer dies with it (the parties' ears stay on the mixer's publications in
 * rtpengine, and hear nothing); a new service over the same database and the same rtpengine
 * puts the calls back at start-up. UDP sockets stand for the customer (the gateway), the
 * agent's phone and the supervisor's leg; each talks with a stream (SSRC) and a level of its
 * own, so a listener tells whose audio reaches it.
 */

const HOST = '127.0.0.1';
const CUSTOMER_LEVEL = 1000;
const AGENT_LEVEL = 2000;
const SUPERVISOR_LEVEL = 4000;

let runDir: string;
let rtpengine: Rtpengine;
let ng: NgClient;

beforeAll(async () => {
  runDir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-monitor-restart-'));
  const [ngPort = 0] = await pickFreePorts(1);
  rtpengine = await Rtpengine.start({ runDir, ngPort, portMin: 39960, portMax: 39999 });
  ng = rtpengine.control;
}, 60_000);

afterAll(async () => {
  await rtpengine.stop();
  await rm(runDir, { recursive: true, force: true });
});

/**
 * The first service's monitoring media, which dies as a killed process does: its mixers'
 * sockets close and nothing it would have done on the way out (putting the parties back)
 * happens; afterwards it does nothing at all.
 */
class MortalMonitoringMedia implements MonitoringMedia {
  readonly #mixers: MonitorMixer[] = [];
  readonly #media: RtpengineMonitoringMedia;
  #dead = false;

  constructor(relay: NgClient) {
    this.#media = new RtpengineMonitoringMedia(relay, {
      openMixer: async (options) => {
        const mixer = await MonitorMixer.open(options);
        this.#mixers.push(mixer);
        return mixer;
      },
    });
  }

  /** The process dies: its sockets close, nothing else happens. */
  die(): void {
    this.#dead = true;
    for (const mixer of this.#mixers) mixer.close();
  }

  partiesOf(sipCallId: string, agentSide: AgentSide): Promise<CallParties> {
    return this.#media.partiesOf(sipCallId, agentSide);
  }

  join(leg: SupervisorLeg): Promise<string> {
    return this.#media.join(leg);
  }

  apply(sessionId: string, mode: MonitoringMode): Promise<void> {
    return this.#media.apply(sessionId, mode);
  }

  check(sessionId: string): Promise<MonitoringCheck> {
    return this.#dead ? Promise.resolve('intact') : this.#media.check(sessionId);
  }

  leave(sessionId: string): Promise<void> {
    return this.#dead ? Promise.resolve() : this.#media.leave(sessionId);
  }

  restore(leftover: LeftoverMonitoring): Promise<MonitoringRestore> {
    return this.#media.restore(leftover);
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function endpoint(): Promise<RtpTestEndpoint> {
  const opened = await RtpTestEndpoint.open(HOST);
  cleanups.push(() => opened.close());
  return opened;
}

/** The first run of the service, with rtpengine and a mixer that can die. */
async function firstService(): Promise<{ app: TestApp; media: MortalMonitoringMedia; sv1: TestClient; agent: TestClient }> {
  const media = new MortalMonitoringMedia(ng);
  const app = await createTestApp({ env: { TSUNAGU_RTPENGINE_NG: rtpengine.ngSocket }, monitoringMedia: media });
  cleanups.push(() => app.close());
  const [sv1, agent] = await Promise.all([app.login('sv1'), app.login('1001')]);
  return { app, media, sv1, agent };
}

/**
 * The service starting again over the same database and rtpengine: new services (a new
 * MonitoringService with no mixer), a new app; the test runs the start-up recovery itself to
 * see what it did (the app's own start-up run then finds nothing left).
 */
async function restartedService(first: TestApp) {
  const clock = () => new Date();
  const services = createServices(first.database, first.config, clock, { monitoringMedia: new RtpengineMonitoringMedia(ng) });
  const app = await buildApp({ ...services, config: first.config, database: first.database, clock });
  cleanups.push(() => app.close());
  return { monitoring: services.monitoring, app };
}

/** A customer's call to agent 1001, answered: set up in rtpengine as Kamailio does, filed by the agent's softphone. */
/** sv1 starts whispering to agent 1001 on its call (a plain-RTP supervisor leg); the session. */
async function sv1Whispers(first: { app: TestApp; sv1: TestClient }) {
  const supervisor = await endpoint();
  const started = await first.sv1.post('/api/monitoring/sessions', { agentId: first.app.seed.userIds['1001'], mode: 'whisper', sdp: supervisor.sdp() });
  expect(started.statusCode, started.body).toBe(201);
  return monitoringStartedSchema.parse(started.json()).session;
}

async function answeredCall(agent: TestClient) {
  const callId = `${randomBytes(6).toString('hex')}@monitor-restart.test`;
  const customer = await endpoint();
  const agentPhone = await endpoint();
  const customerTag = `c${randomBytes(4).toString('hex')}`;
  const agentTag = `a${randomBytes(4).toString('hex')}`;
  const towardAgent = await ng.offer({ callId, fromTag: customerTag, sdp: customer.sdp(), profile: 'plain' });
  const towardCustomer = await ng.answer({ callId, fromTag: customerTag, toTag: agentTag, sdp: agentPhone.sdp(), profile: 'plain' });
  cleanups.push(() => ng.command({ command: 'delete', 'call-id': callId }).then(() => undefined, () => undefined));
  for (const phase of ['offered', 'answered'] as const) {
    const filed = await agent.put(`/api/call-records/by-call-id/${encodeURIComponent(callId)}/events`, { phase, at: new Date().toISOString(), direction: 'inbound', remoteNumber: '0312345678', queue: '2001' });
    expect(filed.statusCode, filed.body).toBeLessThan(300);
  }
  return {
    callId,
    customer,
    agent: agentPhone,
    customerTag,
    agentTag,
    customerSendsTo: audioPort(towardCustomer.sdp),
    agentSendsTo: audioPort(towardAgent.sdp),
    customerSsrc: randomBytes(4).readUInt32BE(0),
    agentSsrc: randomBytes(4).readUInt32BE(0),
  };
}

type Call = Awaited<ReturnType<typeof answeredCall>>;

/** What one party heard over half a second: the streams (SSRCs) and the steady level. */
interface Heard {
  readonly ssrcs: readonly number[];
  readonly level: number | undefined;
}

/** Everyone talks for half a second, each with its own stream; then what the parties heard. */
async function conversation(call: Call, supervisor?: { endpoint: RtpTestEndpoint; sendsTo: number }): Promise<{ customer: Heard; agent: Heard }> {
  call.customer.take();
  call.agent.take();
  await Promise.all([
    call.customer.send(call.customerSendsTo, ulawFrameAt(CUSTOMER_LEVEL), { count: 25, ssrc: call.customerSsrc }),
    call.agent.send(call.agentSendsTo, ulawFrameAt(AGENT_LEVEL), { count: 25, ssrc: call.agentSsrc }),
    supervisor?.endpoint.send(supervisor.sendsTo, ulawFrameAt(SUPERVISOR_LEVEL), { count: 25 }),
  ]);
  await sleep(150);
  const heard = (packets: ReturnType<RtpTestEndpoint['take']>): Heard => ({ ssrcs: [...new Set(packets.map((packet) => packet.ssrc))], level: steadyLevel(packets) });
  return { customer: heard(call.customer.take()), agent: heard(call.agent.take()) };
}

function near(level: number | undefined, want: number): boolean {
  return level !== undefined && Math.abs(level - want) <= want / 25 + 16;
}

describe('a CTI service restart during whisper or barge', () => {
  for (const mode of ['whisper', 'barge'] as const) {
    it(`${mode}: the parties hear the mixer; the service dies (silence); the restarted service puts each party back on the other, ends the session as service-restart, audited`, async () => {
      const first = await firstService();
      const call = await answeredCall(first.agent);
      const supervisor = await endpoint();
      const started = await first.sv1.post('/api/monitoring/sessions', { agentId: first.app.seed.userIds['1001'], mode, sdp: supervisor.sdp() });
      expect(started.statusCode, started.body).toBe(201);
      const { session, sdp } = monitoringStartedSchema.parse(started.json());
      const leg = { endpoint: supervisor, sendsTo: audioPort(sdp) };

      // The agent (and when barging the customer) hears the mixer's stream: the supervisor in it.
      const monitored = await conversation(call, leg);
      expect(monitored.agent.ssrcs).not.toContain(call.customerSsrc);
      expect(near(monitored.agent.level, CUSTOMER_LEVEL + SUPERVISOR_LEVEL), JSON.stringify(monitored)).toBe(true);
      if (mode === 'barge') {
        expect(monitored.customer.ssrcs).not.toContain(call.agentSsrc);
        expect(near(monitored.customer.level, AGENT_LEVEL + SUPERVISOR_LEVEL), JSON.stringify(monitored)).toBe(true);
      } else {
        expect(monitored.customer.ssrcs).toEqual([call.agentSsrc]);
      }

      // The service dies: its mixer is gone, rtpengine still sends the parties' ears from it.
      first.media.die();
      await sleep(100); // the mixer's last packets in flight
      const deaf = await conversation(call);
      expect(deaf.agent.ssrcs).toEqual([]);
      if (mode === 'barge') expect(deaf.customer.ssrcs).toEqual([]);

      // The service starts again over the same database and rtpengine.
      const restarted = await restartedService(first.app);
      const recovery = await restarted.monitoring.recover();
      expect(recovery).toEqual({ ended: [{ sessionId: session.id, sipCallId: call.callId, media: 'restored' }], failed: [] });

      const restored = await conversation(call);
      expect(restored.agent.ssrcs).toEqual([call.customerSsrc]);
      expect(near(restored.agent.level, CUSTOMER_LEVEL), JSON.stringify(restored)).toBe(true);
      expect(restored.customer.ssrcs).toEqual([call.agentSsrc]);
      expect(near(restored.customer.level, AGENT_LEVEL), JSON.stringify(restored)).toBe(true);

      // The session's own legs, subscription and publications have left the call (rtpengine lists
      // them released); the parties hear only each other.
      const parties = await ng.callTags(call.callId);
      expect(parties.filter((party) => !party.released).map((party) => party.tag)).toEqual([call.customerTag, call.agentTag]);
      expect(parties.find((party) => party.tag === call.agentTag)?.subscriptions.map((link) => link.tag)).toEqual([call.customerTag]);
      expect(parties.find((party) => party.tag === call.customerTag)?.subscriptions.map((link) => link.tag)).toEqual([call.agentTag]);

      const stored = await new DbMonitoringSessionRepository(first.app.database.db).find(first.app.seed.tenantId, session.id);
      expect(stored).toMatchObject({ mode, endReason: 'service-restart', endedAt: expect.any(Date) as Date });
      const [audited] = await first.app.services.audit.search({ tenantId: first.app.seed.tenantId, resourceType: 'monitoring-session', resourceId: session.id, action: 'delete', limit: 5 });
      expect(audited).toMatchObject({ actorId: null, detail: { reason: 'service-restart', mode, sipCallId: call.callId, agentId: first.app.seed.userIds['1001'], media: 'restored' } });

      // The supervisor's browser asks after its session: ended, because the service restarted.
      const status = await restarted.app.inject({ method: 'GET', url: `/api/monitoring/sessions/${session.id}`, headers: { cookie: first.sv1.cookie } });
      expect(status.statusCode, status.body).toBe(200);
      expect(monitoringSessionStatusSchema.parse(status.json())).toMatchObject({ id: session.id, mode, endReason: 'service-restart', endedAt: expect.any(String) as string });

      // A second instance starting (or the same one crash-looping) finds nothing left to undo.
      await expect((await restartedService(first.app)).monitoring.recover()).resolves.toEqual({ ended: [], failed: [] });
      const still = await conversation(call);
      expect(still.agent.ssrcs).toEqual([call.customerSsrc]);
      expect(still.customer.ssrcs).toEqual([call.agentSsrc]);
      const entries = await first.app.services.audit.search({ tenantId: first.app.seed.tenantId, resourceType: 'monitoring-session', resourceId: session.id, action: 'delete', limit: 5 });
      expect(entries).toHaveLength(1);
    }, 60_000);
  }

  it('a call that ended while the service was down (rtpengine no longer knows it) just ends its session', async () => {
    const first = await firstService();
    const call = await answeredCall(first.agent);
    const session = await sv1Whispers(first);
    first.media.die();
    await ng.command({ command: 'delete', 'call-id': call.callId });

    const recovery = await (await restartedService(first.app)).monitoring.recover();
    expect(recovery).toEqual({ ended: [{ sessionId: session.id, sipCallId: call.callId, media: 'call-gone' }], failed: [] });
    const stored = await new DbMonitoringSessionRepository(first.app.database.db).find(first.app.seed.tenantId, session.id);
    expect(stored).toMatchObject({ endReason: 'service-restart' });
  }, 60_000);

  it('an instance starting beside a running one takes its sessions over: the running one ends them at its next sweep and leaves the call alone', async () => {
    const first = await firstService();
    const call = await answeredCall(first.agent);
    const session = await sv1Whispers(first);

    const second = await restartedService(first.app);
    expect((await second.monitoring.recover()).ended.map((ended) => ended.sessionId)).toEqual([session.id]);
    // The first instance's mixer is alive, but its session's leg is gone: it ends the session, re-points nothing.
    await expect(first.app.services.monitoring.sweep()).resolves.toBe(1);
    const after = await conversation(call);
    expect(after.agent.ssrcs).toEqual([call.customerSsrc]);
    expect(after.customer.ssrcs).toEqual([call.agentSsrc]);
    const entries = await first.app.services.audit.search({ tenantId: first.app.seed.tenantId, resourceType: 'monitoring-session', resourceId: session.id, action: 'delete', limit: 5 });
    expect(entries.map((entry) => entry.detail?.reason)).toEqual(['service-restart']);
  }, 60_000);
});
