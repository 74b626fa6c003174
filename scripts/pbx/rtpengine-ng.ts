import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { decodeBencode, encodeBencode, type BencodeValue } from './bencode';

/** rtpengine refused a command (`result: error`), or did not answer it. */
export class RtpengineControlError extends Error {
  override readonly name = 'RtpengineControlError';
}

/** A dictionary from an ng reply. */
type NgDictionary = { readonly [key: string]: BencodeValue };

function isDictionary(value: BencodeValue | undefined): value is NgDictionary {
  return typeof value === 'object' && !Array.isArray(value);
}

/** A reply field as text for messages (ng sends strings; anything else is described, not dumped). */
function describe(value: BencodeValue | undefined): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return value === undefined ? 'nothing' : 'a structure';
}

function asNumber(value: BencodeValue | undefined): number {
  return typeof value === 'number' ? value : 0;
}

/** RTP counters of one call leg (one SIP party: its From or To tag), as rtpengine measured them. */
export interface RtpLegCounters {
  /** The party's tag (the From tag of the caller, the To tag of the callee). */
  readonly tag: string;
  /** Where the party sends from, as rtpengine learned it (`127.0.0.1:40012`), or '' before any packet. */
  readonly endpoint: string;
  /** RTP packets rtpengine received from this party. */
  readonly packetsFromParty: number;
  /**
   * RTP packets relayed toward this party: what the other parties of the call sent into
   * rtpengine (rtpengine 10.5 counts per stream what it receives, not what it sends).
   */
  readonly packetsToParty: number;
}

/**
 * A client for rtpengine's ng control protocol (bencode over UDP).
 * @remarks Kamailio's rtpengine module drives the calls; this client only looks: `ping` for
 * start-up, `query` for a call's RTP counters, `list` for the calls rtpengine still holds.
 */
export class RtpengineControl {
  constructor(
    /** ng listener, e.g. `127.0.0.1`. */
    readonly host: string,
    /** ng UDP port. */
    readonly port: number,
  ) {}

  /**
   * Sends one command and resolves with rtpengine's reply dictionary.
   * @throws RtpengineControlError when rtpengine answers `result: error` or not within `timeoutMs`.
   */
  async command(command: NgDictionary, timeoutMs = 1000): Promise<NgDictionary> {
    const name = describe(command.command);
    const cookie = randomBytes(8).toString('hex');
    const socket: Socket = createSocket('udp4');
    try {
      const reply = await new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new RtpengineControlError(`rtpengine on ${this.host}:${this.port} did not answer '${name}' within ${timeoutMs} ms`)), timeoutMs);
        socket.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        socket.on('message', (message) => {
          const text = message.toString('latin1');
          if (!text.startsWith(`${cookie} `)) return;
          clearTimeout(timer);
          resolve(message.subarray(cookie.length + 1));
        });
        socket.send(Buffer.concat([Buffer.from(`${cookie} `), encodeBencode(command)]), this.port, this.host);
      });
      const decoded = decodeBencode(reply);
      if (!isDictionary(decoded)) throw new RtpengineControlError('rtpengine answered something that is not a dictionary');
      if (decoded.result === 'error') {
        throw new RtpengineControlError(`rtpengine refused '${name}': ${decoded['error-reason'] === undefined ? 'no reason given' : describe(decoded['error-reason'])}`);
      }
      return decoded;
    } finally {
      socket.close();
    }
  }

  /** Resolves when rtpengine answers `pong`. */
  async ping(timeoutMs = 500): Promise<void> {
    const reply = await this.command({ command: 'ping' }, timeoutMs);
    if (reply.result !== 'pong') throw new RtpengineControlError(`rtpengine answered ping with ${describe(reply.result)}`);
  }

  /** Call-IDs of the calls rtpengine holds media for. */
  async listCalls(): Promise<string[]> {
    const reply = await this.command({ command: 'list', limit: 1000 });
    const calls = reply.calls;
    return Array.isArray(calls) ? calls.filter((id): id is string => typeof id === 'string') : [];
  }

  /**
   * RTP counters per party of the call with SIP Call-ID `callId`.
   * @throws RtpengineControlError when rtpengine holds no such call (never set up, or released).
   */
  async queryCall(callId: string): Promise<RtpLegCounters[]> {
    const reply = await this.command({ command: 'query', 'call-id': callId });
    const tags = isDictionary(reply.tags) ? reply.tags : {};
    const received: { tag: string; endpoint: string; packetsFromParty: number }[] = [];
    for (const [tag, monologue] of Object.entries(tags)) {
      if (!isDictionary(monologue)) continue;
      let endpoint = '';
      let packetsFromParty = 0;
      const medias = Array.isArray(monologue.medias) ? (monologue.medias as readonly BencodeValue[]) : [];
      for (const media of medias) {
        if (!isDictionary(media) || !Array.isArray(media.streams)) continue;
        // The first stream of a media section carries RTP (the second, if any, RTCP).
        const rtp = (media.streams as readonly BencodeValue[])[0];
        if (!isDictionary(rtp)) continue;
        if (isDictionary(rtp.endpoint) && typeof rtp.endpoint.address === 'string') endpoint = `${rtp.endpoint.address}:${asNumber(rtp.endpoint.port)}`;
        if (isDictionary(rtp.stats)) packetsFromParty += asNumber(rtp.stats.packets);
      }
      received.push({ tag, endpoint, packetsFromParty });
    }
    const total = received.reduce((sum, leg) => sum + leg.packetsFromParty, 0);
    return received.map((leg) => ({ ...leg, packetsToParty: total - leg.packetsFromParty }));
  }
}
