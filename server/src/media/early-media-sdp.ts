/** A caller's SDP offer the service cannot use (not SDP, no audio, no G.711). */
export class SdpOfferError extends Error {
  override readonly name = 'SdpOfferError';
}

/** Codecs the announcement can be sent in without transcoding the caller's side: G.711 only. */
const VOICE_CODECS = new Set(['PCMU/8000', 'PCMA/8000']);
/** RFC 3551's static payload types, for offers that leave out their rtpmap. */
const STATIC_PAYLOADS: Readonly<Record<string, string>> = { '0': 'PCMU/8000', '8': 'PCMA/8000' };

/**
 * Checks that `sdp` looks like a caller's SDP offer with audio.
 * @throws SdpOfferError saying what is missing.
 */
export function assertAudioOffer(sdp: string): void {
  if (!sdp.startsWith('v=0')) throw new SdpOfferError("the body is not an SDP offer (it must start with 'v=0')");
  if (!/^m=audio \d+ /m.test(sdp)) throw new SdpOfferError("the SDP offer has no audio stream (no 'm=audio' line)");
}

interface MediaSection {
  readonly mLine: string;
  readonly attributes: readonly string[];
}

function sections(sdp: string): MediaSection[] {
  const result: { mLine: string; attributes: string[] }[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) result.push({ mLine: line, attributes: [] });
    else if (line.startsWith('a=')) result.at(-1)?.attributes.push(line);
  }
  return result;
}

/**
 * The SDP answer of the party that stands for the queue while a caller waits: it takes the
 * offer's first G.711 codec (and telephone-event, so the caller's digits still pass) and is
 * `sendonly`.
 *
 * @remarks
 * `offer` is what rtpengine made of the caller's offer toward this party (plain RTP/AVP).
 * rtpengine plays the announcement to the caller in the codec agreed here. `sendonly` means
 * this party only sends (what rtpengine plays in its place) and receives nothing, so rtpengine
 * relays none of the caller's audio toward it; its address, port 9 (discard) on rtpengine's
 * own loopback, would swallow it anyway. Any other media section (video) is declined with port
 * 0, as RFC 3264 requires one answer line per offered line.
 *
 * @param version - the origin's session version; a new answer for the same call needs a
 *   higher one.
 * @throws SdpOfferError when the offer's first audio stream has neither PCMU nor PCMA.
 */
export function waitingPartyAnswer(offer: string, version: number): string {
  const lines = ['v=0', `o=tsunagu-queue ${version} ${version} IN IP4 127.0.0.1`, 's=tsunagu queue', 'c=IN IP4 127.0.0.1', 't=0 0'];
  let audioAnswered = false;
  for (const section of sections(offer)) {
    const [kind = '', , proto = 'RTP/AVP', ...payloads] = section.mLine.slice(2).split(' ');
    if (kind !== 'audio' || audioAnswered) {
      lines.push(`m=${kind} 0 ${proto} ${payloads[0] ?? '0'}`);
      continue;
    }
    const rtpmaps = new Map<string, string>();
    const fmtps = new Map<string, string>();
    for (const attribute of section.attributes) {
      const rtpmap = /^a=rtpmap:(\d+) (.+)$/.exec(attribute);
      if (rtpmap) rtpmaps.set(rtpmap[1] ?? '', rtpmap[2] ?? '');
      const fmtp = /^a=fmtp:(\d+) (.+)$/.exec(attribute);
      if (fmtp) fmtps.set(fmtp[1] ?? '', fmtp[2] ?? '');
    }
    const encoding = (payload: string) => (rtpmaps.get(payload) ?? STATIC_PAYLOADS[payload] ?? '').replace(/\/1$/, '');
    const voice = payloads.find((payload) => VOICE_CODECS.has(encoding(payload)));
    if (voice === undefined) throw new SdpOfferError('the caller offers neither PCMU nor PCMA, which announcements are played in');
    const events = payloads.find((payload) => encoding(payload).toLowerCase() === 'telephone-event/8000');
    const chosen = events === undefined ? [voice] : [voice, events];
    lines.push(`m=audio 9 RTP/AVP ${chosen.join(' ')}`);
    for (const payload of chosen) {
      lines.push(`a=rtpmap:${payload} ${encoding(payload)}`);
      const fmtp = fmtps.get(payload);
      if (fmtp !== undefined) lines.push(`a=fmtp:${payload} ${fmtp}`);
    }
    lines.push('a=ptime:20', 'a=sendonly');
    audioAnswered = true;
  }
  if (!audioAnswered) throw new SdpOfferError("the SDP offer has no audio stream (no 'm=audio' line)");
  return `${lines.join('\r\n')}\r\n`;
}
