import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NgClient } from '../../server/src/media/ng-client';
import { pickFreePorts } from './ports';
import { Rtpengine } from './rtpengine';
import { audioPort, audioPorts, RtpTestEndpoint, type ReceivedRtp } from './rtp-test-endpoint';

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

/** Whose audio a packet carries: its first payload byte. */
function voiceOf(packet: ReceivedRtp): number {
  return packet.payload[0] ?? 0;
}

/** Sends `count` 20 ms packets whose payload is all `voice`, to rtpengine's `port`. */
function talk(endpoint: RtpTestEndpoint, port: number, voice: number, count = 20, payloadType = 0): Promise<void> {
  return endpoint.send(port, Buffer.alloc(160, voice), { count, payloadType });
}

/** Whose audio arrived since the last look (voice byte → packets), and forgets it. */
function heard(endpoint: RtpTestEndpoint): Map<number, number> {
  const voices = new Map<number, number>();
  for (const packet of endpoint.take()) voices.set(voiceOf(packet), (voices.get(voiceOf(packet)) ?? 0) + 1);
  return voices;
}

/** A connected call: the customer offered (From tag), the agent answered (To tag). */
interface TalkingCall {
  readonly callId: string;
  readonly customer: RtpTestEndpoint;
  readonly agent: RtpTestEndpoint;
  /** rtpengine's port the customer sends to (from the answer it got). */
  readonly customerSendsTo: number;
  /** rtpengine's port the agent sends to (from the offer it got). */
  readonly agentSendsTo: number;
  /** Both talk at once for `count` packets, then the relay settles. */
  converse(count?: number): Promise<void>;
}

const CUSTOMER_TAG = 'customer-tag';
const AGENT_TAG = 'agent-tag';
const opened: RtpTestEndpoint[] = [];
const calls: string[] = [];

afterEach(async () => {
  for (const endpoint of opened.splice(0)) endpoint.close();
  for (const callId of calls.splice(0)) await ng.delete({ callId, fromTag: CUSTOMER_TAG }).catch(() => undefined);
});

async function endpoint(): Promise<RtpTestEndpoint> {
  const opening = await RtpTestEndpoint.open(HOST);
  opened.push(opening);
  return opening;
}

async function talkingCall(codec: 'PCMU' | 'PCMA' = 'PCMU'): Promise<TalkingCall> {
  const callId = `${randomBytes(6).toString('hex')}@monitoring.test`;
  calls.push(callId);
  const customer = await endpoint();
  const agent = await endpoint();
  const offer = await ng.offer({ callId, fromTag: CUSTOMER_TAG, sdp: customer.sdp({ direction: 'sendrecv', codecs: [codec] }), profile: 'plain' });
  const answer = await ng.answer({ callId, fromTag: CUSTOMER_TAG, toTag: AGENT_TAG, sdp: agent.sdp({ direction: 'sendrecv', codecs: [codec] }), profile: 'plain' });
  const customerSendsTo = audioPort(answer.sdp);
  const agentSendsTo = audioPort(offer.sdp);
  const payloadType = codec === 'PCMU' ? 0 : 8;
  return {
    callId,
    customer,
    agent,
    customerSendsTo,
    agentSendsTo,
    async converse(count = 20) {
      await Promise.all([talk(customer, customerSendsTo, CUSTOMER, count, payloadType), talk(agent, agentSendsTo, AGENT, count, payloadType)]);
      await sleep(150);
    },
  };
}

/** The service's recorder: a plain subscription to both parties, transcoded to PCMU, answered on one socket. */
async function subscribeRecorder(call: TalkingCall, tag = 'recorder'): Promise<{ recorder: RtpTestEndpoint; customerStreamPort: number; agentStreamPort: number }> {
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

    await Promise.all([call.converse(), talk(recorder, customerStreamPort, RECORDER), talk(recorder, agentStreamPort, RECORDER)]);

    const fromCustomer = recorder.received.filter((packet) => packet.fromPort === customerStreamPort);
    const fromAgent = recorder.received.filter((packet) => packet.fromPort === agentStreamPort);
    expect(new Set(fromCustomer.map((packet) => voiceOf(packet)))).toEqual(new Set([CUSTOMER]));
    expect(new Set(fromAgent.map((packet) => voiceOf(packet)))).toEqual(new Set([AGENT]));
    expect(fromCustomer.length).toBeGreaterThanOrEqual(18);
    expect(fromAgent.length).toBeGreaterThanOrEqual(18);
    expect(new Set(recorder.received.map((packet) => packet.payloadType))).toEqual(new Set([0]));
    // The call itself is untouched: each party hears the other, and never the recorder.
    expectVoices(heard(call.customer), { [AGENT]: 20 });
    expectVoices(heard(call.agent), { [CUSTOMER]: 20 });
  });

  it('transcodes a PCMA call to PCMU for the recorder (the payload is re-encoded, not relabelled)', async () => {
    const call = await talkingCall('PCMA');
    const { recorder, customerStreamPort } = await subscribeRecorder(call);
    await call.converse();

    expectVoices(heard(call.agent), { [CUSTOMER]: 20 });
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
    expect(heard(recorder).size).toBe(2);
    heard(call.customer);
    heard(call.agent);

    await ng.unsubscribe({ callId: call.callId, subscriberTag: 'recorder' });
    await call.converse();
    expect(heard(recorder).size).toBe(0);
    expectVoices(heard(call.customer), { [AGENT]: 20 });
    expectVoices(heard(call.agent), { [CUSTOMER]: 20 });
  });

  it('a subscribe request with the same recorder tag replaces the subscription (a restarted service takes the copies over on a new socket)', async () => {
    const call = await talkingCall();
    const { recorder: before } = await subscribeRecorder(call, 'recorder');
    await call.converse(10);
    expect(heard(before).size).toBe(2);

    const { recorder: after } = await subscribeRecorder(call, 'recorder');
    await call.converse();
    expect(heard(before).size).toBe(0);
    expectVoices(heard(after), { [CUSTOMER]: 20, [AGENT]: 20 });
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
  async function supervisorLeg(call: TalkingCall): Promise<{ supervisor: RtpTestEndpoint; mixer: RtpTestEndpoint; supervisorSendsTo: number; mixerSendsTo: number }> {
    const supervisor = await endpoint();
    const mixer = await endpoint();
    const offer = await ng.offer({ callId: call.callId, fromTag: 'supervisor-tag', sdp: supervisor.sdp({ direction: 'sendrecv' }), profile: 'plain', extra: { codec: { transcode: ['PCMU'] } } });
    const answer = await ng.answer({ callId: call.callId, fromTag: 'supervisor-tag', toTag: 'mixer-for-supervisor', sdp: mixer.sdp({ direction: 'sendrecv' }), profile: 'plain' });
    return { supervisor, mixer, supervisorSendsTo: audioPort(answer.sdp), mixerSendsTo: audioPort(offer.sdp) };
  }

  /** The mixer publishes a stream and `listenerTag`'s ears are moved onto it. */
  async function repoint(call: TalkingCall, listenerTag: string, publisherTag: string, mixer: RtpTestEndpoint): Promise<{ publishedTo: number; listenerPortSdp: number }> {
    const published = await ng.publish({ callId: call.callId, publisherTag, sdp: mixer.sdp({ direction: 'sendonly' }), profile: 'plain' });
    await ng.unsubscribe({ callId: call.callId, subscriberTag: listenerTag });
    const subscription = await ng.subscribeRequest({ callId: call.callId, sources: [publisherTag], subscriberTag: listenerTag, profile: 'plain' });
    return { publishedTo: audioPort(published.sdp), listenerPortSdp: audioPort(subscription.sdp) };
  }

  it('listen: the mixer receives the supervisor and feeds it the mix; the customer and the agent never receive the supervisor', async () => {
    const call = await talkingCall();
    const { recorder } = await subscribeRecorder(call, 'monitor-input');
    const { supervisor, mixer, supervisorSendsTo, mixerSendsTo } = await supervisorLeg(call);

    await Promise.all([call.converse(), talk(supervisor, supervisorSendsTo, SUPERVISOR), talk(mixer, mixerSendsTo, MIX_FOR_SUPERVISOR)]);

    expectVoices(heard(recorder), { [CUSTOMER]: 20, [AGENT]: 20 });
    expectVoices(heard(mixer), { [SUPERVISOR]: 20 });
    expectVoices(heard(supervisor), { [MIX_FOR_SUPERVISOR]: 20 });
    expectVoices(heard(call.customer), { [AGENT]: 20 });
    expectVoices(heard(call.agent), { [CUSTOMER]: 20 });
  });

  it('whisper: the agent hears only the mixer’s stream, from the port it already receives on; the customer still hears only the agent; the recording goes on; and back', async () => {
    const call = await talkingCall();
    const { recorder } = await subscribeRecorder(call);
    const { mixer } = await supervisorLeg(call);
    const before = await (async () => {
      await call.converse(5);
      const port = call.agent.received[0]?.fromPort;
      heard(call.agent);
      heard(call.customer);
      heard(recorder);
      return port;
    })();

    const { publishedTo, listenerPortSdp } = await repoint(call, AGENT_TAG, 'mixer-for-agent', mixer);
    expect(listenerPortSdp).toBe(before);
    await Promise.all([call.converse(), talk(mixer, publishedTo, MIX_FOR_AGENT)]);

    expect(call.agent.received.every((packet) => packet.fromPort === before)).toBe(true);
    expectVoices(heard(call.agent), { [MIX_FOR_AGENT]: 20 });
    expectVoices(heard(call.customer), { [AGENT]: 20 });
    expectVoices(heard(recorder), { [CUSTOMER]: 20, [AGENT]: 20 });

    // Whisper off: the agent hears the customer again, the mixer's stream no longer.
    await ng.unsubscribe({ callId: call.callId, subscriberTag: AGENT_TAG });
    await ng.subscribeRequest({ callId: call.callId, sources: [CUSTOMER_TAG], subscriberTag: AGENT_TAG, profile: 'plain' });
    await Promise.all([call.converse(), talk(mixer, publishedTo, MIX_FOR_AGENT)]);
    expectVoices(heard(call.agent), { [CUSTOMER]: 20 });
    expectVoices(heard(call.customer), { [AGENT]: 20 });
  });

  it('barge: the customer’s ears move onto a second mixer stream as well, each party hearing only its own mix; and back to listening', async () => {
    const call = await talkingCall();
    const { recorder } = await subscribeRecorder(call);
    const { mixer } = await supervisorLeg(call);
    const toAgent = await repoint(call, AGENT_TAG, 'mixer-for-agent', mixer);
    const toCustomer = await repoint(call, CUSTOMER_TAG, 'mixer-for-customer', mixer);

    await Promise.all([call.converse(), talk(mixer, toAgent.publishedTo, MIX_FOR_AGENT), talk(mixer, toCustomer.publishedTo, MIX_FOR_CUSTOMER)]);

    expectVoices(heard(call.agent), { [MIX_FOR_AGENT]: 20 });
    expectVoices(heard(call.customer), { [MIX_FOR_CUSTOMER]: 20 });
    expectVoices(heard(recorder), { [CUSTOMER]: 20, [AGENT]: 20 });

    // Back to listening: each party's ears return to the other party.
    for (const [listener, source] of [[AGENT_TAG, CUSTOMER_TAG], [CUSTOMER_TAG, AGENT_TAG]] as const) {
      await ng.unsubscribe({ callId: call.callId, subscriberTag: listener });
      await ng.subscribeRequest({ callId: call.callId, sources: [source], subscriberTag: listener, profile: 'plain' });
    }
    await Promise.all([call.converse(), talk(mixer, toAgent.publishedTo, MIX_FOR_AGENT), talk(mixer, toCustomer.publishedTo, MIX_FOR_CUSTOMER)]);
    expectVoices(heard(call.agent), { [CUSTOMER]: 20 });
    expectVoices(heard(call.customer), { [AGENT]: 20 });
    expectVoices(heard(recorder), { [CUSTOMER]: 20, [AGENT]: 20 });
  });
  it('ending the supervisor’s leg deletes only that leg: the call and the recording go on', async () => {
    const call = await talkingCall();
    const { recorder } = await subscribeRecorder(call);
    await supervisorLeg(call);
    await ng.delete({ callId: call.callId, fromTag: 'supervisor-tag', toTag: 'mixer-for-supervisor' });
    await call.converse();

    expectVoices(heard(call.customer), { [AGENT]: 20 });
    expectVoices(heard(call.agent), { [CUSTOMER]: 20 });
    expectVoices(heard(recorder), { [CUSTOMER]: 20, [AGENT]: 20 });
    await expect(ng.listCalls()).resolves.toContain(call.callId);
  });

  it('a re-negotiation between the parties (hold, transfer) links the customer to the agent again beside the mixer’s stream: the service must re-apply whisper', async () => {
    const call = await talkingCall();
    const { recorder } = await subscribeRecorder(call);
    const { mixer } = await supervisorLeg(call);
    const { publishedTo } = await repoint(call, AGENT_TAG, 'mixer-for-agent', mixer);
    // What Kamailio sends rtpengine for a re-INVITE from the agent (From tag = the agent's).
    await ng.command({ command: 'offer', 'call-id': call.callId, 'from-tag': AGENT_TAG, 'to-tag': CUSTOMER_TAG, sdp: call.agent.sdp({ direction: 'sendrecv' }), replace: ['origin', 'session-connection'], ICE: 'remove' });
    await ng.command({ command: 'answer', 'call-id': call.callId, 'from-tag': AGENT_TAG, 'to-tag': CUSTOMER_TAG, sdp: call.customer.sdp({ direction: 'sendrecv' }), replace: ['origin', 'session-connection'], ICE: 'remove' });
    await Promise.all([call.converse(), talk(mixer, publishedTo, MIX_FOR_AGENT)]);

    expectVoices(heard(call.agent), { [CUSTOMER]: 20, [MIX_FOR_AGENT]: 20 });
    expectVoices(heard(recorder), { [CUSTOMER]: 20, [AGENT]: 20 });

    // Re-applying the re-point restores whisper.
    await ng.unsubscribe({ callId: call.callId, subscriberTag: AGENT_TAG });
    await ng.subscribeRequest({ callId: call.callId, sources: ['mixer-for-agent'], subscriberTag: AGENT_TAG, profile: 'plain' });
    await Promise.all([call.converse(), talk(mixer, publishedTo, MIX_FOR_AGENT)]);
    expectVoices(heard(call.agent), { [MIX_FOR_AGENT]: 20 });
    expectVoices(heard(call.customer), { [AGENT]: 40 });
  });
});

describe('what rtpengine 10.5 does not do', () => {
  it('play media toward a party that is talking adds a second stream (another SSRC) beside the other party’s: it neither mixes nor replaces', async () => {
    const call = await talkingCall();
    await ng.playMedia({ callId: call.callId, to: { fromTag: AGENT_TAG }, file: path.resolve('pbx/media/queue-wait.wav') });
    await call.converse(25);
    await ng.stopMedia({ callId: call.callId, to: { fromTag: AGENT_TAG } });

    const atAgent = call.agent.received;
    expect(atAgent.filter((packet) => voiceOf(packet) === CUSTOMER).length).toBeGreaterThanOrEqual(23);
    expect(atAgent.filter((packet) => voiceOf(packet) !== CUSTOMER).length).toBeGreaterThan(15);
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
