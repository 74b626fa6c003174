import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MonitoringMode } from '../../../../src/contract/monitoring';
import { assertAudioOffer, SdpOfferError } from '../../media/early-media-sdp';
import { MonitorMixer, samplesPerFrame, ulawSilence, type MonitorMixerOptions, type RtpDestination } from '../../media/monitor-mixer';
import type { BencodeValue } from '../../media/bencode';
import { NgError, type MediaProfile, type NgClient, type NgDictionary } from '../../media/ng-client';
import { callParties, type AgentSide, type CallParties } from './call-parties';
import {
  monitoringTags,
  MonitoringMediaError,
  type LeftoverMonitoring,
  type MonitoringCheck,
  type MonitoringMedia,
  type MonitoringRestore,
  type MonitoringTags,
  type SupervisorLeg,
} from './monitoring-media';

type Ears = 'agent' | 'customer';

/** Fresh SSRCs sent to a browser before its ears go back to the other party: more than Chromium keeps (4). */
const ssrcFlushCount = 6;
/** Time for them to arrive before rtpengine switches the stream. */
const ssrcFlushSettleMs = 40;

interface MediaSession {
  readonly leg: SupervisorLeg;
  readonly mixer: MonitorMixer;
  readonly tags: MonitoringTags;
  mode: MonitoringMode;
  /** rtpengine's ports for the mixer's publications, once published. */
  readonly published: Partial<Record<Ears, RtpDestination>>;
  /** Whose ears are on the mixer now. */
  readonly repointed: Record<Ears, boolean>;
  /** The parties' dialog ended (BYE): nothing to put back. */
  callGone: boolean;
}

/** The rtpengine port a publisher's media is received on (`query`), if it still has one. */
async function publicationPort(relay: NgClient, callId: string, publisherTag: string): Promise<number | undefined> {
  const reply = await relay.command({ command: 'query', 'call-id': callId });
  const monologue = field(reply, 'tags', publisherTag);
  const medias = isDictionary(monologue) && Array.isArray(monologue.medias) ? (monologue.medias as readonly BencodeValue[]) : [];
  for (const media of medias) {
    const streams = isDictionary(media) && Array.isArray(media.streams) ? (media.streams as readonly BencodeValue[]) : [];
    for (const stream of streams) {
      const port = isDictionary(stream) ? stream['local port'] : undefined;
      if (typeof port === 'number' && port > 0) return port;
    }
  }
  return undefined;
}

function isDictionary(value: BencodeValue | undefined): value is NgDictionary {
  return typeof value === 'object' && !Array.isArray(value);
}

/** A nested field of an ng reply, or undefined. */
function field(reply: NgDictionary, ...path: readonly string[]): BencodeValue | undefined {
  let value: BencodeValue | undefined = reply;
  for (const key of path) value = isDictionary(value) ? value[key] : undefined;
  return value;
}

/** A plain RTP/AVP PCMU SDP of the mixer: one audio section per port. */
function mixerSdp(host: string, sections: readonly { port: number; direction: 'sendrecv' | 'sendonly' | 'recvonly' }[]): string {
  const version = Math.floor(Date.now() / 1000);
  const media = sections.flatMap(({ port, direction }) => [`m=audio ${port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', 'a=ptime:20', `a=${direction}`]);
  return ['v=0', `o=tsunagu-monitor ${version} ${version} IN IP4 ${host}`, 's=tsunagu monitor', `c=IN IP4 ${host}`, 't=0 0', ...media, ''].join('\r\n');
}

/** Where rtpengine wants each audio section's RTP, from the SDP it wrote for the mixer. */
function relayEndpoints(sdp: string): RtpDestination[] {
  let host = /^c=IN IP4 (\S+)/m.exec(sdp)?.[1] ?? '';
  const endpoints: { host: string; port: number }[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    const media = /^m=audio (\d+) /.exec(line);
    if (media) endpoints.push({ host, port: Number(media[1]) });
    const connection = /^c=IN IP4 (\S+)/.exec(line);
    if (connection && endpoints.length > 0) {
      host = connection[1] ?? host;
      const last = endpoints.at(-1);
      if (last) last.host = host;
    }
  }
  return endpoints;
}

function firstEndpoint(sdp: string, what: string): RtpDestination {
  const [endpoint] = relayEndpoints(sdp);
  if (endpoint === undefined || endpoint.host === '' || endpoint.port === 0) throw new MonitoringMediaError('relay-failed', `rtpengine's SDP for ${what} names no audio address`);
  return endpoint;
}

/**
 * Monitoring over rtpengine 10.5 and the service's {@link MonitorMixer} (design note §3.3, §3.4).
 *
 * @remarks
 * Listen: the mixer subscribes to the customer and the agent (`mon-<id>`, PCMU), and answers the
 * supervisor's leg (`sv-<id>` ↔ `mix-sv-<id>`), sending it "customer + agent". Whisper: the
 * mixer publishes "customer + supervisor" (`mix-agent-<id>`) and the agent's ears move onto it
 * (`unsubscribe` + `subscribe request` to the agent's own tag: same rtpengine port, no SIP
 * toward the agent). Barge: the customer's ears likewise onto "agent + supervisor". Back to
 * listen: each party subscribed to the other again. The recorder's subscription is never
 * touched. A session's publications stay in the call while it runs (an idle one is silent);
 * when it ends they are deleted by their tag, which releases only their own ports (measured).
 *
 * A session whose mixer died with a previous run of the service (a crash) is put back by
 * {@link RtpengineMonitoringMedia.restore}, from the tags the domain stored and what `query`
 * shows now.
 */
export class RtpengineMonitoringMedia implements MonitoringMedia {
  readonly #relay: NgClient | undefined;
  readonly #openMixer: (options: MonitorMixerOptions) => Promise<MonitorMixer>;
  readonly #sessions = new Map<string, MediaSession>();

  /**
   * @param relay - rtpengine's ng client; undefined: no monitoring (`no-relay`).
   * @param options.openMixer - opens each session's mixer ({@link MonitorMixer.open}); tests
   *   keep hold of the mixers to kill them as a crash of the service would.
   */
  constructor(relay: NgClient | undefined, options: { readonly openMixer?: (options: MonitorMixerOptions) => Promise<MonitorMixer> } = {}) {
    this.#relay = relay;
    this.#openMixer = options.openMixer ?? ((mixerOptions) => MonitorMixer.open(mixerOptions));
  }

  async partiesOf(sipCallId: string, agentSide: AgentSide): Promise<CallParties> {
    const relay = this.#requireRelay();
    const tags = await this.#onRelay(() => relay.callTags(sipCallId), sipCallId);
    const parties = callParties(tags, agentSide);
    if (parties === undefined) throw new MonitoringMediaError('call-gone', `rtpengine holds no answered dialog for call ${sipCallId}`);
    return parties;
  }

  async join(leg: SupervisorLeg): Promise<string> {
    const relay = this.#requireRelay();
    try {
      assertAudioOffer(leg.sdp);
    } catch (error) {
      if (error instanceof SdpOfferError) throw new MonitoringMediaError('bad-offer', error.message);
      throw error;
    }
    const host = relay.host;
    const mixer = await this.#openMixer({ host });
    const tags = monitoringTags(leg.sessionId);
    const callId = leg.sipCallId;
    const { customerTag, agentTag } = leg.parties;
    try {
      return await this.#onRelay(async () => {
        const subscription = await relay.subscribeRequest({ callId, sources: [customerTag, agentTag], subscriberTag: tags.input, profile: 'plain', transcodeTo: ['PCMU'] });
        // One section per source, in the order rtpengine echoes them.
        const order = subscription.sourceTags.length === 2 ? subscription.sourceTags : [customerTag, agentTag];
        const sections = order.map((tag) => ({ port: mixer.inputPort(tag === agentTag ? 'agent' : 'customer'), direction: 'recvonly' as const }));
        await relay.subscribeAnswer({ callId, subscriberTag: tags.input, sdp: mixerSdp(host, sections), allowTranscoding: true });
        const towardMixer = await relay.offer({ callId, fromTag: tags.supervisor, sdp: leg.sdp, profile: 'plain', extra: { codec: { transcode: ['PCMU'] } } });
        const answer = await relay.answer({
          callId,
          fromTag: tags.supervisor,
          toTag: tags.mixForSupervisor,
          sdp: mixerSdp(host, [{ port: mixer.inputPort('supervisor'), direction: 'sendrecv' }]),
          profile: leg.profile,
        });
        mixer.sendTo('supervisor', firstEndpoint(towardMixer.sdp, "the supervisor's leg"));
        this.#sessions.set(leg.sessionId, { leg, mixer, tags, mode: 'listen', published: {}, repointed: { agent: false, customer: false }, callGone: false });
        return answer.sdp;
      }, callId);
    } catch (error) {
      mixer.close();
      await this.#undoJoin(relay, callId, tags);
      throw error;
    }
  }

  async apply(sessionId: string, mode: MonitoringMode): Promise<void> {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) throw new MonitoringMediaError('call-gone', `no media for monitoring session ${sessionId}`);
    const relay = this.#requireRelay();
    await this.#onRelay(async () => {
      await this.#point(relay, session, 'agent', mode !== 'listen');
      await this.#point(relay, session, 'customer', mode === 'barge');
    }, session.leg.sipCallId);
    session.mode = mode;
  }

  async check(sessionId: string): Promise<MonitoringCheck> {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return 'call-gone';
    const relay = this.#requireRelay();
    const { sipCallId: callId, parties } = session.leg;
    const tags = await this.#onRelay(() => relay.callTags(callId), callId).catch((error: unknown) => {
      if (error instanceof MonitoringMediaError && error.kind === 'call-gone') return undefined;
      throw error;
    });
    const find = (tag: string) => tags?.find((party) => party.tag === tag);
    const agent = find(parties.agentTag);
    const customer = find(parties.customerTag);
    // The supervisor's leg released: another instance took the session over (design note §3.4, Restarts).
    const supervisor = find(session.tags.supervisor);
    if (agent === undefined || customer === undefined || agent.released || customer.released || supervisor === undefined || supervisor.released) {
      session.callGone = true;
      return 'call-gone';
    }
    // A re-INVITE between the parties links them again beside the mixer's stream (measured).
    const undone =
      (session.repointed.agent && agent.subscriptions.some((link) => link.tag === parties.customerTag)) ||
      (session.repointed.customer && customer.subscriptions.some((link) => link.tag === parties.agentTag));
    if (!undone) return 'intact';
    session.repointed.agent = false;
    session.repointed.customer = false;
    await this.#onRelay(async () => {
      await this.#point(relay, session, 'agent', session.mode !== 'listen', true);
      await this.#point(relay, session, 'customer', session.mode === 'barge', true);
    }, callId);
    return 'reapplied';
  }

  async leave(sessionId: string): Promise<void> {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return;
    this.#sessions.delete(sessionId);
    const relay = this.#relay;
    try {
      if (relay !== undefined && !session.callGone && (session.repointed.agent || session.repointed.customer)) {
        await this.#point(relay, session, 'agent', false).catch(() => undefined);
        await this.#point(relay, session, 'customer', false).catch(() => undefined);
      }
      if (relay !== undefined) await this.#undoJoin(relay, session.leg.sipCallId, session.tags);
      if (relay !== undefined && session.callGone) await this.#releaseEndedCall(relay, session.leg.sipCallId);
      else if (relay !== undefined && (session.published.agent !== undefined || session.published.customer !== undefined)) {
        await this.#withdrawPublications(relay, session.leg.sipCallId, session.tags);
      }
    } finally {
      session.mixer.close();
    }
  }

  async restore(leftover: LeftoverMonitoring): Promise<MonitoringRestore> {
    const relay = this.#requireRelay();
    const { sipCallId: callId, parties, tags } = leftover;
    try {
      return await this.#onRelay(async () => {
        const now = await relay.callTags(callId);
        const find = (tag: string) => now.find((party) => party.tag === tag);
        const agent = find(parties.agentTag);
        const customer = find(parties.customerTag);
        if (agent === undefined || customer === undefined || agent.released || customer.released) {
          await this.#undoJoin(relay, callId, tags);
          await this.#releaseEndedCall(relay, callId);
          return 'call-gone';
        }
        for (const [ears, listener] of [['agent', agent], ['customer', customer]] as const) {
          const otherTag = ears === 'agent' ? parties.customerTag : parties.agentTag;
          // Put back already (another instance, an earlier attempt), or never moved (listen).
          if (listener.subscriptions.length === 1 && listener.subscriptions[0]?.tag === otherTag) continue;
          const profile = ears === 'agent' ? parties.agentProfile : parties.customerProfile;
          if (profile === 'webrtc') await this.#flushFromPublication(relay, callId, ears === 'agent' ? tags.mixForAgent : tags.mixForCustomer);
          await relay.unsubscribe({ callId, subscriberTag: listener.tag });
          await relay.subscribeRequest({ callId, sources: [otherTag], subscriberTag: listener.tag, profile });
        }
        await this.#undoJoin(relay, callId, tags);
        await this.#withdrawPublications(relay, callId, tags);
        return 'restored' as const;
      }, callId);
    } catch (error) {
      if (error instanceof MonitoringMediaError && error.kind === 'call-gone') return 'call-gone';
      throw error;
    }
  }

  /**
   * What the mixer's {@link MonitorMixer.sendSsrcFlush} does, for a mixer that is gone: silent
   * packets from fresh SSRCs sent into the publication the browser hears, so that it plays the
   * other party's SSRC again once its ears are back on them. Best effort.
   */
  async #flushFromPublication(relay: NgClient, callId: string, publisherTag: string): Promise<void> {
    const port = await publicationPort(relay, callId, publisherTag).catch(() => undefined);
    if (port === undefined) return;
    const socket = createSocket('udp4');
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(0, relay.host, () => resolve());
      });
      for (let index = 0; index < ssrcFlushCount; index += 1) {
        const header = Buffer.alloc(12);
        header[0] = 0x80;
        header[1] = 0x80; // PCMU with the marker bit: a new talkspurt
        header.writeUInt16BE(randomBytes(2).readUInt16BE(0), 2);
        header.writeUInt32BE(randomBytes(4).readUInt32BE(0), 4);
        header.writeUInt32BE(randomBytes(4).readUInt32BE(0), 8);
        socket.send(Buffer.concat([header, Buffer.alloc(samplesPerFrame, ulawSilence)]), port, relay.host);
      }
      await sleep(ssrcFlushSettleMs);
    } catch {
      // No flush: a browser may hear the other party only after its next re-INVITE.
    } finally {
      socket.close();
    }
  }

  /** Sessions with media now (tests, diagnostics). */
  get activeSessions(): number {
    return this.#sessions.size;
  }

  /**
   * Moves `ears`' hearing onto the mixer's publication for them, or back onto the other party.
   * @param force - re-point even when the session believes it already is (after a re-INVITE).
   */
  async #point(relay: NgClient, session: MediaSession, ears: Ears, toMixer: boolean, force = false): Promise<void> {
    const { sipCallId: callId, parties } = session.leg;
    const listenerTag = ears === 'agent' ? parties.agentTag : parties.customerTag;
    const otherTag = ears === 'agent' ? parties.customerTag : parties.agentTag;
    const profile: MediaProfile = ears === 'agent' ? parties.agentProfile : parties.customerProfile;
    const publisherTag = ears === 'agent' ? session.tags.mixForAgent : session.tags.mixForCustomer;
    if (toMixer) {
      if (session.repointed[ears] && !force) return;
      let destination = session.published[ears];
      if (destination === undefined) {
        const published = await relay.publish({ callId, publisherTag, sdp: mixerSdp(relay.host, [{ port: session.mixer.outputPort(ears), direction: 'sendonly' }]), profile: 'plain' });
        destination = firstEndpoint(published.sdp, `the ${ears}'s mix`);
        session.published[ears] = destination;
      }
      session.mixer.sendTo(ears, destination);
      await relay.unsubscribe({ callId, subscriberTag: listenerTag });
      await relay.subscribeRequest({ callId, sources: [publisherTag], subscriberTag: listenerTag, profile });
      session.repointed[ears] = true;
      return;
    }
    if (!session.repointed[ears]) return;
    // A browser would not play the other party's SSRC again after the mixer's (see sendSsrcFlush).
    if (profile === 'webrtc') {
      session.mixer.sendSsrcFlush(ears, ssrcFlushCount);
      await sleep(ssrcFlushSettleMs);
    }
    await relay.unsubscribe({ callId, subscriberTag: listenerTag });
    await relay.subscribeRequest({ callId, sources: [otherTag], subscriberTag: listenerTag, profile });
    session.mixer.sendTo(ears, undefined);
    session.repointed[ears] = false;
  }

  /**
   * Deletes an ended call that rtpengine kept only for the mixer's sake: its dialog was
   * deleted (BYE) while the mixer's input and publications were subscribed to it. Another
   * subscriber still there (the recorder) keeps the call; it ends it itself.
   */
  async #releaseEndedCall(relay: NgClient, callId: string): Promise<void> {
    const left = await relay.callTags(callId).catch(() => []);
    const holders = left.filter((party) => !party.released && !/^mix-(?:agent|customer)-/.test(party.tag));
    if (left.length > 0 && holders.length === 0) await relay.command({ command: 'delete', 'call-id': callId }).catch(() => undefined);
  }

  /** Removes the supervisor's leg and the mixer's input from the call; best effort. */
  async #undoJoin(relay: NgClient, callId: string, tags: MonitoringTags): Promise<void> {
    await relay.delete({ callId, fromTag: tags.supervisor, toTag: tags.mixForSupervisor }).catch(() => undefined);
    await relay.unsubscribe({ callId, subscriberTag: tags.input }).catch(() => undefined);
    // An unsubscribed subscriber keeps its ports until deleted; it has no dialog, so only it goes (measured).
    await relay.delete({ callId, fromTag: tags.input }).catch(() => undefined);
  }

  /**
   * Removes the mixer's publications, once nobody hears them (the parties are back on each
   * other): deleting a publisher releases only its own ports (measured on 10.5); best effort.
   */
  async #withdrawPublications(relay: NgClient, callId: string, tags: MonitoringTags): Promise<void> {
    for (const publisherTag of [tags.mixForAgent, tags.mixForCustomer]) await relay.delete({ callId, fromTag: publisherTag }).catch(() => undefined);
  }

  #requireRelay(): NgClient {
    if (this.#relay === undefined) throw new MonitoringMediaError('no-relay', 'no media relay configured (TSUNAGU_RTPENGINE_NG)');
    return this.#relay;
  }

  /** Runs ng commands; rtpengine's failures become `relay-failed` (or `call-gone` for an unknown call). */
  async #onRelay<T>(work: () => Promise<T>, callId: string): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof NgError) {
        if (error.kind === 'refused' && /unknown call/i.test(error.reason ?? '')) throw new MonitoringMediaError('call-gone', `rtpengine no longer holds call ${callId}`);
        throw new MonitoringMediaError('relay-failed', `media relay failed: ${error.message}`);
      }
      throw error;
    }
  }
}
