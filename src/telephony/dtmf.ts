/**
 * DTMF tones: validation and the SIP INFO body.
 *
 * @remarks
 * RFC 4733 telephone-events through `RTCDTMFSender` are the default: they travel in the media
 * and reach IVRs behind any SIP server. SIP INFO (`application/dtmf-relay`) is offered for
 * PBXs that only understand signalling DTMF.
 */
export type DtmfMode = 'rfc4733' | 'info';

const tonePattern = /^[0-9A-D*#]+$/;

/** True when every character is a DTMF tone: 0-9, *, #, A-D. */
export function isDtmfTones(tones: string): boolean {
  return tonePattern.test(tones);
}

/** Body of a SIP INFO carrying one tone, as used by Cisco/Asterisk-style `dtmf-relay`. */
export function dtmfRelayBody(tone: string, durationMs: number): string {
  return `Signal=${tone}\r\nDuration=${durationMs}\r\n`;
}

/** Extracts the tone from an `application/dtmf-relay` or `application/dtmf` body, if any. */
export function parseDtmfInfo(contentType: string | undefined, body: string): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/dtmf-relay') {
    const match = /Signal\s*=\s*([0-9A-Da-d*#])/.exec(body);
    return match?.[1]?.toUpperCase();
  }
  if (type === 'application/dtmf') {
    const tone = body.trim().toUpperCase();
    return isDtmfTones(tone) && tone.length === 1 ? tone : undefined;
  }
  return undefined;
}
