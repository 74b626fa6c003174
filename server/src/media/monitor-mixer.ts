import { randomBytes } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

/** The three voices of a monitored call, as the mixer receives them. */
export type MonitorVoice = 'customer' | 'agent' | 'supervisor';

/** Who hears a mixer output: each hears the two voices that are not their own. */
export type MonitorListener = MonitorVoice;

/** The voices each listener's output carries (never the listener's own). */
export const mixOf: Readonly<Record<MonitorListener, readonly MonitorVoice[]>> = {
  supervisor: ['customer', 'agent'],
  agent: ['customer', 'supervisor'],
  customer: ['agent', 'supervisor'],
};

/** Where a mixer output goes: rtpengine's port for that stream, from the SDP it wrote. */
export interface RtpDestination {
  readonly host: string;
  readonly port: number;
}

/** G.711 μ-law payload type (RFC 3551). */
const PCMU = 0;
/** Samples in one 20 ms frame at 8 kHz. */
export const samplesPerFrame = 160;
/** One packetisation interval. */
export const frameMs = 20;
/** The most audio an input keeps waiting (60 ms): older samples are dropped, so delay never grows. */
const maxBufferedSamples = 3 * samplesPerFrame;
/** Audio an input gathers (40 ms) before it is mixed, at the start and after running dry. */
const primingSamples = 2 * samplesPerFrame;
/** μ-law silence. */
export const ulawSilence = 0xff;

const ulawToLinearTable = new Int16Array(256);
for (let byte = 0; byte < 256; byte += 1) {
  const inverted = ~byte & 0xff;
  const exponent = (inverted >> 4) & 0x07;
  const mantissa = inverted & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  ulawToLinearTable[byte] = inverted & 0x80 ? -magnitude : magnitude;
}

/** One μ-law byte as a 16-bit linear sample (ITU-T G.711). */
export function ulawToLinear(byte: number): number {
  return ulawToLinearTable[byte & 0xff] ?? 0;
}

/** The largest magnitude μ-law encodes; louder sums are clipped to it. */
const ulawClip = 32635;

/** One 16-bit linear sample as μ-law (ITU-T G.711), clipped to what μ-law can carry. */
export function linearToUlaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  const magnitude = Math.min(Math.abs(Math.trunc(sample)), ulawClip) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/**
 * Mixes μ-law frames sample by sample: decoded to linear, summed at unity gain, clipped, encoded.
 * @remarks A missing frame (`undefined`) counts as silence.
 */
export function mixUlawFrames(frames: readonly (Buffer | undefined)[], samples = samplesPerFrame): Buffer {
  const out = Buffer.alloc(samples);
  for (let index = 0; index < samples; index += 1) {
    let sum = 0;
    for (const frame of frames) if (frame !== undefined) sum += ulawToLinear(frame[index] ?? ulawSilence);
    out[index] = linearToUlaw(sum);
  }
  return out;
}

/** What a mixer counted, for tests and the service's diagnostics. */
export interface MonitorMixerStats {
  /** RTP packets received per voice (PCMU only; anything else is not counted). */
  readonly received: Readonly<Record<MonitorVoice, number>>;
  /** RTP packets sent per listener. */
  readonly sent: Readonly<Record<MonitorListener, number>>;
  /** Packets dropped because they did not come from the media relay's address. */
  readonly foreign: number;
}

/** How a mixer is opened. */
export interface MonitorMixerOptions {
  /** Where the sockets listen: the address rtpengine reaches, `127.0.0.1` on one host. */
  readonly host: string;
  /**
   * Only packets from this address are mixed (rtpengine's media address); anything else
   * arriving on the mixer's ports is dropped and counted. Undefined: `host`.
   */
  readonly relayAddress?: string;
}

interface Input {
  readonly socket: Socket;
  /** μ-law samples waiting to be mixed (at most 60 ms). */
  buffered: Buffer;
  /** True once 40 ms have gathered; false again when the input runs dry. */
  primed: boolean;
  received: number;
}

interface Output {
  readonly ssrc: number;
  sequence: number;
  timestamp: number;
  destination: RtpDestination | undefined;
  sent: number;
  first: boolean;
}

/**
 * The service's mixer of one monitoring session (listen, whisper, barge): G.711 μ-law in,
 * G.711 μ-law out, one frame every 20 ms per output.
 *
 * @remarks
 * rtpengine 10.5 cannot mix (docs/design/monitoring-and-recording.md §1.3), so the CTI service
 * does: rtpengine gives the mixer a copy of the customer's and of the agent's voice (a
 * subscription, transcoded to PCMU) and the supervisor's voice (the supervisor's leg, which the
 * mixer answers); the mixer sends the supervisor "customer + agent", and, when whispering or
 * barging, publishes "customer + supervisor" for the agent and "agent + supervisor" for the
 * customer, whose ears the service re-points onto those streams.
 *
 * One UDP socket per voice received and per output sent (the supervisor's socket does both):
 * a packet's socket says whose voice it is. Each output has its own SSRC, continuous sequence
 * numbers and timestamps; it is sent only once it has a destination
 * ({@link MonitorMixer.sendTo}). Each input is a small jitter buffer: mixed once 40 ms have
 * gathered, never more than 60 ms (older audio dropped, so the delay cannot grow); an input with
 * nothing waiting counts as silence until it has gathered 40 ms again, so a party on hold or a
 * lost packet never stalls the others.
 */
export class MonitorMixer {
  readonly #inputs: Record<MonitorVoice, Input>;
  readonly #outputSockets: Record<MonitorListener, Socket>;
  readonly #outputs: Record<MonitorListener, Output>;
  readonly #relayAddress: string;
  #foreign = 0;
  #timer: NodeJS.Timeout | undefined;
  #startedAt = 0;
  #ticks = 0;
  #closed = false;

  private constructor(sockets: Record<'customer' | 'agent' | 'supervisor' | 'toAgent' | 'toCustomer', Socket>, relayAddress: string) {
    this.#relayAddress = relayAddress;
    const input = (socket: Socket): Input => ({ socket, buffered: Buffer.alloc(0), primed: false, received: 0 });
    this.#inputs = { customer: input(sockets.customer), agent: input(sockets.agent), supervisor: input(sockets.supervisor) };
    this.#outputSockets = { supervisor: sockets.supervisor, agent: sockets.toAgent, customer: sockets.toCustomer };
    const output = (): Output => ({
      ssrc: randomBytes(4).readUInt32BE(0),
      sequence: randomBytes(2).readUInt16BE(0),
      timestamp: randomBytes(4).readUInt32BE(0),
      destination: undefined,
      sent: 0,
      first: true,
    });
    this.#outputs = { supervisor: output(), agent: output(), customer: output() };
    for (const voice of ['customer', 'agent', 'supervisor'] as const) {
      this.#inputs[voice].socket.on('message', (packet, from) => this.#receive(voice, packet, from));
    }
  }

  /** Opens the mixer's five sockets on free ports of `options.host` and starts its 20 ms clock. */
  static async open(options: MonitorMixerOptions): Promise<MonitorMixer> {
    const names = ['customer', 'agent', 'supervisor', 'toAgent', 'toCustomer'] as const;
    const opened: Socket[] = [];
    try {
      for (const _name of names) {
        const socket = createSocket('udp4');
        opened.push(socket);
        await new Promise<void>((resolve, reject) => {
          socket.once('error', reject);
          socket.bind(0, options.host, () => {
            socket.off('error', reject);
            resolve();
          });
        });
        // A closed peer port (ICMP unreachable) must not end the session.
        socket.on('error', () => undefined);
      }
    } catch (error) {
      for (const socket of opened) socket.close();
      throw error;
    }
    const [customer, agent, supervisor, toAgent, toCustomer] = opened as [Socket, Socket, Socket, Socket, Socket];
    const mixer = new MonitorMixer({ customer, agent, supervisor, toAgent, toCustomer }, options.relayAddress ?? options.host);
    mixer.#start();
    return mixer;
  }

  /** The local port a voice must be sent to (the port to write in the mixer's SDP for it). */
  inputPort(voice: MonitorVoice): number {
    return this.#inputs[voice].socket.address().port;
  }

  /** The local port a listener's mix is sent from (the supervisor's is also its input port). */
  outputPort(listener: MonitorListener): number {
    return this.#outputSockets[listener].address().port;
  }

  /** Starts (or moves) a listener's mix toward rtpengine's port for it; undefined stops it. */
  sendTo(listener: MonitorListener, destination: RtpDestination | undefined): void {
    this.#outputs[listener].destination = destination;
  }

  /**
   * Sends a listener `count` silent packets, each from an SSRC never used before, at once.
   * @remarks Chromium keeps a few streams of unannounced SSRCs (four for audio) and plays only
   * the newest: a party's SSRC it heard before the mixer's is not played again when it returns,
   * unless enough newer ones pushed it out (measured with Chromium 156 and rtpengine 10.5:
   * without this, a browser agent hears nothing after whisper ends). Sent just before a
   * party's ears go back to the other party.
   */
  sendSsrcFlush(listener: MonitorListener, count: number): void {
    const destination = this.#outputs[listener].destination;
    if (destination === undefined) return;
    const output = this.#outputs[listener];
    for (let index = 0; index < count; index += 1) {
      const header = Buffer.alloc(12);
      header[0] = 0x80;
      header[1] = PCMU | 0x80;
      header.writeUInt16BE(randomBytes(2).readUInt16BE(0), 2);
      header.writeUInt32BE(output.timestamp >>> 0, 4);
      header.writeUInt32BE(randomBytes(4).readUInt32BE(0), 8);
      this.#outputSockets[listener].send(Buffer.concat([header, Buffer.alloc(samplesPerFrame, ulawSilence)]), destination.port, destination.host);
    }
  }

  /** Whether a listener's mix is being sent. */
  isSending(listener: MonitorListener): boolean {
    return this.#outputs[listener].destination !== undefined;
  }

  /** Packets received and sent so far. */
  stats(): MonitorMixerStats {
    return {
      received: { customer: this.#inputs.customer.received, agent: this.#inputs.agent.received, supervisor: this.#inputs.supervisor.received },
      sent: { supervisor: this.#outputs.supervisor.sent, agent: this.#outputs.agent.sent, customer: this.#outputs.customer.sent },
      foreign: this.#foreign,
    };
  }

  /** Stops the clock and closes every socket; idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const input of Object.values(this.#inputs)) input.socket.close();
    this.#outputSockets.agent.close();
    this.#outputSockets.customer.close();
  }

  #receive(voice: MonitorVoice, packet: Buffer, from: RemoteInfo): void {
    if (from.address !== this.#relayAddress) {
      this.#foreign += 1;
      return;
    }
    if (packet.length < 12 || (packet[0] ?? 0) >> 6 !== 2) return;
    const payloadType = (packet[1] ?? 0) & 0x7f;
    // RTCP on a muxed port (PT 72–76 with the marker bit) and any other codec are not mixed.
    if (payloadType !== PCMU) return;
    const csrcCount = (packet[0] ?? 0) & 0x0f;
    let offset = 12 + 4 * csrcCount;
    if (((packet[0] ?? 0) & 0x10) !== 0) {
      if (packet.length < offset + 4) return;
      offset += 4 + 4 * packet.readUInt16BE(offset + 2);
    }
    let end = packet.length;
    if (((packet[0] ?? 0) & 0x20) !== 0) end -= packet[packet.length - 1] ?? 0;
    if (end <= offset) return;
    const input = this.#inputs[voice];
    input.received += 1;
    const joined = Buffer.concat([input.buffered, packet.subarray(offset, end)]);
    input.buffered = joined.length > maxBufferedSamples ? joined.subarray(joined.length - maxBufferedSamples) : joined;
  }

  #start(): void {
    this.#startedAt = performance.now();
    const schedule = (): void => {
      if (this.#closed) return;
      const due = Math.floor((performance.now() - this.#startedAt) / frameMs);
      // After a stall (a busy event loop), catch up a little, then skip: late audio is useless.
      if (due - this.#ticks > 3) this.#ticks = due - 3;
      while (this.#ticks < due) {
        this.#ticks += 1;
        this.#tick();
      }
      const next = this.#startedAt + (this.#ticks + 1) * frameMs - performance.now();
      this.#timer = setTimeout(schedule, Math.max(1, next));
    };
    this.#timer = setTimeout(schedule, frameMs);
  }

  /** One 20 ms step: one frame out of each input, one packet to each listener with a destination. */
  #tick(): void {
    const frames = {} as Record<MonitorVoice, Buffer | undefined>;
    for (const voice of ['customer', 'agent', 'supervisor'] as const) {
      const input = this.#inputs[voice];
      if (input.buffered.length === 0) input.primed = false;
      else if (input.buffered.length >= primingSamples) input.primed = true;
      if (!input.primed) {
        frames[voice] = undefined;
        continue;
      }
      const taken = input.buffered.subarray(0, samplesPerFrame);
      input.buffered = input.buffered.subarray(taken.length);
      frames[voice] = taken.length === samplesPerFrame ? taken : Buffer.concat([taken, Buffer.alloc(samplesPerFrame - taken.length, ulawSilence)]);
    }
    for (const listener of ['supervisor', 'agent', 'customer'] as const) {
      const output = this.#outputs[listener];
      const destination = output.destination;
      if (destination === undefined) {
        // The RTP clock runs on while nothing is sent: a restarted stream starts a new talkspurt.
        output.timestamp = (output.timestamp + samplesPerFrame) >>> 0;
        output.first = true;
        continue;
      }
      const payload = mixUlawFrames(mixOf[listener].map((voice) => frames[voice]));
      const header = Buffer.alloc(12);
      header[0] = 0x80;
      header[1] = PCMU | (output.first ? 0x80 : 0);
      header.writeUInt16BE(output.sequence, 2);
      header.writeUInt32BE(output.timestamp >>> 0, 4);
      header.writeUInt32BE(output.ssrc, 8);
      output.first = false;
      output.sequence = (output.sequence + 1) & 0xffff;
      output.timestamp = (output.timestamp + samplesPerFrame) >>> 0;
      output.sent += 1;
      this.#outputSockets[listener].send(Buffer.concat([header, payload]), destination.port, destination.host);
    }
  }
}
