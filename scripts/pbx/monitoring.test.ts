import { randomBytes } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NgClient } from '../../server/src/media/ng-client';
import { pickFreePorts } from './ports';
import { Rtpengine } from './rtpengine';

/**
 * The media mechanisms of listen / whisper / barge and server-side recording, measured on the
 * real rtpengine 10.5 (docs/design/monitoring-and-recording.md): UDP sockets stand for the
 * customer, the agent, the service's recorder, the supervisor and the service's monitor mixer;
 * each party sends a payload of its own byte, so every receiver can tell whose audio reached it.
 */

const HOST = '127.0.0.1';
const PORT_MIN = 39800;
const PORT_MAX = 39899;

/** Payload bytes: whose audio a packet carries (µ-law / A-law values, all audible). */
const CUSTOMER = 0x11;
const AGENT = 0x22;
const SUPERVISOR = 0x33;
const MIX_FOR_AGENT = 0x55;
const MIX_FOR_CUSTOMER = 0x66;
const MIX_FOR_SUPERVISOR = 0x44;
const RECORDER = 0x77;

let runDir: string;
let recordingDir: string;
let rtpengine: Rtpengine;
let ng: NgClient;

beforeAll(async () => {
  runDir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-monitoring-'));
  recordingDir = path.join(runDir, 'recordings');
  const [ngPort = 0] = await pickFreePorts(1);
  rtpengine = await Rtpengine.start({ runDir, ngPort, portMin: PORT_MIN, portMax: PORT_MAX, recordingDir });
  ng = rtpengine.control;
}, 60_000);

afterAll(async () => {
  await rtpengine.stop();
  await rm(runDir, { recursive: true, force: true });
});

interface ReceivedPacket {
  /** rtpengine's port the packet came from. */
  readonly fromPort: number;
  readonly payloadType: number;
  readonly ssrc: number;
  /** The first payload byte: whose audio it is. */
  readonly voice: number;
  readonly payload: Buffer;
}

/** One plain-RTP media port (a SIP phone, the gateway, or a socket of the CTI service). */
class RtpEndpoint {
  received: ReceivedPacket[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('message', (message: Buffer, from: RemoteInfo) => {
      if (message.length < 13 || (message[0] ?? 0) >> 6 !== 2) return;
      const payloadType = (message[1] ?? 0) & 0x7f;
      if (payloadType >= 72 && payloadType <= 76) return; // RTCP
      this.received.push({ fromPort: from.port, payloadType, ssrc: message.readUInt32BE(8), voice: message[12] ?? 0, payload: message.subarray(12) });
    });
  }

  static async open(): Promise<RtpEndpoint> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, HOST, resolve));
    return new RtpEndpoint(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** An SDP with one audio section on this socket, in `codec` (PCMU 0 or PCMA 8). */
  sdp(direction: 'sendrecv' | 'sendonly' | 'recvonly', codec: 'PCMU' | 'PCMA' = 'PCMU'): string {
    const payloadType = codec === 'PCMU' ? 0 : 8;
    return [
      'v=0',
      `o=- ${this.port} 1 IN IP4 ${HOST}`,
      's=-',
      `c=IN IP4 ${HOST}`,
      't=0 0',
      `m=audio ${this.port} RTP/AVP ${payloadType}`,
      `a=rtpmap:${payloadType} ${codec}/8000`,
      'a=ptime:20',
      `a=${direction}`,
      '',
    ].join('\r\n');
  }

  /** A `recvonly` answer taking every one of `sections` audio sections on this socket, in PCMU. */
  subscriberAnswer(sections: number): string {
    const media = Array.from({ length: sections }, () => [`m=audio ${this.port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', 'a=recvonly']).flat();
    return ['v=0', `o=- ${this.port} 1 IN IP4 ${HOST}`, 's=-', `c=IN IP4 ${HOST}`, 't=0 0', ...media, ''].join('\r\n');
  }

  /** Sends `count` 20 ms packets whose payload is all `voice`, to rtpengine's `port`. */
  async talk(port: number, voice: number, count = 20, payloadType = 0): Promise<void> {
    const ssrc = randomBytes(4);
    for (let sequence = 0; sequence < count; sequence += 1) {
      const header = Buffer.alloc(12);
      header[0] = 0x80;
      header[1] = payloadType;
      header.writeUInt16BE(sequence, 2);
      header.writeUInt32BE(sequence * 160, 4);
      ssrc.copy(header, 8);
      this.socket.send(Buffer.concat([header, Buffer.alloc(160, voice)]), port, HOST);
      await sleep(20);
    }
  }

  /** Whose audio arrived since the last look (voice byte → packets), and forgets it. */
  heard(): Map<number, number> {
    const voices = new Map<number, number>();
    for (const packet of this.received) voices.set(packet.voice, (voices.get(packet.voice) ?? 0) + 1);
    this.received = [];
    return voices;
  }

  close(): void {
    this.socket.close();
  }
}

/** The audio ports of an SDP, in media-section order. */
function audioPorts(sdp: string): number[] {
  return [...sdp.matchAll(/^m=audio (\d+) /gm)].map((match) => Number(match[1]));
}

function onePort(sdp: string): number {
  const [port] = audioPorts(sdp);
  if (port === undefined) throw new Error(`no audio section in\n${sdp}`);
  return port;
}

/** A connected call: the customer offered (From tag), the agent answered (To tag). */
interface TalkingCall {
  readonly callId: string;
  readonly customer: RtpEndpoint;
  readonly agent: RtpEndpoint;
  /** rtpengine's port the customer sends to (from the answer it got). */
  readonly customerSendsTo: number;
  /** rtpengine's port the agent sends to (from the offer it got). */
  readonly agentSendsTo: number;
  /** Both talk at once for `count` packets, then the relay settles. */
  converse(count?: number): Promise<void>;
}

const CUSTOMER_TAG = 'customer-tag';
const AGENT_TAG = 'agent-tag';
const opened: RtpEndpoint[] = [];
const calls: string[] = [];

afterEach(async () => {
  for (const endpoint of opened.splice(0)) endpoint.close();
  for (const callId of calls.splice(0)) await ng.delete({ callId, fromTag: CUSTOMER_TAG }).catch(() => undefined);
});

async function endpoint(): Promise<RtpEndpoint> {
  const opening = await RtpEndpoint.open();
  opened.push(opening);
  return opening;
}

async function talkingCall(codec: 'PCMU' | 'PCMA' = 'PCMU'): Promise<TalkingCall> {
  const callId = `${randomBytes(6).toString('hex')}@monitoring.test`;
  calls.push(callId);
  const customer = await endpoint();
  const agent = await endpoint();
  const offer = await ng.offer({ callId, fromTag: CUSTOMER_TAG, sdp: customer.sdp('sendrecv', codec), profile: 'plain' });
  const answer = await ng.answer({ callId, fromTag: CUSTOMER_TAG, toTag: AGENT_TAG, sdp: agent.sdp('sendrecv', codec), profile: 'plain' });
  const customerSendsTo = onePort(answer.sdp);
  const agentSendsTo = onePort(offer.sdp);
  const payloadType = codec === 'PCMU' ? 0 : 8;
  return {
    callId,
    customer,
    agent,
    customerSendsTo,
    agentSendsTo,
    async converse(count = 20) {
      await Promise.all([customer.talk(customerSendsTo, CUSTOMER, count, payloadType), agent.talk(agentSendsTo, AGENT, count, payloadType)]);
      await sleep(150);
    },
  };
}

/** The service's recorder: a plain subscription to both parties, transcoded to PCMU, answered on one socket. */
async function subscribeRecorder(call: TalkingCall, tag = 'recorder'): Promise<{ recorder: RtpEndpoint; customerStreamPort: number; agentStreamPort: number }> {
  const recorder = await endpoint();
  const subscription = await ng.subscribeRequest({ callId: call.callId, sources: [CUSTOMER_TAG, AGENT_TAG], subscriberTag: tag, profile: 'plain', transcodeTo: ['PCMU'] });
  expect(subscription.sourceTags).toEqual([CUSTOMER_TAG, AGENT_TAG]);
  expect(subscription.sdp).toMatch(/^a=sendonly\r$/m);
  const [customerStreamPort = 0, agentStreamPort = 0] = audioPorts(subscription.sdp);
  await ng.subscribeAnswer({ callId: call.callId, subscriberTag: tag, sdp: recorder.subscriberAnswer(2), allowTranscoding: true });
  return { recorder, customerStreamPort, agentStreamPort };
}

/**
 * `heard` holds exactly the voices of `expected`, each about as many packets as were sent
 * (loopback under load may lose a datagram or two, never add one).
 */
function expectVoices(heard: Map<number, number>, expected: Readonly<Record<number, number>>): void {
  const name = (voice: number): string => `0x${voice.toString(16)}`;
  expect([...heard.keys()].map(name).sort()).toEqual(Object.keys(expected).map((voice) => name(Number(voice))).sort());
  for (const [voice, sent] of Object.entries(expected)) {
    const got = heard.get(Number(voice)) ?? 0;
    expect(got, `packets of voice ${name(Number(voice))}`).toBeGreaterThanOrEqual(sent - 2);
    expect(got, `packets of voice ${name(Number(voice))}`).toBeLessThanOrEqual(sent);
  }
}

describe('recording through a media subscription', () => {
  it('gives the recorder the customer and the agent as two PCMU streams, each from its own rtpengine port, and what the recorder sends reaches nobody', async () => {
    const call = await talkingCall();
    const { recorder, customerStreamPort, agentStreamPort } = await subscribeRecorder(call);
    expect(customerStreamPort).not.toBe(agentStreamPort);

    await Promise.all([call.converse(), recorder.talk(customerStreamPort, RECORDER), recorder.talk(agentStreamPort, RECORDER)]);

    const fromCustomer = recorder.received.filter((packet) => packet.fromPort === customerStreamPort);
    const fromAgent = recorder.received.filter((packet) => packet.fromPort === agentStreamPort);
    expect(new Set(fromCustomer.map((packet) => packet.voice))).toEqual(new Set([CUSTOMER]));
    expect(new Set(fromAgent.map((packet) => packet.voice))).toEqual(new Set([AGENT]));
    expect(fromCustomer.length).toBeGreaterThanOrEqual(18);
    expect(fromAgent.length).toBeGreaterThanOrEqual(18);
    expect(new Set(recorder.received.map((packet) => packet.payloadType))).toEqual(new Set([0]));
    // The call itself is untouched: each party hears the other, and never the recorder.
    expectVoices(call.customer.heard(), { [AGENT]: 20 });
    expectVoices(call.agent.heard(), { [CUSTOMER]: 20 });
  });

  it('transcodes a PCMA call to PCMU for the recorder (the payload is re-encoded, not relabelled)', async () => {
    const call = await talkingCall('PCMA');
    const { recorder, customerStreamPort } = await subscribeRecorder(call);
    await call.converse();

    expectVoices(call.agent.heard(), { [CUSTOMER]: 20 });
    const copies = recorder.received.filter((packet) => packet.fromPort === customerStreamPort);
    expect(copies.length).toBeGreaterThanOrEqual(18);
    expect(new Set(copies.map((packet) => packet.payloadType))).toEqual(new Set([0]));
    // A-law 0x11 is not µ-law 0x11: rtpengine decoded and re-encoded every sample.
    expect(copies.every((packet) => packet.payload.every((byte) => byte !== CUSTOMER))).toBe(true);
  });

  it('stops the copies on unsubscribe while the call goes on', async () => {
    const call = await talkingCall();
    const { recorder } = await subscribeRecorder(call);
    await call.converse(10);
    expect(recorder.heard().size).toBe(2);
    call.customer.heard();
    call.agent.heard();

    await ng.unsubscribe({ callId: call.callId, subscriberTag: 'recorder' });
    await call.converse();
    expect(recorder.heard().size).toBe(0);
    expectVoices(call.customer.heard(), { [AGENT]: 20 });
    expectVoices(call.agent.heard(), { [CUSTOMER]: 20 });
  });

  it('a subscribe request with the same recorder tag replaces the subscription (a restarted service takes the copies over on a new socket)', async () => {
    const call = await talkingCall();
    const { recorder: before } = await subscribeRecorder(call, 'recorder');
    await call.converse(10);
    expect(before.heard().size).toBe(2);

    const { recorder: after } = await subscribeRecorder(call, 'recorder');
    await call.converse();
    expect(before.heard().size).toBe(0);
    expectVoices(after.heard(), { [CUSTOMER]: 20, [AGENT]: 20 });
  });

  it('offers a browser subscriber ICE and DTLS-SRTP, one sendonly section per source', async () => {
    const call = await talkingCall();
    const subscription = await ng.subscribeRequest({ callId: call.callId, sources: [CUSTOMER_TAG, AGENT_TAG], subscriberTag: 'browser-listener', profile: 'webrtc', transcodeTo: ['PCMU'] });
    expect(subscription.sdp.match(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0\r$/gm)).toHaveLength(2);
    expect(subscription.sdp.match(/^a=sendonly\r$/gm)).toHaveLength(2);
    expect(subscription.sdp).toMatch(/^a=fingerprint:sha-256 /m);
    expect(subscription.sdp).toMatch(/^a=ice-ufrag:/m);
    expect(subscription.sdp).toMatch(/^a=rtcp-mux\r$/m);
  });
});

describe('monitoring with the service’s mixer', () => {
  /**
   * The supervisor's leg joins the monitored call as one more offer/answer pair: the
   * supervisor's offer (its own From tag, the monitored Call-ID) answered by the service's mixer.
   */
  async function supervisorLeg(call: TalkingCall): Promise<{ supervisor: RtpEndpoint; mixer: RtpEndpoint; supervisorSendsTo: number; mixerSendsTo: number }> {
    const supervisor = await endpoint();
    const mixer = await endpoint();
    const offer = await ng.offer({ callId: call.callId, fromTag: 'supervisor-tag', sdp: supervisor.sdp('sendrecv'), profile: 'plain', extra: { codec: { transcode: ['PCMU'] } } });
    const answer = await ng.answer({ callId: call.callId, fromTag: 'supervisor-tag', toTag: 'mixer-for-supervisor', sdp: mixer.sdp('sendrecv'), profile: 'plain' });
    return { supervisor, mixer, supervisorSendsTo: onePort(answer.sdp), mixerSendsTo: onePort(offer.sdp) };
  }

  /** The mixer publishes a stream and `listenerTag`'s ears are moved onto it. */
  async function repoint(call: TalkingCall, listenerTag: string, publisherTag: string, mixer: RtpEndpoint): Promise<{ publishedTo: number; listenerPortSdp: number }> {
    const published = await ng.publish({ callId: call.callId, publisherTag, sdp: mixer.sdp('sendonly'), profile: 'plain' });
    await ng.unsubscribe({ callId: call.callId, subscriberTag: listenerTag });
    const subscription = await ng.subscribeRequest({ callId: call.callId, sources: [publisherTag], subscriberTag: listenerTag, profile: 'plain' });
    return { publishedTo: onePort(published.sdp), listenerPortSdp: onePort(subscription.sdp) };
  }

  it('listen: the mixer receives the supervisor and feeds it the mix; the customer and the agent never receive the supervisor', async () => {
    const call = await talkingCall();
    const { recorder } = await subscribeRecorder(call, 'monitor-input');
    const { supervisor, mixer, supervisorSendsTo, mixerSendsTo } = await supervisorLeg(call);

    await Promise.all([call.converse(), supervisor.talk(supervisorSendsTo, SUPERVISOR), mixer.talk(mixerSendsTo, MIX_FOR_SUPERVISOR)]);

    expectVoices(recorder.heard(), { [CUSTOMER]: 20, [AGENT]: 20 });
    expectVoices(mixer.heard(), { [SUPERVISOR]: 20 });
    expectVoices(supervisor.heard(), { [MIX_FOR_SUPERVISOR]: 20 });
    expectVoices(call.customer.heard(), { [AGENT]: 20 });
    expectVoices(call.agent.heard(), { [CUSTOMER]: 20 });
  });

  it('whisper: the agent hears only the mixer’s stream, from the port it already receives on; the customer still hears only the agent; the recording goes on; and back', async () => {
    const call = await talkingCall();
    const { recorder } = await subscribeRecorder(call);
    const { mixer } = await supervisorLeg(call);
    const before = await (async () => {
      await call.converse(5);
      const port = call.agent.received[0]?.fromPort;
      call.agent.heard();
      call.customer.heard();
      recorder.heard();
      return port;
    })();

    const { publishedTo, listenerPortSdp } = await repoint(call, AGENT_TAG, 'mixer-for-agent', mixer);
    expect(listenerPortSdp).toBe(before);
    await Promise.all([call.converse(), mixer.talk(publishedTo, MIX_FOR_AGENT)]);

    expect(call.agent.received.every((packet) => packet.fromPort === before)).toBe(true);
    expectVoices(call.agent.heard(), { [MIX_FOR_AGENT]: 20 });
    expectVoices(call.customer.heard(), { [AGENT]: 20 });
    expectVoices(recorder.heard(), { [CUSTOMER]: 20, [AGENT]: 20 });

    // Whisper off: the agent hears the customer again, the mixer's stream no longer.
    await ng.unsubscribe({ callId: call.callId, subscriberTag: AGENT_TAG });
    await ng.subscribeRequest({ callId: call.callId, sources: [CUSTOMER_TAG], subscriberTag: AGENT_TAG, profile: 'plain' });
    await Promise.all([call.converse(), mixer.talk(publishedTo, MIX_FOR_AGENT)]);
    expectVoices(call.agent.heard(), { [CUSTOMER]: 20 });
    expectVoices(call.customer.heard(), { [AGENT]: 20 });
  });

  it('barge: the customer’s ears move onto a second mixer stream as well, each party hearing only its own mix; and back to listening', async () => {
    const call = await talkingCall();
    const { recorder } = await subscribeRecorder(call);
    const { mixer } = await supervisorLeg(call);
    const toAgent = await repoint(call, AGENT_TAG, 'mixer-for-agent', mixer);
    const toCustomer = await repoint(call, CUSTOMER_TAG, 'mixer-for-customer', mixer);

    await Promise.all([call.converse(), mixer.talk(toAgent.publishedTo, MIX_FOR_AGENT), mixer.talk(toCustomer.publishedTo, MIX_FOR_CUSTOMER)]);

    expectVoices(call.agent.heard(), { [MIX_FOR_AGENT]: 20 });
    expectVoices(call.customer.heard(), { [MIX_FOR_CUSTOMER]: 20 });
    expectVoices(recorder.heard(), { [CUSTOMER]: 20, [AGENT]: 20 });

    // Back to listening: each party's ears return to the other party.
    for (const [listener, source] of [[AGENT_TAG, CUSTOMER_TAG], [CUSTOMER_TAG, AGENT_TAG]] as const) {
      await ng.unsubscribe({ callId: call.callId, subscriberTag: listener });
      await ng.subscribeRequest({ callId: call.callId, sources: [source], subscriberTag: listener, profile: 'plain' });
    }
    await Promise.all([call.converse(), mixer.talk(toAgent.publishedTo, MIX_FOR_AGENT), mixer.talk(toCustomer.publishedTo, MIX_FOR_CUSTOMER)]);
    expectVoices(call.agent.heard(), { [CUSTOMER]: 20 });
    expectVoices(call.customer.heard(), { [AGENT]: 20 });
    expectVoices(recorder.heard(), { [CUSTOMER]: 20, [AGENT]: 20 });
  });
  it('ending the supervisor’s leg deletes only that leg: the call and the recording go on', async () => {
    const call = await talkingCall();
    const { recorder } = await subscribeRecorder(call);
    await supervisorLeg(call);
    await ng.delete({ callId: call.callId, fromTag: 'supervisor-tag', toTag: 'mixer-for-supervisor' });
    await call.converse();

    expectVoices(call.customer.heard(), { [AGENT]: 20 });
    expectVoices(call.agent.heard(), { [CUSTOMER]: 20 });
    expectVoices(recorder.heard(), { [CUSTOMER]: 20, [AGENT]: 20 });
    await expect(ng.listCalls()).resolves.toContain(call.callId);
  });

  it('a re-negotiation between the parties (hold, transfer) links the customer to the agent again beside the mixer’s stream: the service must re-apply whisper', async () => {
    const call = await talkingCall();
    const { recorder } = await subscribeRecorder(call);
    const { mixer } = await supervisorLeg(call);
    const { publishedTo } = await repoint(call, AGENT_TAG, 'mixer-for-agent', mixer);
    // What Kamailio sends rtpengine for a re-INVITE from the agent (From tag = the agent's).
    await ng.command({ command: 'offer', 'call-id': call.callId, 'from-tag': AGENT_TAG, 'to-tag': CUSTOMER_TAG, sdp: call.agent.sdp('sendrecv'), replace: ['origin', 'session-connection'], ICE: 'remove' });
    await ng.command({ command: 'answer', 'call-id': call.callId, 'from-tag': AGENT_TAG, 'to-tag': CUSTOMER_TAG, sdp: call.customer.sdp('sendrecv'), replace: ['origin', 'session-connection'], ICE: 'remove' });
    await Promise.all([call.converse(), mixer.talk(publishedTo, MIX_FOR_AGENT)]);

    expectVoices(call.agent.heard(), { [CUSTOMER]: 20, [MIX_FOR_AGENT]: 20 });
    expectVoices(recorder.heard(), { [CUSTOMER]: 20, [AGENT]: 20 });

    // Re-applying the re-point restores whisper.
    await ng.unsubscribe({ callId: call.callId, subscriberTag: AGENT_TAG });
    await ng.subscribeRequest({ callId: call.callId, sources: ['mixer-for-agent'], subscriberTag: AGENT_TAG, profile: 'plain' });
    await Promise.all([call.converse(), mixer.talk(publishedTo, MIX_FOR_AGENT)]);
    expectVoices(call.agent.heard(), { [MIX_FOR_AGENT]: 20 });
    expectVoices(call.customer.heard(), { [AGENT]: 40 });
  });
});

describe('what rtpengine 10.5 does not do', () => {
  it('play media toward a party that is talking adds a second stream (another SSRC) beside the other party’s: it neither mixes nor replaces', async () => {
    const call = await talkingCall();
    await ng.playMedia({ callId: call.callId, to: { fromTag: AGENT_TAG }, file: path.resolve('pbx/media/queue-wait.wav') });
    await call.converse(25);
    await ng.stopMedia({ callId: call.callId, to: { fromTag: AGENT_TAG } });

    const atAgent = call.agent.received;
    expect(atAgent.filter((packet) => packet.voice === CUSTOMER).length).toBeGreaterThanOrEqual(23);
    expect(atAgent.filter((packet) => packet.voice !== CUSTOMER).length).toBeGreaterThan(15);
    expect(new Set(atAgent.map((packet) => packet.ssrc)).size).toBe(2);
  });

  it('pcap recording: one file per start recording with both legs as received; a stop leaves a gap, not silence', async () => {
    const call = await talkingCall();
    await ng.startRecording({ callId: call.callId });
    await call.converse(20);
    await ng.stopRecording({ callId: call.callId });
    await call.converse(10);
    await ng.startRecording({ callId: call.callId });
    await call.converse(15);
    await ng.delete({ callId: call.callId, fromTag: CUSTOMER_TAG });
    await sleep(200);

    // Only this test records: every file in pcaps/ is this call's.
    const files = await readdir(path.join(recordingDir, 'pcaps'));
    expect(files).toHaveLength(2);
    const perFile = await Promise.all(files.map(async (name) => readPcapVoices(await readFile(path.join(recordingDir, 'pcaps', name)))));
    perFile.sort((a, b) => (a.get(CUSTOMER) ?? 0) - (b.get(CUSTOMER) ?? 0));
    expectVoices(perFile[0] ?? new Map<number, number>(), { [CUSTOMER]: 15, [AGENT]: 15 });
    expectVoices(perFile[1] ?? new Map<number, number>(), { [CUSTOMER]: 20, [AGENT]: 20 });
  });
});

/** The RTP voices in a raw-IP pcap (rtpengine's `recording-format = raw`: link type 101). */
function readPcapVoices(file: Buffer): Map<number, number> {
  expect(file.readUInt32LE(0)).toBe(0xa1b2c3d4);
  expect(file.readUInt32LE(20)).toBe(101);
  const found = new Map<number, number>();
  for (let at = 24; at + 16 <= file.length; ) {
    const length = file.readUInt32LE(at + 8);
    const packet = file.subarray(at + 16, at + 16 + length);
    at += 16 + length;
    // IPv4 header (20 bytes), UDP (8), RTP (12), then the payload.
    const voice = packet[20 + 8 + 12];
    if (voice !== undefined) found.set(voice, (found.get(voice) ?? 0) + 1);
  }
  return found;
}
