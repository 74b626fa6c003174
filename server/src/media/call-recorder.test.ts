import { createHash } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallRecorder, CallRecorderError } from './call-recorder';
import { parseWavHeader } from './wav';

/** The header the recorder writes: RIFF, fmt (18), fact, data. */
const HEADER_BYTES = 58;
const CUSTOMER_VOICE = 0x11;
const AGENT_VOICE = 0x22;

let dir: string;
const sockets: Socket[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-recorder-'));
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in for one of rtpengine's subscription ports: sends RTP from a port of its own. */
async function source(): Promise<{ port: number; send: (to: number, packet: Buffer) => void }> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    send: (to, packet) => socket.send(packet, to, '127.0.0.1'),
  };
}

function rtp(options: { sequence: number; timestamp: number; ssrc: number; voice: number; payloadType?: number; samples?: number }): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = options.payloadType ?? 0;
  header.writeUInt16BE(options.sequence & 0xffff, 2);
  header.writeUInt32BE(options.timestamp >>> 0, 4);
  header.writeUInt32BE(options.ssrc >>> 0, 8);
  return Buffer.concat([header, Buffer.alloc(options.samples ?? 160, options.voice)]);
}

/** A clock the test moves by hand. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

/** Waits until the recorder has taken `count` packets in all. */
async function received(recorder: CallRecorder, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { customer, agent } = recorder.packets;
    if (customer + agent >= count) return;
    await sleep(5);
  }
  throw new Error(`the recorder took ${JSON.stringify(recorder.packets)}, expected ${count} packets`);
}

/** Waits until `count` datagrams in all reached the recorder's socket. */
async function arrived(recorder: CallRecorder, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200 && recorder.arrivals < count; attempt += 1) await sleep(5);
  expect(recorder.arrivals).toBeGreaterThanOrEqual(count);
}

/** The left and right channels of a finished recording, one byte per sample. */
async function channels(file: string): Promise<{ left: Buffer; right: Buffer }> {
  const bytes = await readFile(file);
  const data = bytes.subarray(HEADER_BYTES);
  const left = Buffer.alloc(data.length / 2);
  const right = Buffer.alloc(data.length / 2);
  for (let index = 0; index < left.length; index += 1) {
    left[index] = data[index * 2] ?? 0;
    right[index] = data[index * 2 + 1] ?? 0;
  }
  return { left, right };
}

/** Which byte values a run of samples holds (`[0x11]` for the customer's voice only). */
function voices(samples: Buffer): number[] {
  return [...new Set(samples)].sort((a, b) => a - b);
}

describe('CallRecorder', () => {
  it('writes the customer on the left and the agent on the right of an 8 kHz μ-law stereo WAV as long as the call', async () => {
    const clock = manualClock();
    const file = path.join(dir, 'tenant', '2026', 'call.wav');
    const recorder = await CallRecorder.open({ file, now: clock.now, flushIntervalMs: 0 });
    const customer = await source();
    const agent = await source();
    recorder.setSources({ customer: customer.port, agent: agent.port });
    // 1 s of both talking, in 20 ms packets, arriving in time.
    for (let index = 0; index < 50; index += 1) {
      customer.send(recorder.address.port, rtp({ sequence: index, timestamp: index * 160, ssrc: 1, voice: CUSTOMER_VOICE }));
      agent.send(recorder.address.port, rtp({ sequence: 500 + index, timestamp: 90_000 + index * 160, ssrc: 2, voice: AGENT_VOICE }));
      await received(recorder, 2 * index + 2);
      clock.advance(20);
    }
    clock.advance(2_000);
    const finished = await recorder.stop();

    expect(finished.file).toBe(file);
    expect(finished.durationMs).toBe(3_000);
    const wav = await readFile(file);
    expect(parseWavHeader(wav)).toEqual({ format: 7, channels: 2, sampleRate: 8000, bitsPerSample: 8, durationMs: 3_000 });
    expect(wav.length).toBe(HEADER_BYTES + 3 * 16_000);
    const { left, right } = await channels(file);
    expect(voices(left.subarray(0, 8_000))).toEqual([CUSTOMER_VOICE]);
    expect(voices(right.subarray(0, 8_000))).toEqual([AGENT_VOICE]);
    // Then silence until the stop.
    expect(voices(left.subarray(8_000))).toEqual([0xff]);
    expect(voices(right.subarray(8_000))).toEqual([0xff]);
    expect(finished.packets).toEqual({ customer: 50, agent: 50 });
    expect(finished.peaks.customer).toHaveLength(30);
    expect(finished.peaks.customer.slice(0, 10).every((peak) => peak > 0.1)).toBe(true);
    expect(finished.peaks.customer.slice(10).every((peak) => peak === 0)).toBe(true);
    expect(finished.sha256).toBe(createHash('sha256').update(wav).digest('hex'));
    const mode = (await stat(file)).mode & 0o777;
    expect(mode).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
  });

  it('places packets by RTP timestamp: a gap in the stream is silence, a late packet lands where it belongs', async () => {
    const clock = manualClock();
    const recorder = await CallRecorder.open({ file: path.join(dir, 'gap.wav'), now: clock.now, flushIntervalMs: 0 });
    const customer = await source();
    const agent = await source();
    recorder.setSources({ customer: customer.port, agent: agent.port });
    customer.send(recorder.address.port, rtp({ sequence: 0, timestamp: 0, ssrc: 7, voice: 0x10 }));
    await received(recorder, 1);
    clock.advance(200);
    // 200 ms later the packet of 160 ms arrives, then the one of 80 ms (reordered).
    customer.send(recorder.address.port, rtp({ sequence: 8, timestamp: 8 * 160, ssrc: 7, voice: 0x18 }));
    customer.send(recorder.address.port, rtp({ sequence: 4, timestamp: 4 * 160, ssrc: 7, voice: 0x14 }));
    await received(recorder, 3);
    clock.advance(800);
    const finished = await recorder.stop();
    expect(finished.durationMs).toBe(1_000);
    const { left, right } = await channels(finished.file);
    expect(voices(left.subarray(0, 160))).toEqual([0x10]);
    expect(voices(left.subarray(160, 640))).toEqual([0xff]);
    expect(voices(left.subarray(640, 800))).toEqual([0x14]);
    expect(voices(left.subarray(1280, 1440))).toEqual([0x18]);
    expect(voices(left.subarray(1440))).toEqual([0xff]);
    expect(voices(right)).toEqual([0xff]);
  });

  it('a sender that stalled is placed from its arrival again, not dropped as late; a new SSRC (hold, transfer) likewise', async () => {
    const clock = manualClock();
    const recorder = await CallRecorder.open({ file: path.join(dir, 'stall.wav'), now: clock.now, flushIntervalMs: 0 });
    const customer = await source();
    const agent = await source();
    recorder.setSources({ customer: customer.port, agent: agent.port });
    customer.send(recorder.address.port, rtp({ sequence: 0, timestamp: 0, ssrc: 5, voice: 0x10 }));
    await received(recorder, 1);
    // 300 ms without packets, then the next timestamp as if nothing happened.
    clock.advance(300);
    recorder.flush();
    customer.send(recorder.address.port, rtp({ sequence: 1, timestamp: 160, ssrc: 5, voice: 0x12 }));
    await received(recorder, 2);
    clock.advance(100);
    customer.send(recorder.address.port, rtp({ sequence: 9, timestamp: 777_000, ssrc: 6, voice: 0x13 }));
    await received(recorder, 3);
    clock.advance(100);
    const { file } = await recorder.stop();
    const { left } = await channels(file);
    expect(voices(left.subarray(0, 160))).toEqual([0x10]);
    expect(voices(left.subarray(2_400, 2_560))).toEqual([0x12]);
    expect(voices(left.subarray(3_200, 3_360))).toEqual([0x13]);
  });

  it('tells the streams apart by source port, not SSRC, and ignores strangers, RTCP and DTMF events', async () => {
    const clock = manualClock();
    const recorder = await CallRecorder.open({ file: path.join(dir, 'ports.wav'), now: clock.now, flushIntervalMs: 0 });
    const customer = await source();
    const agent = await source();
    const stranger = await source();
    recorder.setSources({ customer: customer.port, agent: agent.port });
    // The same SSRC from both sources (rtpengine may reuse one after a transfer) still splits by port.
    customer.send(recorder.address.port, rtp({ sequence: 1, timestamp: 0, ssrc: 9, voice: CUSTOMER_VOICE }));
    agent.send(recorder.address.port, rtp({ sequence: 1, timestamp: 0, ssrc: 9, voice: AGENT_VOICE }));
    stranger.send(recorder.address.port, rtp({ sequence: 1, timestamp: 0, ssrc: 3, voice: 0x33 }));
    agent.send(recorder.address.port, rtp({ sequence: 2, timestamp: 160, ssrc: 9, voice: 0x44, payloadType: 101, samples: 4 }));
    customer.send(recorder.address.port, Buffer.from([0x81, 200, 0, 6, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0]));
    await received(recorder, 2);
    await sleep(50);
    clock.advance(100);
    const finished = await recorder.stop();
    expect(finished.packets).toEqual({ customer: 1, agent: 1 });
    const { left, right } = await channels(finished.file);
    expect(voices(left)).toEqual([CUSTOMER_VOICE, 0xff]);
    expect(voices(right)).toEqual([AGENT_VOICE, 0xff]);
  });

  it('a pause is silence on both channels and is kept with its interval; a pause open at the stop is closed there', async () => {
    const clock = manualClock();
    const recorder = await CallRecorder.open({ file: path.join(dir, 'pause.wav'), now: clock.now, flushIntervalMs: 0 });
    const customer = await source();
    const agent = await source();
    recorder.setSources({ customer: customer.port, agent: agent.port });
    let sequence = 0;
    /** Both parties talk for `ms` of the manual clock, packet by packet. */
    const talk = async (ms: number): Promise<void> => {
      for (let step = 0; step < ms / 20; step += 1) {
        const before = recorder.arrivals;
        customer.send(recorder.address.port, rtp({ sequence, timestamp: sequence * 160, ssrc: 1, voice: CUSTOMER_VOICE }));
        agent.send(recorder.address.port, rtp({ sequence, timestamp: sequence * 160, ssrc: 2, voice: AGENT_VOICE }));
        await arrived(recorder, before + 2);
        sequence += 1;
        clock.advance(20);
        recorder.flush();
      }
    };
    await talk(400);
    expect(recorder.pause()).toEqual({ startMs: 400, endMs: undefined });
    expect(recorder.paused).toBe(true);
    expect(() => recorder.pause()).toThrow(CallRecorderError);
    await talk(400);
    expect(recorder.resume()).toEqual({ startMs: 400, endMs: 800 });
    expect(() => recorder.resume()).toThrow(CallRecorderError);
    await talk(400);
    recorder.pause();
    await talk(200);
    const finished = await recorder.stop();

    expect(finished.durationMs).toBe(1_400);
    expect(finished.pauses).toEqual([
      { startMs: 400, endMs: 800 },
      { startMs: 1_200, endMs: 1_400 },
    ]);
    const { left, right } = await channels(finished.file);
    expect(left.length).toBe(1_400 * 8);
    for (const channel of [left, right]) {
      expect(voices(channel.subarray(3_200, 6_400))).toEqual([0xff]);
      expect(voices(channel.subarray(9_600))).toEqual([0xff]);
    }
    expect(voices(left.subarray(0, 3_200))).toEqual([CUSTOMER_VOICE]);
    expect(voices(right.subarray(6_400, 9_600))).toEqual([AGENT_VOICE]);
  });

  it('keeps a playable file while recording: the header is rewritten with the sizes so far', async () => {
    const clock = manualClock();
    const file = path.join(dir, 'live.wav');
    const recorder = await CallRecorder.open({ file, now: clock.now, flushIntervalMs: 0, headerIntervalMs: 10, jitterMs: 60 });
    clock.advance(1_060);
    recorder.flush();
    await sleep(60);
    const partial = await readFile(`${file}.partial`);
    expect(parseWavHeader(partial).durationMs).toBe(1_000);
    expect(partial.length).toBe(HEADER_BYTES + 16_000);
    await recorder.stop();
    await expect(stat(`${file}.partial`)).rejects.toThrow();
    await expect(recorder.stop()).rejects.toThrow(CallRecorderError);
    expect(() => recorder.pause()).toThrow(/ended/);
  });

  it('flushes by itself on its own clock', async () => {
    const recorder = await CallRecorder.open({ file: path.join(dir, 'timer.wav'), flushIntervalMs: 20, jitterMs: 20 });
    await sleep(300);
    const finished = await recorder.stop();
    const wav = await readFile(finished.file);
    expect(Math.abs(parseWavHeader(wav).durationMs - finished.durationMs)).toBeLessThanOrEqual(1);
    expect(finished.durationMs).toBeGreaterThanOrEqual(290);
  });
});
