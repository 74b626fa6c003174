import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtpengineMonitoringMedia } from '../../server/src/domain/monitoring/rtpengine-monitoring-media';
import { monitoringTags } from '../../server/src/domain/monitoring/monitoring-media';
import { linearToUlaw, MonitorMixer } from '../../server/src/media/monitor-mixer';
import type { NgClient } from '../../server/src/media/ng-client';
import { pickFreePorts } from './ports';
import { Rtpengine } from './rtpengine';

/**
 * Monitoring with browsers on both ends, over the real rtpengine 10.5 and the service's mixer:
 * a plain customer (the gateway) talks to an agent's `RTCPeerConnection`; a supervisor's
 * `RTCPeerConnection` joins as the service would have it. What each browser decodes is read
 * from `getStats()` (Chromium's `getSynchronizationSources()` does not follow a new SSRC).
 */

const HOST = '127.0.0.1';
const CUSTOMER_SSRC = 0x00c0ffee;

let runDir: string;
let rtpengine: Rtpengine;
let ng: NgClient;
let browser: Browser;
let web: Server;
let origin: string;

beforeAll(async () => {
  runDir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-monitor-browser-'));
  const [ngPort = 0] = await pickFreePorts(1);
  rtpengine = await Rtpengine.start({ runDir, ngPort, portMin: 39400, portMax: 39499 });
  ng = rtpengine.control;
  // getUserMedia needs a secure context: http://127.0.0.1 is one, about:blank is not.
  web = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><title>monitor</title>');
  });
  await new Promise<void>((resolve) => web.listen(0, HOST, resolve));
  origin = `http://${HOST}:${(web.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser.close();
  web.close();
  await rtpengine.stop();
  await rm(runDir, { recursive: true, force: true });
});

/** A page with an `RTCPeerConnection` (microphone: Chromium's fake device) playing what it receives. */
async function peerPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(origin);
  await page.evaluate(async () => {
    const connection = new RTCPeerConnection();
    connection.ontrack = (event) => {
      const audio = new Audio();
      audio.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      void audio.play();
      document.body.append(audio);
    };
    const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const track of microphone.getAudioTracks()) connection.addTrack(track, microphone);
    Object.assign(window, { connection });
  });
  return page;
}

/** Offer (or, given a remote offer, answer) with every ICE candidate gathered. */
async function localDescription(page: Page, remoteOffer?: string): Promise<string> {
  return page.evaluate(async (offer) => {
    const { connection } = window as unknown as { connection: RTCPeerConnection };
    if (offer === undefined) await connection.setLocalDescription(await connection.createOffer());
    else {
      await connection.setRemoteDescription({ type: 'offer', sdp: offer });
      await connection.setLocalDescription(await connection.createAnswer());
    }
    await new Promise<void>((resolve) => {
      if (connection.iceGatheringState === 'complete') resolve();
      connection.addEventListener('icegatheringstatechange', () => connection.iceGatheringState === 'complete' && resolve());
      setTimeout(resolve, 2000);
    });
    return connection.localDescription?.sdp ?? '';
  }, remoteOffer);
}

interface Heard {
  readonly connected: boolean;
  /** The stream the page's audio track plays now (Chromium shows one inbound-rtp per receiver). */
  readonly ssrc: number | undefined;
  readonly packets: number;
  readonly level: number;
}

async function heard(page: Page): Promise<Heard> {
  return page.evaluate(async () => {
    const { connection } = window as unknown as { connection: RTCPeerConnection };
    let inbound: { ssrc?: number; packetsReceived?: number; audioLevel?: number } | undefined;
    (await connection.getStats()).forEach((report: { type: string; ssrc?: number; packetsReceived?: number; audioLevel?: number }) => {
      if (report.type === 'inbound-rtp') inbound = report;
    });
    return { connected: connection.connectionState === 'connected', ssrc: inbound?.ssrc, packets: inbound?.packetsReceived ?? 0, level: inbound?.audioLevel ?? 0 };
  });
}

/**
 * The customer's call to a browser agent, as Kamailio sets it up in rtpengine (tags `customer`
 * and `agent`); the customer talks until the returned function is called, and the agent's
 * browser already plays the customer's stream.
 */
async function customerCallsBrowserAgent(callId: string, customer: Socket, agentPage: Page): Promise<() => void> {
  const towardAgent = await ng.offer({ callId, fromTag: 'customer', sdp: plainSdp(customer.address().port), profile: 'webrtc' });
  const agentAnswer = await localDescription(agentPage, towardAgent.sdp);
  const towardCustomer = await ng.answer({ callId, fromTag: 'customer', toTag: 'agent', sdp: agentAnswer, profile: 'plain' });
  const stopTalking = talkForever(customer, Number(/^m=audio (\d+)/m.exec(towardCustomer.sdp)?.[1]));
  await expect.poll(async () => (await heard(agentPage)).ssrc, { timeout: 10_000 }).toBe(CUSTOMER_SSRC);
  return stopTalking;
}

function plainSdp(port: number): string {
  return ['v=0', `o=- ${port} 1 IN IP4 ${HOST}`, 's=-', `c=IN IP4 ${HOST}`, 't=0 0', `m=audio ${port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', 'a=ptime:20', 'a=sendrecv', ''].join('\r\n');
}

/** The customer: a 440 Hz tone in 20 ms PCMU packets, one SSRC for the whole call (as a gateway sends). */
function talkForever(socket: Socket, port: number): () => void {
  let sequence = 0;
  const timer = setInterval(() => {
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header.writeUInt16BE(sequence & 0xffff, 2);
    header.writeUInt32BE((sequence * 160) >>> 0, 4);
    header.writeUInt32BE(CUSTOMER_SSRC, 8);
    const payload = Buffer.from(Array.from({ length: 160 }, (_, index) => linearToUlaw(Math.round(8000 * Math.sin((2 * Math.PI * 440 * (sequence * 160 + index)) / 8000)))));
    socket.send(Buffer.concat([header, payload]), port, HOST);
    sequence += 1;
  }, 20);
  return () => clearInterval(timer);
}

describe('monitoring with browsers over rtpengine and the service’s mixer', () => {
  it('the supervisor’s browser hears the call; a browser agent hears the whisper, then the customer again', async () => {
    const callId = `browser-${Date.now()}@monitor-browser.test`;
    const customer = createSocket('udp4');
    await new Promise<void>((resolve) => customer.bind(0, HOST, resolve));
    const agentPage = await peerPage();
    const supervisorPage = await peerPage();
    const media = new RtpengineMonitoringMedia(ng);
    let stopTalking = (): void => undefined;
    try {
      stopTalking = await customerCallsBrowserAgent(callId, customer, agentPage);

      const parties = await media.partiesOf(callId, 'callee');
      expect(parties).toEqual({ customerTag: 'customer', agentTag: 'agent', customerProfile: 'plain', agentProfile: 'webrtc' });
      const supervisorOffer = await localDescription(supervisorPage);
      const answer = await media.join({ sessionId: 'browser-1', sipCallId: callId, parties, sdp: supervisorOffer, profile: 'webrtc' });
      await supervisorPage.evaluate(async (sdp) => {
        await (window as unknown as { connection: RTCPeerConnection }).connection.setRemoteDescription({ type: 'answer', sdp });
      }, answer);

      // Listen: the supervisor's browser decodes the mix (the customer's tone).
      await expect.poll(async () => (await heard(supervisorPage)).level, { timeout: 10_000 }).toBeGreaterThan(0.1);
      expect((await heard(supervisorPage)).connected).toBe(true);

      // Whisper: the agent's browser now plays the mixer's stream, no renegotiation.
      await media.apply('browser-1', 'whisper');
      await expect.poll(async () => (await heard(agentPage)).ssrc, { timeout: 10_000 }).not.toBe(CUSTOMER_SSRC);
      await expect.poll(async () => (await heard(agentPage)).level, { timeout: 10_000 }).toBeGreaterThan(0.1);

      // Back to listening: the agent's browser plays the customer's own stream again.
      await media.apply('browser-1', 'listen');
      await expect.poll(async () => (await heard(agentPage)).ssrc, { timeout: 10_000 }).toBe(CUSTOMER_SSRC);
      const before = (await heard(agentPage)).packets;
      await sleep(1000);
      const after = await heard(agentPage);
      expect(after.packets - before).toBeGreaterThan(25);
      expect(after.level).toBeGreaterThan(0.1);
      expect(after.connected).toBe(true);
    } finally {
      stopTalking();
      await media.leave('browser-1');
      await ng.delete({ callId, fromTag: 'customer' }).catch(() => undefined);
      customer.close();
      await agentPage.close();
      await supervisorPage.close();
    }
  }, 60_000);

  it('a browser agent whispered to when the service dies hears the customer again once a new service puts the call back', async () => {
    const callId = `browser-restart-${Date.now()}@monitor-browser.test`;
    const customer = createSocket('udp4');
    await new Promise<void>((resolve) => customer.bind(0, HOST, resolve));
    const agentPage = await peerPage();
    const supervisorPage = await peerPage();
    const mixers: MonitorMixer[] = [];
    // The first service: its mixers die with it (closed as a killed process's sockets are), nothing else happens.
    const first = new RtpengineMonitoringMedia(ng, {
      openMixer: async (options) => {
        const mixer = await MonitorMixer.open(options);
        mixers.push(mixer);
        return mixer;
      },
    });
    let stopTalking = (): void => undefined;
    try {
      stopTalking = await customerCallsBrowserAgent(callId, customer, agentPage);

      const parties = await first.partiesOf(callId, 'callee');
      const answer = await first.join({ sessionId: 'restart-1', sipCallId: callId, parties, sdp: await localDescription(supervisorPage), profile: 'webrtc' });
      await supervisorPage.evaluate(async (sdp) => {
        await (window as unknown as { connection: RTCPeerConnection }).connection.setRemoteDescription({ type: 'answer', sdp });
      }, answer);
      await first.apply('restart-1', 'whisper');
      await expect.poll(async () => (await heard(agentPage)).ssrc, { timeout: 10_000 }).not.toBe(CUSTOMER_SSRC);

      // The service dies: the agent's browser receives nothing any more.
      for (const mixer of mixers) mixer.close();
      await sleep(300);
      const silent = (await heard(agentPage)).packets;
      await sleep(500);
      expect((await heard(agentPage)).packets - silent).toBeLessThan(3);

      // A new service puts the call back: the browser plays the customer's own stream again.
      const restarted = new RtpengineMonitoringMedia(ng);
      await expect(restarted.restore({ sessionId: 'restart-1', sipCallId: callId, parties, tags: monitoringTags('restart-1') })).resolves.toBe('restored');
      await expect.poll(async () => (await heard(agentPage)).ssrc, { timeout: 10_000 }).toBe(CUSTOMER_SSRC);
      const before = (await heard(agentPage)).packets;
      await sleep(1000);
      const after = await heard(agentPage);
      expect(after.packets - before).toBeGreaterThan(25);
      expect(after.level).toBeGreaterThan(0.1);
      expect(after.connected).toBe(true);
    } finally {
      stopTalking();
      for (const mixer of mixers) mixer.close();
      await ng.delete({ callId, fromTag: 'customer' }).catch(() => undefined);
      customer.close();
      await agentPage.close();
      await supervisorPage.close();
    }
  }, 60_000);
});
