import { describe, expect, it } from 'vitest';
import { assertAudioOffer, SdpOfferError, waitingPartyAnswer } from './early-media-sdp';

const offer = (mLines: string) =>
  ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', ...mLines.split('\n'), ''].join('\r\n');

describe('the waiting party’s SDP answer', () => {
  it("takes the offer's first G.711 codec and telephone-event, sends only, to the discard port", () => {
    const sdp = waitingPartyAnswer(offer('m=audio 30000 RTP/AVP 111 8 0 101\na=rtpmap:111 opus/48000/2\na=rtpmap:8 PCMA/8000\na=rtpmap:0 PCMU/8000\na=rtpmap:101 telephone-event/8000\na=fmtp:101 0-16\na=sendrecv'), 7);
    expect(sdp.split('\r\n')).toEqual([
      'v=0',
      'o=tsunagu-queue 7 7 IN IP4 127.0.0.1',
      's=tsunagu queue',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=audio 9 RTP/AVP 8 101',
      'a=rtpmap:8 PCMA/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-16',
      'a=ptime:20',
      'a=sendonly',
      '',
    ]);
  });

  it('knows the static payload types without rtpmap, and declines other streams', () => {
    const sdp = waitingPartyAnswer(offer('m=audio 30000 RTP/AVP 0\nm=video 30002 RTP/AVP 96\na=rtpmap:96 VP8/90000'), 1);
    expect(sdp).toContain('m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n');
    expect(sdp).toContain('m=video 0 RTP/AVP 96\r\n');
  });

  it('refuses an offer without G.711', () => {
    expect(() => waitingPartyAnswer(offer('m=audio 30000 RTP/AVP 111\na=rtpmap:111 opus/48000/2'), 1)).toThrow(/neither PCMU nor PCMA/);
  });
});

describe('assertAudioOffer', () => {
  it('says what is wrong with a body that is no audio offer', () => {
    expect(() => assertAudioOffer('hello')).toThrow(SdpOfferError);
    expect(() => assertAudioOffer(offer('m=video 5000 RTP/AVP 96'))).toThrow(/no 'm=audio' line/);
    expect(() => assertAudioOffer(offer('m=audio 5000 RTP/AVP 0'))).not.toThrow();
  });
});
