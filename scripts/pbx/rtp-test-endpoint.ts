import { randomBytes } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import { linearToUlaw, ulawToLinear } from '../../server/src/media/monitor-mixer';

/** One RTP packet as a test endpoint received it. */
export interface ReceivedRtp {
  /** Who sent it (rtpengine's address and port for that stream). */
  readonly fromAddress: string;
  readonly fromPort: number;
  readonly payloadType: number;
  readonly ssrc: number;
  /** The payload (after the 12-byte header; the tests send no CSRCs or extensions). */
  readonly payload: Buffer;
}

/** G.711 codecs a test endpoint offers, by name. */
export type G711 = 'PCMU' | 'PCMA';

const payloadTypes: Record<G711, number> = { PCMU: 0, PCMA: 8 };

/** How an endpoint's SDP looks. */
export interface RtpTestSdpOptions {
  readonly direction?: 'sendrecv' | 'sendonly' | 'recvonly';
  /** In order of preference; PCMU alone unless said. */
  readonly codecs?: readonly G711[];
  /** Adds RFC 4733 telephone-event (payload type 101). */
  readonly telephoneEvent?: boolean;
}

/** What a burst of packets carries. */
export interface RtpSendOptions {
  readonly count?: number;
  readonly payloadType?: number;
  /** Where rtpengine listens (default: the endpoint's own host). */
  readonly host?: string;
  /** Default: a random one for the burst, as a phone starting a stream. */
  readonly ssrc?: number;
  /** Between packets (a 20 ms frame each). */
  readonly intervalMs?: number;
}

/**
 * One plain-RTP media port standing in for a party of a call in tests against the real
 * rtpengine: a SIP phone, the gateway, or a socket of the CTI service. It sends 20 ms packets
 * of a payload the test chooses and keeps every RTP packet it receives (RTCP muxed on the port
 * is left out), so a test can tell whose audio reached it: by SSRC, by payload, by source port.
 */
export class RtpTestEndpoint {
  /** Received since the last {@link RtpTestEndpoint.take}. */
  received: ReceivedRtp[] = [];

  private constructor(
    readonly socket: Socket,
    readonly host: string,
  ) {
    socket.on('message', (message: Buffer, from: RemoteInfo) => {
      if (message.length < 12 || (message[0] ?? 0) >> 6 !== 2) return;
      const payloadType = (message[1] ?? 0) & 0x7f;
      if (payloadType >= 72 && payloadType <= 76) return; // RTCP (PT 200–204 with the marker bit)
      this.received.push({ fromAddress: from.address, fromPort: from.port, payloadType, ssrc: message.readUInt32BE(8), payload: message.subarray(12) });
    });
  }

  /** Binds a UDP socket on a free port of `host`. */
  static async open(host = '127.0.0.1'): Promise<RtpTestEndpoint> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, host, resolve));
    return new RtpTestEndpoint(socket, host);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** An SDP with one audio section on this socket. */
  sdp(options: RtpTestSdpOptions = {}): string {
    const codecs = options.codecs ?? ['PCMU'];
    const formats = [...codecs.map((codec) => payloadTypes[codec]), ...(options.telephoneEvent ? [101] : [])];
    return [
      'v=0',
      `o=- ${this.port} 1 IN IP4 ${this.host}`,
      's=-',
      `c=IN IP4 ${this.host}`,
      't=0 0',
      `m=audio ${this.port} RTP/AVP ${formats.join(' ')}`,
      ...codecs.map((codec) => `a=rtpmap:${payloadTypes[codec]} ${codec}/8000`),
      ...(options.telephoneEvent ? ['a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16'] : []),
      'a=ptime:20',
      `a=${options.direction ?? 'sendrecv'}`,
      '',
    ].join('\r\n');
  }

  /** A `recvonly` answer taking every one of `sections` audio sections (a subscription's) on this socket, in PCMU. */
  subscriberAnswer(sections: number): string {
    const media = Array.from({ length: sections }, () => [`m=audio ${this.port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', 'a=recvonly']).flat();
    return ['v=0', `o=- ${this.port} 1 IN IP4 ${this.host}`, 's=-', `c=IN IP4 ${this.host}`, 't=0 0', ...media, ''].join('\r\n');
  }

  /** Sends `count` (default 20) packets of `payload`, 20 ms apart, to rtpengine's `port`. */
  async send(port: number, payload: Buffer, options: RtpSendOptions = {}): Promise<void> {
    const ssrc = options.ssrc ?? randomBytes(4).readUInt32BE(0);
    const count = options.count ?? 20;
    for (let sequence = 0; sequence < count; sequence += 1) {
      const header = Buffer.alloc(12);
      header[0] = 0x80;
      header[1] = options.payloadType ?? 0;
      header.writeUInt16BE(sequence & 0xffff, 2);
      header.writeUInt32BE((sequence * payload.length) >>> 0, 4);
      header.writeUInt32BE(ssrc >>> 0, 8);
      this.socket.send(Buffer.concat([header, payload]), port, options.host ?? this.host);
      await sleep(options.intervalMs ?? 20);
    }
  }

  /** What arrived since the last look; and forgets it. */
  take(): ReceivedRtp[] {
    const taken = this.received;
    this.received = [];
    return taken;
  }

  close(): void {
    this.socket.close();
  }
}

/** The audio ports of an SDP, in media-section order. */
export function audioPorts(sdp: string): number[] {
  return [...sdp.matchAll(/^m=audio (\d+) /gm)].map((match) => Number(match[1]));
}

/** The one audio port of an SDP. */
export function audioPort(sdp: string): number {
  const [port] = audioPorts(sdp);
  if (port === undefined) throw new Error(`no audio section in\n${sdp}`);
  return port;
}

/** A 20 ms μ-law frame of a constant linear `level`: a voice a mixer's output can be told apart by. */
export function ulawFrameAt(level: number): Buffer {
  return Buffer.alloc(160, linearToUlaw(level));
}

/**
 * The linear level heard most often among PCMU `packets` (the steady state, past a mode
 * change's first frames), 0 for silence; undefined when none arrived.
 */
export function steadyLevel(packets: readonly ReceivedRtp[]): number | undefined {
  const counts = new Map<number, number>();
  for (const packet of packets) {
    if (packet.payloadType !== 0) continue;
    const level = ulawToLinear(packet.payload[80] ?? 0xff);
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [level, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = level;
  return best;
}
