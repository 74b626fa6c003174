import { createSocket, type Socket } from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { linearToUlaw, mixUlawFrames, MonitorMixer, ulawSilence, ulawToLinear, type MonitorListener } from './monitor-mixer';

const HOST = '127.0.0.1';

/** A plain RTP port standing in for rtpengine: it sends a party's voice and receives the mixes. */
class RelayPort {
  readonly packets: Buffer[] = [];
  readonly arrivals: number[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('message', (packet) => {
      this.packets.push(packet);
      this.arrivals.push(performance.now());
    });
  }

  static async open(): Promise<RelayPort> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, HOST, resolve));
    return new RelayPort(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Sends `count` 20 ms PCMU packets whose samples are all `byte` to `port`. */
  async talk(port: number, byte: number, count: number, payloadType = 0): Promise<void> {
    for (let sequence = 0; sequence < count; sequence += 1) {
      const header = Buffer.alloc(12);
      header[0] = 0x80;
      header[1] = payloadType;
      header.writeUInt16BE(sequence, 2);
      header.writeUInt32BE(sequence * 160, 4);
      header.writeUInt32BE(0x1234, 8);
      this.socket.send(Buffer.concat([header, Buffer.alloc(160, byte)]), port, HOST);
      await sleep(20);
    }
  }

  /** The linear level of each received packet's middle sample. */
  levels(): number[] {
    return this.packets.map((packet) => ulawToLinear(packet[12 + 80] ?? ulawSilence));
  }

  close(): void {
    this.socket.close();
  }
}

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const thing of opened.splice(0)) thing.close();
});

async function relayPort(): Promise<RelayPort> {
  const port = await RelayPort.open();
  opened.push(port);
  return port;
}

async function mixer(): Promise<MonitorMixer> {
  const opening = await MonitorMixer.open({ host: HOST });
  opened.push(opening);
  return opening;
}

/** A μ-law byte whose linear value is about `level`. */
const ulaw = (level: number): number => linearToUlaw(level);

describe('G.711 μ-law mixing', () => {
  it('decodes and encodes μ-law as G.711 does (silence, the extremes, a round trip)', () => {
    expect(ulawToLinear(0xff)).toBe(0);
    expect(ulawToLinear(0x7f)).toBe(0);
    expect(ulawToLinear(0x80)).toBe(32124);
    expect(ulawToLinear(0x00)).toBe(-32124);
    expect(linearToUlaw(0)).toBe(0xff);
    for (let byte = 0; byte < 256; byte += 1) {
      if (byte === 0x7f) continue; // −0 encodes as +0
      expect(linearToUlaw(ulawToLinear(byte))).toBe(byte);
    }
  });

  it('sums the voices at unity gain', () => {
    const mixed = mixUlawFrames([Buffer.alloc(160, ulaw(1000)), Buffer.alloc(160, ulaw(2000))]);
    expect(ulawToLinear(mixed[0] ?? 0)).toBeGreaterThan(2900);
    expect(ulawToLinear(mixed[0] ?? 0)).toBeLessThan(3100);
    const opposite = mixUlawFrames([Buffer.alloc(160, ulaw(4000)), Buffer.alloc(160, ulaw(-4000))]);
    expect(Math.abs(ulawToLinear(opposite[159] ?? 0))).toBeLessThan(100);
  });

  it('clips a sum louder than μ-law can carry instead of wrapping around', () => {
    const mixed = mixUlawFrames([Buffer.alloc(160, 0x80), Buffer.alloc(160, 0x80)]);
    expect(ulawToLinear(mixed[10] ?? 0)).toBe(32124);
    const negative = mixUlawFrames([Buffer.alloc(160, 0x00), Buffer.alloc(160, 0x00)]);
    expect(ulawToLinear(negative[10] ?? 0)).toBe(-32124);
  });

  it('counts a missing frame as silence', () => {
    const alone = mixUlawFrames([Buffer.alloc(160, ulaw(5000)), undefined]);
    expect(alone.equals(Buffer.alloc(160, ulaw(5000)))).toBe(true);
    expect(mixUlawFrames([undefined, undefined]).equals(Buffer.alloc(160, ulawSilence))).toBe(true);
  });
});

describe('MonitorMixer over UDP', () => {
  it('sends each listener the two other voices, never their own', async () => {
    const mix = await mixer();
    const customer = await relayPort();
    const agent = await relayPort();
    const supervisor = await relayPort();
    const listeners: Record<MonitorListener, RelayPort> = { customer, agent, supervisor };
    for (const listener of ['customer', 'agent', 'supervisor'] as const) mix.sendTo(listener, { host: HOST, port: listeners[listener].port });

    await Promise.all([
      customer.talk(mix.inputPort('customer'), ulaw(1000), 25),
      agent.talk(mix.inputPort('agent'), ulaw(2000), 25),
      supervisor.talk(mix.inputPort('supervisor'), ulaw(4000), 25),
    ]);

    // The middle of the talk, past the start-up: each mix is the sum of the other two voices.
    const middle = (port: RelayPort): number[] => {
      const levels = port.levels();
      const start = levels.findIndex((level) => level !== 0);
      return levels.slice(start + 5, start + 15);
    };
    const within = (levels: number[], low: number, high: number): void => {
      expect(levels).toHaveLength(10);
      for (const level of levels) expect(level >= low && level <= high, `level ${level} in ${low}…${high}`).toBe(true);
    };
    within(middle(supervisor), 2850, 3150);
    within(middle(agent), 4800, 5200);
    within(middle(customer), 5700, 6300);
    expect(mix.stats().received).toEqual({ customer: 25, agent: 25, supervisor: 25 });
  });

  it('keeps sending silence on a clock when nobody talks, with continuous sequence numbers and timestamps and one SSRC', async () => {
    const mix = await mixer();
    const supervisor = await relayPort();
    mix.sendTo('supervisor', { host: HOST, port: supervisor.port });
    await sleep(1000);
    mix.sendTo('supervisor', undefined);
    await sleep(60);

    const packets = supervisor.packets;
    // 50 frames a second, give or take a timer's lateness on a busy machine.
    expect(packets.length).toBeGreaterThanOrEqual(45);
    expect(packets.length).toBeLessThanOrEqual(52);
    expect(new Set(packets.map((packet) => packet.readUInt32BE(8))).size).toBe(1);
    for (let index = 1; index < packets.length; index += 1) {
      const previous = packets[index - 1] ?? Buffer.alloc(12);
      const packet = packets[index] ?? Buffer.alloc(12);
      expect((packet.readUInt16BE(2) - previous.readUInt16BE(2)) & 0xffff).toBe(1);
      expect((packet.readUInt32BE(4) - previous.readUInt32BE(4)) >>> 0).toBe(160);
    }
    expect((packets[0]?.[1] ?? 0) & 0x80).toBe(0x80);
    expect(packets.every((packet) => packet[1] !== undefined && (packet[1] & 0x7f) === 0 && packet.length === 172)).toBe(true);
    expect(packets.every((packet) => packet.subarray(12).every((byte) => byte === ulawSilence))).toBe(true);
    // Paced, not bursted: a second's packets spread over about a second.
    const spread = (supervisor.arrivals.at(-1) ?? 0) - (supervisor.arrivals[0] ?? 0);
    expect(spread).toBeGreaterThan(850);
  });

  it('sends nothing to a listener without a destination, and stops when told', async () => {
    const mix = await mixer();
    const agent = await relayPort();
    await sleep(100);
    expect(mix.stats().sent.agent).toBe(0);
    mix.sendTo('agent', { host: HOST, port: agent.port });
    await sleep(200);
    mix.sendTo('agent', undefined);
    await sleep(60);
    const count = agent.packets.length;
    await sleep(200);
    expect(count).toBeGreaterThanOrEqual(6);
    expect(agent.packets.length).toBe(count);
    expect(mix.isSending('agent')).toBe(false);
  });

  it('flushes a browser’s memory of SSRCs: silent packets, each from a new SSRC, at once', async () => {
    const mix = await mixer();
    const agent = await relayPort();
    mix.sendTo('agent', { host: HOST, port: agent.port });
    await sleep(100);
    const before = new Set(agent.packets.map((packet) => packet.readUInt32BE(8)));
    agent.packets.length = 0;
    mix.sendSsrcFlush('agent', 6);
    await sleep(5);
    const flushed = agent.packets.filter((packet) => !before.has(packet.readUInt32BE(8)));
    expect(new Set(flushed.map((packet) => packet.readUInt32BE(8))).size).toBe(6);
    expect(flushed.every((packet) => packet.subarray(12).every((byte) => byte === ulawSilence))).toBe(true);
  });

  it('mixes PCMU only: other payload types (A-law, RTCP, DTMF) are not mixed', async () => {
    const mix = await mixer();
    const customer = await relayPort();
    const supervisor = await relayPort();
    mix.sendTo('supervisor', { host: HOST, port: supervisor.port });
    await customer.talk(mix.inputPort('customer'), 0xd5, 10, 8);
    await sleep(60);
    expect(mix.stats().received.customer).toBe(0);
    expect(supervisor.packets.every((packet) => packet.subarray(12).every((byte) => byte === ulawSilence))).toBe(true);
  });

  it('drops packets that do not come from the media relay’s address', async () => {
    const mix = await MonitorMixer.open({ host: HOST, relayAddress: '127.0.0.2' });
    opened.push(mix);
    const stranger = await relayPort();
    await stranger.talk(mix.inputPort('agent'), ulaw(3000), 5);
    await sleep(40);
    expect(mix.stats().received.agent).toBe(0);
    expect(mix.stats().foreign).toBe(5);
  });

  it('keeps at most 60 ms of an input waiting: a burst does not delay the mix for ever', async () => {
    const mix = await mixer();
    const customer = await relayPort();
    const supervisor = await relayPort();
    // 20 packets at once (400 ms of audio), then the supervisor's mix starts.
    for (let index = 0; index < 20; index += 1) {
      const header = Buffer.alloc(12);
      header[0] = 0x80;
      header.writeUInt16BE(index, 2);
      customer.socket.send(Buffer.concat([header, Buffer.alloc(160, ulaw(8000))]), mix.inputPort('customer'), HOST);
    }
    await sleep(10);
    mix.sendTo('supervisor', { host: HOST, port: supervisor.port });
    await sleep(300);
    const loud = supervisor.levels().filter((level) => level > 7000).length;
    expect(loud).toBeLessThanOrEqual(3);
    expect(supervisor.packets.length).toBeGreaterThan(loud);
  });
});
