import type { Session, SessionDescriptionHandler, SessionDescriptionHandlerFactory, SessionDescriptionHandlerOptions } from 'sip.js';
import type { AudioSink } from '../../telephony/audio-output';

/**
 * Media for unit tests: a SessionDescriptionHandler that exchanges a tiny SDP and records
 * what the call asked of it (hold direction, mute, DTMF), with no WebRTC.
 */
export class FakeMedia implements SessionDescriptionHandler {
  /** Every fake created, so tests can check all were closed. */
  static readonly all: FakeMedia[] = [];
  readonly dtmfSent: string[] = [];
  senderEnabled = true;
  closed = false;
  /** Direction we last offered or answered. */
  localDirection = 'sendrecv';
  /** Direction the other side last offered or answered. */
  remoteDirection = 'sendrecv';
  failGetDescription: Error | undefined;
  private offerOutstanding = false;
  private remoteOfferPending = false;

  constructor() {
    FakeMedia.all.push(this);
  }

  /** Mirrors `RTCPeerConnection.remoteDescription` for the call's remote-hold check. */
  get peerConnection(): { remoteDescription: { sdp: string } } {
    return { remoteDescription: { sdp: sdpWith(this.remoteDirection) } };
  }

  /** Stands in for the remote MediaStream; only its identity matters to the audio sink. */
  readonly remoteMediaStream = {} as MediaStream;

  /** Stands in for the microphone stream; only its identity matters to level meters. */
  readonly localMediaStream = {} as MediaStream;

  close(): void {
    this.closed = true;
  }

  getDescription(options?: SessionDescriptionHandlerOptions & { hold?: boolean }): Promise<{ body: string; contentType: string }> {
    if (this.failGetDescription) return Promise.reject(this.failGetDescription);
    if (this.remoteOfferPending) {
      this.remoteOfferPending = false;
      this.localDirection = answerTo(this.remoteDirection, options?.hold ?? false);
    } else {
      this.offerOutstanding = true;
      this.localDirection = options?.hold ? 'inactive' : 'sendrecv';
    }
    return Promise.resolve({ body: sdpWith(this.localDirection), contentType: 'application/sdp' });
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  setDescription(sdp: string): Promise<void> {
    this.remoteOfferPending = !this.offerOutstanding;
    this.offerOutstanding = false;
    this.remoteDirection = /a=(sendrecv|sendonly|recvonly|inactive)/.exec(sdp)?.[1] ?? 'sendrecv';
    return Promise.resolve();
  }

  sendDtmf(tones: string): boolean {
    this.dtmfSent.push(tones);
    return true;
  }

  enableSenderTracks(enable: boolean): void {
    this.senderEnabled = enable;
  }
}

/** The factory to hand to the phone in unit tests. */
export const fakeMediaFactory: SessionDescriptionHandlerFactory = (_session: Session) => new FakeMedia();

/** An audio sink that records what it was given. */
export class FakeAudioSink implements AudioSink {
  attached = false;
  outputDeviceId: string | undefined;

  attach(): void {
    this.attached = true;
  }

  setOutputDevice(deviceId: string): Promise<void> {
    this.outputDeviceId = deviceId;
    return Promise.resolve();
  }

  detach(): void {
    this.attached = false;
  }
}

function answerTo(offered: string, hold: boolean): string {
  if (offered === 'inactive') return 'inactive';
  if (offered === 'sendonly') return hold ? 'inactive' : 'recvonly';
  if (offered === 'recvonly') return 'sendonly';
  return hold ? 'sendonly' : 'sendrecv';
}

function sdpWith(direction: string): string {
  return [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    `a=${direction}`,
    '',
  ].join('\r\n');
}
