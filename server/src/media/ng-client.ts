import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { decodeBencode, encodeBencode, type BencodeValue } from './bencode';

/** A dictionary of the ng protocol: a command, or rtpengine's reply to one. */
export type NgDictionary = { readonly [key: string]: BencodeValue };

/** Why an ng command failed. */
export type NgErrorKind =
  /** No reply within the timeout, after every retransmission (rtpengine down, wrong address). */
  | 'timeout'
  /** rtpengine answered `result: error` (unknown call, no playback running, a bad SDP…). */
  | 'refused'
  /** The reply was not a bencoded dictionary. */
  | 'malformed'
  /** The socket itself failed (no route, address not available). */
  | 'network';

/**
 * rtpengine refused an ng command or did not answer it.
 * @remarks `kind` tells a caller what to do (a `refused` `stop media` with nothing playing is
 * harmless; a `timeout` means the relay is gone); `reason` is rtpengine's own `error-reason`.
 */
export class NgError extends Error {
  override readonly name = 'NgError';

  constructor(
    readonly kind: NgErrorKind,
    /** The command that failed, e.g. `play media`. */
    readonly command: string,
    message: string,
    /** rtpengine's `error-reason` for `refused`. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** Where an rtpengine listens for ng commands, and how patiently to talk to it. */
export interface NgClientOptions {
  /** ng listener address, e.g. `127.0.0.1`. */
  readonly host: string;
  /** ng UDP port. */
  readonly port: number;
  /** How long to wait for a reply before sending the command again; 500 ms if omitted. */
  readonly attemptTimeoutMs?: number;
  /** Retransmissions after the first attempt; 2 if omitted (so 1.5 s in all by default). */
  readonly retries?: number;
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
 * What media a party speaks, which decides how rtpengine rewrites the SDP toward it.
 * - `webrtc`: a browser: ICE, DTLS-SRTP (`UDP/TLS/RTP/SAVPF`), RTP and RTCP on one port.
 * - `plain`: a SIP phone or a gateway: `RTP/AVP`, no ICE, RTCP on the next port.
 */
export type MediaProfile = 'webrtc' | 'plain';

/**
 * The ng keys of an `offer` or `answer` rewritten for a party speaking `profile`.
 * @remarks The same rules as kamailio.cfg's `route[MEDIA_OFFER]` and
 * `route[MEDIA_ANSWER_TO_REQUESTER]` (Kamailio's flag strings, e.g. `ICE=force
 * UDP/TLS/RTP/SAVPF rtcp-mux-offer`, are these keys): an offer to a browser offers rtcp-mux,
 * an answer to one requires it. Origin and session connection always become rtpengine's.
 */
export function mediaFlags(profile: MediaProfile, message: 'offer' | 'answer'): NgDictionary {
  const replace = ['origin', 'session-connection'];
  if (profile === 'plain') return { replace, ICE: 'remove', 'transport-protocol': 'RTP/AVP', 'rtcp-mux': ['demux'] };
  return {
    replace,
    ICE: 'force',
    'transport-protocol': 'UDP/TLS/RTP/SAVPF',
    'rtcp-mux': [message === 'offer' ? 'offer' : 'require'],
    SDES: ['off'],
    flags: ['generate-mid'],
  };
}

/** One side of a call's SDP negotiation through rtpengine. */
export interface NgSdpExchange {
  /** The SIP Call-ID. */
  readonly callId: string;
  /** The From tag of the dialog (the caller's). */
  readonly fromTag: string;
  /** The SDP as the sending party wrote it. */
  readonly sdp: string;
  /** How to rewrite it for the party that receives it. */
  readonly profile: MediaProfile;
  /** More ng keys (e.g. `codec`, `label`); they win over the profile's. */
  readonly extra?: NgDictionary;
}

/** An `offer` or `answer` result: the SDP for the receiving party, with rtpengine's ports. */
export interface NgSdpResult {
  readonly sdp: string;
  /** rtpengine's `warning`, if it gave one (the command still succeeded). */
  readonly warning: string | undefined;
}

/**
 * Whose media a `play media`, `stop media`, `block`… command concerns: one party by its SIP
 * tag, one by its label, or every party of the call.
 */
export type NgParticipant = { readonly fromTag: string } | { readonly label: string } | { readonly all: true };

/** A `play media` request. */
export interface NgPlayMedia {
  readonly callId: string;
  /** Who hears it: `{ fromTag }` plays the file to the party with that tag (measured on 10.5). */
  readonly to: NgParticipant;
  /** Absolute path of the file on rtpengine's host (WAV or anything ffmpeg reads). */
  readonly file: string;
  /** How many times to play it; 1 if omitted. */
  readonly repeatTimes?: number;
}

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

function participantKeys(participant: NgParticipant): NgDictionary {
  if ('fromTag' in participant) return { 'from-tag': participant.fromTag };
  if ('label' in participant) return { label: participant.label };
  return { flags: ['all'] };
}

/**
 * Parses an ng socket as Kamailio's rtpengine module names it: `udp:127.0.0.1:2223`.
 * @returns undefined for anything else (IPv6, TCP and names are not used here).
 */
export function parseNgSocket(socket: string): { host: string; port: number } | undefined {
  const match = /^udp:(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(socket);
  if (!match) return undefined;
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? { host: match[1] ?? '', port } : undefined;
}

/**
 * A client for rtpengine's ng control protocol: bencoded dictionaries over UDP, each request
 * prefixed with a cookie that rtpengine echoes in its reply.
 *
 * @remarks
 * Kamailio drives the calls' own offer/answer/delete; the CTI service uses this client to add
 * media to them (announcements and hold music to a waiting caller, later listening in and
 * recording) and tests use it to look at them (`query`, `list`).
 *
 * UDP may lose a datagram either way, so a command without a reply is sent again, with the
 * same cookie, after `attemptTimeoutMs`, up to `retries` times: rtpengine remembers the replies
 * of recent cookies and answers a retransmission without running the command twice. Every
 * command has its own socket, so concurrent commands never see each other's replies.
 */
export class NgClient {
  readonly host: string;
  readonly port: number;
  readonly #attemptTimeoutMs: number;
  readonly #retries: number;

  constructor(options: NgClientOptions) {
    this.host = options.host;
    this.port = options.port;
    this.#attemptTimeoutMs = options.attemptTimeoutMs ?? 500;
    this.#retries = options.retries ?? 2;
  }

  /**
   * Sends one command and resolves with rtpengine's reply dictionary.
   * @param timeoutMs - the whole budget for this command, overriding the client's
   *   attempts × timeout (split evenly over the attempts).
   * @throws NgError `refused` when rtpengine answers `result: error`, `timeout` when it never
   *   answers, `malformed` or `network` otherwise.
   */
  async command(command: NgDictionary, timeoutMs?: number): Promise<NgDictionary> {
    const name = describe(command.command);
    const attempts = this.#retries + 1;
    const perAttempt = timeoutMs === undefined ? this.#attemptTimeoutMs : Math.max(1, Math.floor(timeoutMs / attempts));
    const cookie = randomBytes(8).toString('hex');
    const datagram = Buffer.concat([Buffer.from(`${cookie} `), encodeBencode(command)]);
    const socket = createSocket('udp4');
    let reply: Buffer;
    try {
      reply = await new Promise<Buffer>((resolve, reject) => {
        let sent = 0;
        let timer: NodeJS.Timeout | undefined;
        const send = (): void => {
          if (sent === attempts) {
            reject(new NgError('timeout', name, `rtpengine on ${this.host}:${this.port} did not answer '${name}' within ${perAttempt * attempts} ms (${attempts} attempts)`));
            return;
          }
          sent += 1;
          socket.send(datagram, this.port, this.host);
          timer = setTimeout(send, perAttempt);
        };
        socket.on('error', (error) => {
          clearTimeout(timer);
          reject(new NgError('network', name, `cannot reach rtpengine on ${this.host}:${this.port} for '${name}': ${error.message}`));
        });
        socket.on('message', (message) => {
          if (!message.subarray(0, cookie.length + 1).equals(Buffer.from(`${cookie} `))) return;
          clearTimeout(timer);
          resolve(message.subarray(cookie.length + 1));
        });
        send();
      });
    } finally {
      socket.close();
    }
    let decoded: BencodeValue;
    try {
      decoded = decodeBencode(reply);
    } catch (error) {
      throw new NgError('malformed', name, `rtpengine's reply to '${name}' is not bencode: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!isDictionary(decoded)) throw new NgError('malformed', name, `rtpengine answered '${name}' with something that is not a dictionary`);
    if (decoded.result === 'error') {
      const reason = decoded['error-reason'] === undefined ? 'no reason given' : describe(decoded['error-reason']);
      throw new NgError('refused', name, `rtpengine refused '${name}': ${reason}`, reason);
    }
    return decoded;
  }

  /** Resolves when rtpengine answers `pong` within `timeoutMs` (all attempts together). */
  async ping(timeoutMs?: number): Promise<void> {
    const reply = await this.command({ command: 'ping' }, timeoutMs);
    if (reply.result !== 'pong') throw new NgError('malformed', 'ping', `rtpengine answered ping with ${describe(reply.result)}`);
  }

  /** Call-IDs of the calls rtpengine holds media for (at most `limit`). */
  async listCalls(limit = 1000): Promise<string[]> {
    const reply = await this.command({ command: 'list', limit });
    const calls = reply.calls;
    return Array.isArray(calls) ? calls.filter((id): id is string => typeof id === 'string') : [];
  }

  /**
   * RTP counters per party of the call with SIP Call-ID `callId`.
   * @throws NgError `refused` when rtpengine holds no such call (never set up, or released).
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

  /**
   * `offer`: the caller's SDP (`fromTag`) goes in, the SDP to send on toward the callee comes out.
   * @remarks A second offer with the same Call-ID and From tag is a re-offer: rtpengine keeps
   * the caller's ports, so SDP already sent to the caller stays valid.
   */
  async offer(exchange: NgSdpExchange): Promise<NgSdpResult> {
    return this.#negotiate('offer', exchange, undefined);
  }

  /** `answer`: the callee's (`toTag`) SDP goes in, the SDP to send back to the caller comes out. */
  async answer(exchange: NgSdpExchange & { readonly toTag: string }): Promise<NgSdpResult> {
    return this.#negotiate('answer', exchange, exchange.toTag);
  }

  /** `delete`: rtpengine releases the call's ports (the whole call, or one branch with `toTag`). */
  async delete(target: { readonly callId: string; readonly fromTag: string; readonly toTag?: string }): Promise<void> {
    await this.command({
      command: 'delete',
      'call-id': target.callId,
      'from-tag': target.fromTag,
      ...(target.toTag === undefined ? {} : { 'to-tag': target.toTag }),
    });
  }

  /**
   * `play media`: rtpengine sends the file's audio to `request.to` in that party's negotiated
   * codec, instead of what the other party sends.
   * @returns the file's length in milliseconds when rtpengine could tell it.
   */
  async playMedia(request: NgPlayMedia): Promise<{ durationMs: number | undefined }> {
    const reply = await this.command({
      command: 'play media',
      'call-id': request.callId,
      ...participantKeys(request.to),
      file: request.file,
      ...(request.repeatTimes === undefined ? {} : { 'repeat-times': request.repeatTimes }),
    });
    return { durationMs: typeof reply.duration === 'number' ? reply.duration : undefined };
  }

  /**
   * `stop media`: ends a playback started by {@link NgClient.playMedia} for the same party.
   * @throws NgError `refused` when nothing plays to that party (or the call is unknown).
   */
  async stopMedia(target: { readonly callId: string; readonly to: NgParticipant }): Promise<void> {
    await this.command({ command: 'stop media', 'call-id': target.callId, ...participantKeys(target.to) });
  }

  async #negotiate(command: 'offer' | 'answer', exchange: NgSdpExchange, toTag: string | undefined): Promise<NgSdpResult> {
    const reply = await this.command({
      ...mediaFlags(exchange.profile, command),
      ...exchange.extra,
      command,
      'call-id': exchange.callId,
      'from-tag': exchange.fromTag,
      ...(toTag === undefined ? {} : { 'to-tag': toTag }),
      sdp: exchange.sdp,
    });
    if (typeof reply.sdp !== 'string') throw new NgError('malformed', command, `rtpengine's reply to '${command}' has no SDP`);
    return { sdp: reply.sdp, warning: typeof reply.warning === 'string' ? reply.warning : undefined };
  }
}
