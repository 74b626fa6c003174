import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMediaDir } from '../../server/src/config';
import { QueueMedia, QueueMediaError } from '../../server/src/media/queue-media';
import { encodeWav } from '../../server/src/media/wav';
import { createTestApp, type TestApp } from '../../server/test/test-app';
import { pickFreePorts } from './ports';
import { Rtpengine } from './rtpengine';
import { RtpTestEndpoint, type ReceivedRtp } from './rtp-test-endpoint';

/**
 * The service's queue media against a real rtpengine: a UDP socket stands for a plain SIP
 * caller (or a browser's offer is sent), the service answers through rtpengine, and the
 * caller's socket counts the RTP that arrives.
 */

const HOST = '127.0.0.1';
const token = randomBytes(24).toString('hex');
const form = { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` };

let runDir: string;
let rtpengine: Rtpengine;
let testApp: TestApp;
let withoutRelay: TestApp;

beforeAll(async () => {
  runDir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-queue-media-'));
  const [ngPort = 0] = await pickFreePorts(1);
  rtpengine = await Rtpengine.start({ runDir, ngPort, portMin: 39700, portMax: 39759 });
  testApp = await createTestApp({ env: { TSUNAGU_PBX_TOKEN: token, TSUNAGU_RTPENGINE_NG: rtpengine.ngSocket } });
  withoutRelay = await createTestApp({ env: { TSUNAGU_PBX_TOKEN: token } });
}, 60_000);

afterAll(async () => {
  await testApp.close();
  await withoutRelay.close();
  await rtpengine.stop();
  await rm(runDir, { recursive: true, force: true });
});

/** What a plain SIP caller offers: G.711 μ-law and A-law, and RFC 4733 DTMF. */
const g711Offer = { codecs: ['PCMU', 'PCMA'], telephoneEvent: true } as const;

/** PCMU silence, one 20 ms frame. */
const silence = Buffer.alloc(160, 0xff);

/** Where a packet came from, as `address:port`. */
function sourceOf(packet: ReceivedRtp): string {
  return `${packet.fromAddress}:${packet.fromPort}`;
}

/** The address and port an SDP says to send RTP to. */
function mediaAddress(sdp: string): { address: string; port: number } {
  const address = /^c=IN IP4 (\S+)/m.exec(sdp)?.[1];
  const port = /^m=audio (\d+) /m.exec(sdp)?.[1];
  if (address === undefined || port === undefined) throw new Error(`no audio address in\n${sdp}`);
  return { address, port: Number(port) };
}

function newCall(): { call: string; from: string } {
  return { call: `${randomBytes(6).toString('hex')}@queue-media.test`, from: randomBytes(4).toString('hex') };
}

async function playTo(app: TestApp, call: { call: string; from: string }, sdp: string, query: string, headers: Record<string, string> = form) {
  return app.app.inject({ method: 'POST', url: `/api/pbx/queue-media?call=${encodeURIComponent(call.call)}&from=${call.from}&${query}`, headers, payload: sdp });
}

async function stop(call: { call: string; from: string }) {
  return testApp.app.inject({ method: 'POST', url: `/api/pbx/queue-media/stop?call=${encodeURIComponent(call.call)}&from=${call.from}`, headers: form });
}

/** Waits until `count()` stops growing for `quietMs`; resolves with its value then. */
async function settled(count: () => number, quietMs = 400, timeoutMs = 8000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = count();
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(50);
    const now = count();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return now;
    }
  }
  throw new Error(`still receiving after ${timeoutMs} ms (${last} packets)`);
}

describe('POST /api/pbx/queue-media with a plain SIP caller', () => {
  it('answers with one line of JSON whose SDP is rtpengine’s, and the caller hears the hold music from there until it is stopped', async () => {
    const caller = await RtpTestEndpoint.open(HOST);
    const call = newCall();
    try {
      const response = await playTo(testApp, call, caller.sdp(g711Offer), 'announcement=queue-wait&mode=loop&webrtc=0');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body.split('\n')).toHaveLength(1);
      const answer = response.json<{ sdp: string; seconds: number }>();
      expect(answer.seconds).toBe(10);
      expect(answer.sdp).toMatch(/^v=0\r\n/);
      expect(answer.sdp).toMatch(/^m=audio \d+ RTP\/AVP 0 101\r$/m);
      expect(answer.sdp).not.toMatch(/a=ice-ufrag|a=candidate|a=fingerprint/);
      const relay = mediaAddress(answer.sdp);
      expect(relay.port).toBeGreaterThanOrEqual(39700);
      expect(relay.port).toBeLessThanOrEqual(39759);

      await sleep(1000);
      expect(caller.received.length).toBeGreaterThan(30);
      expect(new Set(caller.received.map(sourceOf))).toEqual(new Set([`${relay.address}:${relay.port}`]));
      expect(new Set(caller.received.map((packet) => packet.payloadType))).toEqual(new Set([0]));

      const stopped = await stop(call);
      expect(stopped.statusCode, stopped.body).toBe(200);
      expect(stopped.json()).toEqual({ stopped: true });
      const afterStop = await settled(() => caller.received.length);
      await sleep(600);
      expect(caller.received.length).toBe(afterStop);

      // Idempotent; the stand-in's dialog is gone, and with it rtpengine's call (nothing else was in it).
      expect((await stop(call)).statusCode).toBe(200);
      await expect(rtpengine.control.listCalls()).resolves.not.toContain(call.call);
    } finally {
      caller.close();
    }
  });

  it('leaves the caller to the agent’s branch: its offer and the agent’s answer connect them both ways, on the ports of the 200 OK', async () => {
    const caller = await RtpTestEndpoint.open(HOST);
    const agent = await RtpTestEndpoint.open(HOST);
    const call = newCall();
    const ng = rtpengine.control;
    try {
      const early = await playTo(testApp, call, caller.sdp(g711Offer), 'announcement=queue-wait&mode=loop&webrtc=0');
      expect(early.statusCode, early.body).toBe(200);
      expect((await stop(call)).statusCode).toBe(200);

      // What Kamailio does next: branch offer toward the agent, then the agent's 200 OK. Had the
      // stand-in stayed, rtpengine would tie this offer to the stand-in's dialog (a browser agent
      // then fails ICE and DTLS against the stand-in's credentials).
      const offer = await ng.offer({ callId: call.call, fromTag: call.from, sdp: caller.sdp(g711Offer), profile: 'plain' });
      const agentSide = mediaAddress(offer.sdp);
      const answer = await ng.answer({ callId: call.call, fromTag: call.from, toTag: 'agent-1002', sdp: agent.sdp(g711Offer), profile: 'plain' });
      const confirmed = mediaAddress(answer.sdp);

      const heardBefore = await settled(() => caller.received.length);
      await Promise.all([caller.send(confirmed.port, silence, { host: confirmed.address, count: 25 }), agent.send(agentSide.port, silence, { host: agentSide.address, count: 25 })]);
      await sleep(200);
      expect(agent.received.length).toBeGreaterThan(15);
      expect(caller.received.length - heardBefore).toBeGreaterThan(15);
      expect(caller.received.map(sourceOf).at(-1)).toBe(`${confirmed.address}:${confirmed.port}`);
      const legs = await ng.queryCall(call.call);
      expect(legs.map((leg) => leg.tag).sort()).toEqual(['agent-1002', call.from].sort());
    } finally {
      caller.close();
      agent.close();
      await ng.delete({ callId: call.call, fromTag: call.from }).catch(() => undefined);
    }
  });

  it('plays again after a branch that rang an agent without answer, from the port its new answer names', async () => {
    const caller = await RtpTestEndpoint.open(HOST);
    const call = newCall();
    try {
      const first = await playTo(testApp, call, caller.sdp(g711Offer), 'announcement=queue-wait&mode=loop&webrtc=0');
      expect(first.statusCode, first.body).toBe(200);
      expect((await stop(call)).statusCode).toBe(200);
      // Kamailio's branch toward a browser agent who never answers (the branch is cancelled).
      await rtpengine.control.offer({ callId: call.call, fromTag: call.from, sdp: caller.sdp(g711Offer), profile: 'webrtc' });
      const quiet = await settled(() => caller.received.length);

      // Kamailio sends this answer to the caller in another 183.
      const again = await playTo(testApp, call, caller.sdp(g711Offer), 'announcement=queue-wait&mode=loop&webrtc=0');
      expect(again.statusCode, again.body).toBe(200);
      const relay = mediaAddress(again.json<{ sdp: string }>().sdp);
      await sleep(800);
      expect(caller.received.length - quiet).toBeGreaterThan(25);
      expect(caller.received.map(sourceOf).at(-1)).toBe(`${relay.address}:${relay.port}`);
    } finally {
      caller.close();
      await rtpengine.control.delete({ callId: call.call, fromTag: call.from }).catch(() => undefined);
    }
  });

  it('loops the hold music past the end of the file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-media-'));
    await writeFile(path.join(dir, 'short-music.wav'), encodeWav(new Float64Array(8000).map((_, i) => 0.3 * Math.sin(i / 3)), 8000));
    const media = new QueueMedia({ relay: rtpengine.control, mediaDir: dir });
    const caller = await RtpTestEndpoint.open(HOST);
    const call = newCall();
    try {
      const answer = await media.play({ callId: call.call, fromTag: call.from, announcement: 'short-music', mode: 'loop', webrtc: false, sdp: caller.sdp(g711Offer) });
      expect(answer.seconds).toBe(1);
      await sleep(2500);
      expect(caller.received.length).toBeGreaterThan(100);
      const before = caller.received.length;
      await sleep(300);
      expect(caller.received.length).toBeGreaterThan(before);
    } finally {
      caller.close();
      await rtpengine.control.delete({ callId: call.call, fromTag: call.from }).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('replaces what plays when asked again: the hold music, then the queue-full message once, which ends by itself', async () => {
    const caller = await RtpTestEndpoint.open(HOST);
    const call = newCall();
    try {
      const first = await playTo(testApp, call, caller.sdp(g711Offer), 'announcement=queue-wait&mode=loop&webrtc=0');
      expect(first.statusCode, first.body).toBe(200);
      await sleep(500);
      expect(caller.received.length).toBeGreaterThan(10);

      const second = await playTo(testApp, call, caller.sdp(g711Offer), 'announcement=queue-full&mode=once&webrtc=0');
      expect(second.statusCode, second.body).toBe(200);
      const message = second.json<{ sdp: string; seconds: number }>();
      expect(message.seconds).toBe(4);
      expect(mediaAddress(message.sdp)).toEqual(mediaAddress(first.json<{ sdp: string }>().sdp));
      const atReplace = caller.received.length;

      // 4 s of message at 50 packets a second, then nothing (the music does not come back).
      const total = await settled(() => caller.received.length, 600, 8000);
      expect(total - atReplace).toBeGreaterThan(170);
      expect(total - atReplace).toBeLessThan(230);
    } finally {
      caller.close();
      await rtpengine.control.delete({ callId: call.call, fromTag: call.from }).catch(() => undefined);
    }
  }, 20_000);

  it('takes the SDP as application/sdp too', async () => {
    const caller = await RtpTestEndpoint.open(HOST);
    const call = newCall();
    try {
      const response = await playTo(testApp, call, caller.sdp(g711Offer), 'announcement=after-hours&mode=once&webrtc=0', { ...form, 'content-type': 'application/sdp' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ seconds: 4 });
    } finally {
      caller.close();
      await rtpengine.control.delete({ callId: call.call, fromTag: call.from }).catch(() => undefined);
    }
  });
});

describe('POST /api/pbx/queue-media with a browser caller (webrtc=1)', () => {
  it('answers with ICE, DTLS-SRTP and rtcp-mux in G.711', async () => {
    const call = newCall();
    const browserOffer = [
      'v=0',
      'o=- 6543245 2 IN IP4 127.0.0.1',
      's=-',
      't=0 0',
      'a=group:BUNDLE 0',
      'a=msid-semantic: WMS stream',
      'm=audio 50000 UDP/TLS/RTP/SAVPF 111 0 8 126',
      'c=IN IP4 127.0.0.1',
      'a=rtcp:9 IN IP4 0.0.0.0',
      'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0',
      'a=ice-ufrag:Ab12',
      'a=ice-pwd:0123456789abcdefghijklmn',
      'a=ice-options:trickle',
      'a=fingerprint:sha-256 6B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08',
      'a=setup:actpass',
      'a=mid:0',
      'a=sendrecv',
      'a=rtcp-mux',
      'a=rtpmap:111 opus/48000/2',
      'a=fmtp:111 minptime=10;useinbandfec=1',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:8 PCMA/8000',
      'a=rtpmap:126 telephone-event/8000',
      '',
    ].join('\r\n');
    try {
      const response = await playTo(testApp, call, browserOffer, 'announcement=queue-wait&mode=loop&webrtc=1');
      expect(response.statusCode, response.body).toBe(200);
      const { sdp } = response.json<{ sdp: string }>();
      expect(sdp).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 126\r$/m);
      expect(sdp).toMatch(/^a=ice-ufrag:/m);
      expect(sdp).toMatch(/^a=candidate:/m);
      expect(sdp).toMatch(/^a=fingerprint:sha-256 /m);
      expect(sdp).toMatch(/^a=setup:(active|passive)\r$/m);
      expect(sdp).toMatch(/^a=rtcp-mux\r$/m);
      expect(sdp).not.toMatch(/opus|a=crypto/);
    } finally {
      await rtpengine.control.delete({ callId: call.call, fromTag: call.from }).catch(() => undefined);
    }
  });
});

describe('queue media refusals', () => {
  it('refuses a body that is not an SDP audio offer (400, saying what is wrong)', async () => {
    const call = newCall();
    const notSdp = await playTo(testApp, call, 'caller=0312345678', 'announcement=queue-wait&mode=loop&webrtc=0');
    expect(notSdp.statusCode).toBe(400);
    expect(notSdp.json()).toMatchObject({ error: { code: 'validation', message: expect.stringContaining("must start with 'v=0'") as unknown } });
    const noAudio = await playTo(testApp, call, 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 5000 RTP/AVP 96\r\n', 'announcement=queue-wait&mode=loop&webrtc=0');
    expect(noAudio.statusCode).toBe(400);
    expect(noAudio.json()).toMatchObject({ error: { message: expect.stringContaining("no 'm=audio' line") as unknown } });
    const empty = await testApp.app.inject({ method: 'POST', url: `/api/pbx/queue-media?call=x&from=y&announcement=queue-wait&mode=loop&webrtc=0`, headers: { authorization: form.authorization } });
    expect(empty.statusCode).toBe(400);
  });

  it('refuses an unknown announcement by name (404), and a key that is a path (400)', async () => {
    const caller = await RtpTestEndpoint.open(HOST);
    try {
      const unknown = await playTo(testApp, newCall(), caller.sdp(g711Offer), 'announcement=no-such-message&mode=once&webrtc=0');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ error: { code: 'not-found', message: expect.stringContaining("'no-such-message'") as unknown } });
      const traversal = await playTo(testApp, newCall(), caller.sdp(g711Offer), `announcement=${encodeURIComponent('../../etc/passwd')}&mode=once&webrtc=0`);
      expect(traversal.statusCode).toBe(400);
      expect(traversal.json()).toMatchObject({ error: { fields: [{ path: 'querystring.announcement' }] } });
    } finally {
      caller.close();
    }
  });

  it('answers 401 without the PBX token, before looking at anything', async () => {
    const response = await testApp.app.inject({ method: 'POST', url: '/api/pbx/queue-media?call=x', headers: { 'content-type': form['content-type'] }, payload: 'v=0' });
    expect(response.statusCode).toBe(401);
    const stopWithWrongToken = await testApp.app.inject({ method: 'POST', url: '/api/pbx/queue-media/stop?call=x&from=y', headers: { authorization: 'Bearer not-the-token' } });
    expect(stopWithWrongToken.statusCode).toBe(401);
  });

  it('refuses an SDP over 16 KiB (413)', async () => {
    const caller = await RtpTestEndpoint.open(HOST);
    try {
      const huge = `${caller.sdp(g711Offer)}${'a=x-padding:0123456789abcdef\r\n'.repeat(700)}`;
      const response = await playTo(testApp, newCall(), huge, 'announcement=queue-wait&mode=loop&webrtc=0');
      expect(response.statusCode).toBe(413);
    } finally {
      caller.close();
    }
  });

  it('answers 503 when no media relay is configured', async () => {
    const caller = await RtpTestEndpoint.open(HOST);
    try {
      const response = await playTo(withoutRelay, newCall(), caller.sdp(g711Offer), 'announcement=queue-wait&mode=loop&webrtc=0');
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ error: { code: 'media-unavailable', message: 'no media relay configured (TSUNAGU_RTPENGINE_NG)' } });
      const stopped = await withoutRelay.app.inject({ method: 'POST', url: '/api/pbx/queue-media/stop?call=x&from=y', headers: form });
      expect(stopped.statusCode).toBe(503);
    } finally {
      caller.close();
    }
  });

  it('answers 503 within Kamailio’s 1 s timeout when rtpengine does not answer', async () => {
    const [silentPort = 0] = await pickFreePorts(1);
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(silentPort, HOST, resolve));
    const deadRelay = await createTestApp({ env: { TSUNAGU_PBX_TOKEN: token, TSUNAGU_RTPENGINE_NG: `udp:${HOST}:${silentPort}` } });
    const caller = await RtpTestEndpoint.open(HOST);
    try {
      const started = Date.now();
      const response = await playTo(deadRelay, newCall(), caller.sdp(g711Offer), 'announcement=queue-wait&mode=loop&webrtc=0');
      expect(Date.now() - started).toBeLessThan(1000);
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: { code: 'media-unavailable', message: expect.stringMatching(/^media relay failed: rtpengine on 127.0.0.1:\d+ did not answer 'offer'/) as unknown } });
    } finally {
      caller.close();
      silent.close();
      await deadRelay.close();
    }
  }, 30_000);

  it('turns rtpengine’s refusal into relay-failed', async () => {
    const media = new QueueMedia({ relay: rtpengine.control, mediaDir: defaultMediaDir });
    // An offer whose audio port is not a number: rtpengine cannot parse it.
    const play = media.play({ callId: 'refused@test', fromTag: 'a', announcement: 'queue-wait', mode: 'loop', webrtc: false, sdp: 'v=0\r\nm=audio x RTP/AVP 0\r\nm=audio 1 RTP/AVP 0\r\n' });
    await expect(play).rejects.toBeInstanceOf(QueueMediaError);
    await expect(play).rejects.toMatchObject({ kind: 'relay-failed', message: expect.stringMatching(/^media relay failed: rtpengine refused 'offer'/) as unknown });
  });
});
