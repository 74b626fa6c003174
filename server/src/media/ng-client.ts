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

/**
 * A `subscribe request`: rtpengine makes `subscriberTag` receive a one-way copy of the media of
 * the parties in `sources`, and writes the `sendonly` SDP offer for the subscriber.
 */
export interface NgSubscribeRequest {
  readonly callId: string;
  /**
   * The SIP tags of the parties to copy, in the order of the offer's media sections (one
   * `m=audio` each: rtpengine 10.5 never mixes them into one stream).
   */
  readonly sources: readonly string[];
  /**
   * The subscriber's tag: a new one creates a subscriber; an existing party's tag re-points
   * what that party hears (after {@link NgClient.unsubscribe}), on the port it already uses.
   */
  readonly subscriberTag: string;
  /** How the offer is written for the subscriber (a browser, or a plain RTP socket). */
  readonly profile: MediaProfile;
  /** Codecs rtpengine offers and transcodes to when the sources speak another one (e.g. `['PCMU']`). */
  readonly transcodeTo?: readonly string[];
  /** More ng keys; they win over the profile's. */
  readonly extra?: NgDictionary;
}

/** rtpengine's reply to a `subscribe request`. */
export interface NgSubscription {
  /** The `sendonly` offer for the subscriber, one media section per source. */
  readonly sdp: string;
  /** The sources' tags as rtpengine echoes them, in media-section order. */
  readonly sourceTags: readonly string[];
  /** The subscriber's tag (the one asked for). */
  readonly subscriberTag: string;
}

/** A `subscribe answer`: the subscriber's answer to the offer of a {@link NgSubscription}. */
export interface NgSubscribeAnswer {
  readonly callId: string;
  readonly subscriberTag: string;
  /** The subscriber's `recvonly` answer; media starts flowing to its addresses. */
  readonly sdp: string;
  /**
   * Accept an answer that kept only some of the offered codecs, transcoding as needed; required
   * whenever the request used `transcodeTo`.
   */
  readonly allowTranscoding?: boolean;
}

/** A `publish`: a `sendonly` source (e.g. a mixer) joins the call so parties can be subscribed to it. */
export interface NgPublish {
  readonly callId: string;
  /** The publisher's tag, which subscriptions name as their source. */
  readonly publisherTag: string;
  /** The publisher's `sendonly` SDP. */
  readonly sdp: string;
  readonly profile: MediaProfile;
  readonly extra?: NgDictionary;
}

/** One party (monologue) of a call as rtpengine's `query` lists it. */
export interface NgCallTag {
  /** The party's tag (a SIP From or To tag, or a subscriber's or publisher's tag). */
  readonly tag: string;
  /** The transport protocol of its first media section (`RTP/AVP`, `UDP/TLS/RTP/SAVPF`), or ''. */
  readonly protocol: string;
  /** Whose media it receives: `offerAnswer` for the other party of a SIP dialog, else a subscription. */
  readonly subscriptions: readonly { readonly tag: string; readonly offerAnswer: boolean }[];
  /** Who receives its media, likewise. */
  readonly subscribers: readonly { readonly tag: string; readonly offerAnswer: boolean }[];
  /**
   * rtpengine released the party's ports (a `delete` of its dialog, e.g. on BYE) but keeps
   * listing it while others are subscribed to it (measured on 10.5).
   */
  readonly released: boolean;
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
 * media to them (announcements and hold music to a waiting caller; copies of a call's media
 * for its recording and for a supervisor listening in, whispering or barging in, see
 * docs/design/monitoring-and-recording.md) and tests use it to look at them (`query`, `list`).
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
   * The parties of a call with who hears whom (`query`), in the order rtpengine lists them: the
   * order it created them, so a dialog's caller (From tag) before its callee.
   * @remarks JavaScript keeps a dictionary's order except for keys that look like array
   * indices: a SIP tag made only of digits would be listed first whatever its place.
   * Parties without a tag yet (a branch not answered) are left out.
   * @throws NgError `refused` when rtpengine holds no such call.
   */
  async callTags(callId: string): Promise<NgCallTag[]> {
    const reply = await this.command({ command: 'query', 'call-id': callId });
    const tags = isDictionary(reply.tags) ? reply.tags : {};
    const links = (value: BencodeValue | undefined): { tag: string; offerAnswer: boolean }[] =>
      (Array.isArray(value) ? (value as readonly BencodeValue[]) : [])
        .filter(isDictionary)
        .map((link) => ({ tag: typeof link.tag === 'string' ? link.tag : '', offerAnswer: link.type === 'offer/answer' }));
    const parties: NgCallTag[] = [];
    for (const monologue of Object.values(tags)) {
      if (!isDictionary(monologue) || typeof monologue.tag !== 'string' || monologue.tag === '') continue;
      const medias = Array.isArray(monologue.medias) ? (monologue.medias as readonly BencodeValue[]) : [];
      const first = medias.find(isDictionary);
      const streams = medias.filter(isDictionary).flatMap((media) => (Array.isArray(media.streams) ? (media.streams as readonly BencodeValue[]) : []));
      parties.push({
        released: streams.length > 0 && !streams.some((stream) => isDictionary(stream) && typeof stream['local port'] === 'number'),
        tag: monologue.tag,
        protocol: first !== undefined && typeof first.protocol === 'string' ? first.protocol : '',
        subscriptions: links(monologue.subscriptions),
        subscribers: links(monologue.subscribers),
      });
    }
    return parties;
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

  /**
   * `subscribe request`: a one-way copy of the `sources`' media toward `subscriberTag`.
   * @remarks Measured on rtpengine 10.5: each source gets its own media section and port (a
   * recorder receives the customer and the agent as two streams); the parties never receive
   * what a subscriber sends. With an existing party's tag, after {@link NgClient.unsubscribe},
   * that party hears the new source instead, from the same rtpengine port, with no SIP
   * signalling toward it (how whisper and barge re-point the agent's or the customer's ears).
   * @throws NgError `refused` for an unknown call or tag; RangeError without sources.
   */
  async subscribeRequest(request: NgSubscribeRequest): Promise<NgSubscription> {
    const [first, ...others] = request.sources;
    if (first === undefined) throw new RangeError('a subscribe request needs at least one source tag');
    const reply = await this.command({
      ...mediaFlags(request.profile, 'offer'),
      ...(request.transcodeTo === undefined ? {} : { codec: { transcode: [...request.transcodeTo] } }),
      ...request.extra,
      command: 'subscribe request',
      'call-id': request.callId,
      ...(others.length === 0 ? { 'from-tag': first } : { 'from-tags': [...request.sources] }),
      'to-tag': request.subscriberTag,
    });
    if (typeof reply.sdp !== 'string') throw new NgError('malformed', 'subscribe request', "rtpengine's reply to 'subscribe request' has no SDP");
    const echoed = Array.isArray(reply['from-tags']) ? reply['from-tags'] : typeof reply['from-tag'] === 'string' ? [reply['from-tag']] : [];
    return {
      sdp: reply.sdp,
      sourceTags: echoed.filter((tag): tag is string => typeof tag === 'string'),
      subscriberTag: typeof reply['to-tag'] === 'string' ? reply['to-tag'] : request.subscriberTag,
    };
  }

  /** `subscribe answer`: the subscriber's answer; rtpengine starts sending the copies to it. */
  async subscribeAnswer(answer: NgSubscribeAnswer): Promise<void> {
    await this.command({
      command: 'subscribe answer',
      'call-id': answer.callId,
      'to-tag': answer.subscriberTag,
      sdp: answer.sdp,
      ...(answer.allowTranscoding === true ? { flags: ['allow transcoding'] } : {}),
    });
  }

  /**
   * `unsubscribe`: `subscriberTag` stops receiving what it was subscribed to.
   * @remarks For a party of the call (the agent's or the customer's tag) this silences what
   * that party hears until it is subscribed again; what it sends still reaches the others.
   */
  async unsubscribe(target: { readonly callId: string; readonly subscriberTag: string }): Promise<void> {
    await this.command({ command: 'unsubscribe', 'call-id': target.callId, 'to-tag': target.subscriberTag });
  }

  /** `publish`: a `sendonly` source joins the call; resolves with rtpengine's `recvonly` answer. */
  async publish(request: NgPublish): Promise<NgSdpResult> {
    const reply = await this.command({
      ...mediaFlags(request.profile, 'answer'),
      ...request.extra,
      command: 'publish',
      'call-id': request.callId,
      'from-tag': request.publisherTag,
      sdp: request.sdp,
    });
    if (typeof reply.sdp !== 'string') throw new NgError('malformed', 'publish', "rtpengine's reply to 'publish' has no SDP");
    return { sdp: reply.sdp, warning: typeof reply.warning === 'string' ? reply.warning : undefined };
  }

  /**
   * `start recording`: rtpengine writes the whole call (every party) to a new pcap file in its
   * `recording-dir`.
   * @remarks rtpengine 10.5 has no `pause recording`; a `stop recording` and a later `start
   * recording` make two files with a gap between them. The service records through a
   * subscription instead (docs/design/monitoring-and-recording.md).
   */
  async startRecording(target: { readonly callId: string; readonly metadata?: string }): Promise<void> {
    await this.command({ command: 'start recording', 'call-id': target.callId, ...(target.metadata === undefined ? {} : { metadata: target.metadata }) });
  }

  /** `stop recording`: rtpengine closes the call's pcap file. */
  async stopRecording(target: { readonly callId: string }): Promise<void> {
    await this.command({ command: 'stop recording', 'call-id': target.callId });
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
