import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/src/db/rows';
import { RtpengineRecordingMedia } from '../../server/src/media/recording-media';
import { parseWavHeader } from '../../server/src/media/wav';
import { createTestApp, type TestApp } from '../../server/test/test-app';
import { pickFreePorts } from './ports';
import { Rtpengine } from './rtpengine';

/**
 * The service's recording against the real rtpengine 10.5: two UDP sockets stand for the
 * customer (a gateway) and the agent, rtpengine relays their call as Kamailio would have it
 * (offer, answer), the PBX's trigger makes the service subscribe its recorder, and the WAV it
 * writes is read back: both sides audible, as long as the call, a paused stretch silent.
 */

const HOST = '127.0.0.1';
const token = randomBytes(24).toString('hex');
/** Header bytes of the recorder's WAV (RIFF, fmt of 18, fact, data). */
const HEADER_BYTES = 58;

let runDir: string;
let rtpengine: Rtpengine;
let testApp: TestApp;
const sockets: Socket[] = [];
const calls: string[] = [];

beforeAll(async () => {
  runDir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-recording-'));
  const [ngPort = 0] = await pickFreePorts(1);
  rtpengine = await Rtpengine.start({ runDir, ngPort, portMin: 39900, portMax: 39959 });
  testApp = await createTestApp({
    env: { TSUNAGU_PBX_TOKEN: token, TSUNAGU_RTPENGINE_NG: rtpengine.ngSocket },
    recordingMedia: new RtpengineRecordingMedia(rtpengine.control),
  });
}, 60_000);

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  for (const callId of calls.splice(0)) await rtpengine.control.delete({ callId, fromTag: 'customer' }).catch(() => undefined);
});

afterAll(async () => {
  await testApp.close();
  await rtpengine.stop();
  await rm(runDir, { recursive: true, force: true });
});

async function udp(): Promise<Socket> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.bind(0, HOST, resolve));
  return socket;
}

function sdp(port: number, codec: 'PCMU' | 'PCMA'): string {
  const payloadType = codec === 'PCMU' ? 0 : 8;
  return ['v=0', `o=- ${port} 1 IN IP4 ${HOST}`, 's=-', `c=IN IP4 ${HOST}`, 't=0 0', `m=audio ${port} RTP/AVP ${payloadType}`, `a=rtpmap:${payloadType} ${codec}/8000`, 'a=ptime:20', 'a=sendrecv', ''].join('\r\n');
}

function audioPort(description: string): number {
  const port = /^m=audio (\d+) /m.exec(description)?.[1];
  if (port === undefined) throw new Error(`no audio section in\n${description}`);
  return Number(port);
}

/** A call relayed by rtpengine as Kamailio sets it up: the customer offers, the agent answers. */
async function talkingCall(codec: 'PCMU' | 'PCMA'): Promise<{ callId: string; converse: (ms: number, voices: [number, number]) => Promise<void> }> {
  const callId = `${randomBytes(6).toString('hex')}@recording.test`;
  calls.push(callId);
  const customer = await udp();
  const agent = await udp();
  const offer = await rtpengine.control.offer({ callId, fromTag: 'customer', sdp: sdp(customer.address().port, codec), profile: 'plain' });
  const answer = await rtpengine.control.answer({ callId, fromTag: 'customer', toTag: 'agent', sdp: sdp(agent.address().port, codec), profile: 'plain' });
  const customerSendsTo = audioPort(answer.sdp);
  const agentSendsTo = audioPort(offer.sdp);
  const payloadType = codec === 'PCMU' ? 0 : 8;
  const ssrcs = [randomBytes(4), randomBytes(4)];
  let sequence = 0;
  return {
    callId,
    /** Both parties talk for `ms`, each a constant G.711 byte (audible). */
    async converse(ms, voices) {
      const started = Date.now();
      for (let step = 0; step < ms / 20; step += 1) {
        for (const [index, [socket, port]] of ([[customer, customerSendsTo], [agent, agentSendsTo]] as const).entries()) {
          const header = Buffer.alloc(12);
          header[0] = 0x80;
          header[1] = payloadType;
          header.writeUInt16BE(sequence & 0xffff, 2);
          header.writeUInt32BE(sequence * 160, 4);
          ssrcs[index]?.copy(header, 8);
          socket.send(Buffer.concat([header, Buffer.alloc(160, voices[index])]), port, HOST);
        }
        sequence += 1;
        // Paced by the wall clock, as a phone sends: the RTP timestamps follow real time.
        await sleep(Math.max(0, started + (step + 1) * 20 - Date.now()));
      }
    },
  };
}

async function pbx(url: string): Promise<Record<string, unknown>> {
  const response = await testApp.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'x' });
  expect(response.statusCode).toBe(200);
  return response.json<Record<string, unknown>>();
}

/** The decoded level (0–32124) of each μ-law sample of one channel. */
function levels(channel: Buffer): number[] {
  return [...channel].map((byte) => {
    const value = ~byte & 0xff;
    const magnitude = ((((value & 0x0f) << 3) + 0x84) << ((value >> 4) & 0x07)) - 0x84;
    return magnitude;
  });
}

async function recordedChannels(callId: string): Promise<{ wav: Buffer; left: Buffer; right: Buffer; durationMs: number; pauses: { startMs: number; endMs: number }[] }> {
  const [row] = await rows<{ file_path: string; duration_ms: number; status: string; pauses: { startMs: number; endMs: number }[] }>(
    testApp.database.db,
    sql`select file_path, duration_ms, status, pauses from recordings where sip_call_id = ${callId}`,
  );
  if (!row) throw new Error(`no recording of ${callId}`);
  expect(row.status).toBe('complete');
  const wav = await readFile(path.join(testApp.config.recordings.dir, row.file_path));
  const data = wav.subarray(HEADER_BYTES);
  const left = Buffer.alloc(data.length / 2);
  const right = Buffer.alloc(data.length / 2);
  for (let index = 0; index < left.length; index += 1) {
    left[index] = data[index * 2] ?? 0;
    right[index] = data[index * 2 + 1] ?? 0;
  }
  return { wav, left, right, durationMs: row.duration_ms, pauses: row.pauses };
}

describe('recording a call through rtpengine', () => {
  it('records both parties, customer left and agent right, for as long as the call lasts; a paused stretch is silent', async () => {
    const call = await talkingCall('PCMU');
    const startedAt = Date.now();
    const decision = await pbx(`/api/pbx/recordings/start?call=${encodeURIComponent(call.callId)}&from=customer&to=agent&caller=0312345678&callee=1001`);
    expect(decision).toMatchObject({ recording: true });
    await call.converse(1000, [0x11, 0x22]);
    const agent = await testApp.login('1001');
    expect((await agent.post(`/api/call-records/by-call-id/${encodeURIComponent(call.callId)}/recording/pause`)).statusCode).toBe(200);
    await call.converse(1000, [0x33, 0x44]);
    expect((await agent.post(`/api/call-records/by-call-id/${encodeURIComponent(call.callId)}/recording/resume`)).statusCode).toBe(200);
    await call.converse(1000, [0x11, 0x22]);
    // The BYE: Kamailio deletes the parties' dialogue in rtpengine (both tags) and reports it.
    await rtpengine.control.delete({ callId: call.callId, fromTag: 'customer', toTag: 'agent' });
    expect(await pbx(`/api/pbx/recordings/stop?call=${encodeURIComponent(call.callId)}`)).toEqual({ stopped: true });
    const callMs = Date.now() - startedAt;
    // Nothing of the call is left in rtpengine: the recorder's subscription went with it.
    expect(await rtpengine.control.listCalls()).not.toContain(call.callId);

    const { wav, left, right, durationMs, pauses } = await recordedChannels(call.callId);
    expect(parseWavHeader(wav)).toMatchObject({ format: 7, channels: 2, sampleRate: 8000 });
    // The call as the test saw it includes the two requests to the service: well within the ±2 s asked.
    expect(Math.abs(durationMs - callMs)).toBeLessThan(1000);
    expect(Math.abs(parseWavHeader(wav).durationMs - durationMs)).toBeLessThanOrEqual(1);
    // Each side in its own channel, never the other's, and audible for most of the talk.
    expect([...new Set(left)].sort((a, b) => a - b)).toEqual([0x11, 0xff]);
    expect([...new Set(right)].sort((a, b) => a - b)).toEqual([0x22, 0xff]);
    const audible = (channel: Buffer): number => levels(channel).filter((level) => level > 1000).length / 8000;
    expect(audible(left)).toBeGreaterThan(1.6);
    expect(audible(right)).toBeGreaterThan(1.6);
    // The pause: about a second, silence on both channels.
    expect(pauses).toHaveLength(1);
    const [pause] = pauses;
    if (!pause) throw new Error('no pause');
    expect(pause.endMs - pause.startMs).toBeGreaterThan(900);
    const paused = (channel: Buffer): Buffer => channel.subarray(pause.startMs * 8, pause.endMs * 8);
    expect([...new Set(paused(left))]).toEqual([0xff]);
    expect([...new Set(paused(right))]).toEqual([0xff]);
  });

  it('records a PCMA call transcoded to PCMU (the audio is re-encoded, not relabelled)', async () => {
    const call = await talkingCall('PCMA');
    expect(await pbx(`/api/pbx/recordings/start?call=${encodeURIComponent(call.callId)}&from=customer&to=agent&caller=0312345678&callee=1001`)).toMatchObject({ recording: true });
    // A-law 0xd5 is silence; 0x22 a loud sample.
    await call.converse(600, [0x22, 0x22]);
    expect(await pbx(`/api/pbx/recordings/stop?call=${encodeURIComponent(call.callId)}`)).toEqual({ stopped: true });
    const { left, right } = await recordedChannels(call.callId);
    for (const channel of [left, right]) {
      const values = new Set(channel);
      expect(values.has(0x22)).toBe(false);
      expect(levels(channel).filter((level) => level > 1000).length).toBeGreaterThan(8 * 400);
    }
  });

  it('answers the PBX without recording when rtpengine does not know the call: the row says failed, the request still succeeds', async () => {
    const decision = await pbx(`/api/pbx/recordings/start?call=unknown-${randomBytes(4).toString('hex')}&from=customer&to=agent&caller=0312345678&callee=1001`);
    expect(decision).toEqual({ recording: false, reason: 'failed' });
  });
});
