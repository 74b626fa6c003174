import { Web, type Session, type SessionDescriptionHandlerFactory } from 'sip.js';

/**
 * What the call needs from the media layer, narrowed from SIP.js's web SessionDescriptionHandler.
 *
 * @remarks
 * Tests substitute a fake that implements this without WebRTC; production uses
 * {@link TsunaguSessionDescriptionHandler}.
 */
export interface CallMedia {
  readonly peerConnection?: RTCPeerConnection | undefined;
  readonly remoteMediaStream?: MediaStream | undefined;
  /** The agent's microphone stream being sent. */
  readonly localMediaStream?: MediaStream | undefined;
  enableSenderTracks?(enable: boolean): void;
  /** Sends `stream`'s audio track instead of the current one (`replaceTrack`, no re-INVITE) and stops the old track. */
  replaceLocalMediaStream?(stream: MediaStream): Promise<void>;
  sendDtmf(tones: string, options?: unknown): boolean;
}

/**
 * The web SessionDescriptionHandler with call-centre hold semantics.
 *
 * @remarks
 * SIP.js offers `sendonly` on hold, which keeps the agent's microphone flowing to the held
 * customer. A customer on hold must not hear the agent talking to a colleague, so on hold we
 * offer `inactive` (RFC 3264 §8.4): neither side sends. On resume we offer `sendrecv` again;
 * music on hold is the media server's job, not the agent's browser. Answers to the remote
 * side's offers keep SIP.js's behaviour.
 */
export class TsunaguSessionDescriptionHandler extends Web.SessionDescriptionHandler {
  protected override updateDirection(options?: Web.SessionDescriptionHandlerOptions): Promise<void> {
    const peerConnection = this.peerConnection;
    if (peerConnection?.signalingState !== 'stable') return super.updateDirection(options);
    const direction: RTCRtpTransceiverDirection = options?.hold ? 'inactive' : 'sendrecv';
    for (const transceiver of peerConnection.getTransceivers()) {
      if (transceiver.direction !== 'stopped' && transceiver.direction !== direction) {
        transceiver.direction = direction;
      }
    }
    return Promise.resolve();
  }

  /**
   * Sends another microphone on this call: `RTCRtpSender.replaceTrack`, so no renegotiation
   * and no gap the customer would notice; the old track is stopped.
   */
  replaceLocalMediaStream(stream: MediaStream): Promise<void> {
    return this.setLocalMediaStream(stream);
  }
}

/**
 * Opens the microphone with `constraints` (a `deviceId` constraint for a chosen device).
 * @throws an `Error` outside a secure context, or the browser's `DOMException` (permission, device gone).
 */
export function openMicrophone(constraints: MediaTrackConstraints | boolean): Promise<MediaStream> {
  if (typeof navigator === 'undefined' || !('mediaDevices' in navigator)) {
    return Promise.reject(new Error('Microphone access needs a secure context (https or localhost).'));
  }
  return navigator.mediaDevices.getUserMedia({ audio: constraints, video: false });
}

/** Settings of the media layer for every call. */
export interface CallMediaSettings {
  /** ICE servers; empty on a LAN or loopback (no STUN reachable, none needed). */
  readonly iceServers: RTCIceServer[];
  /**
   * Milliseconds to wait for ICE gathering before sending the offer or answer.
   * @remarks Chrome's TCP candidates arrive ~120 ms after UDP ones; waiting for them only delays call setup.
   */
  readonly iceGatheringTimeoutMs: number;
}

/**
 * Builds the SIP.js factory that gives each session a {@link TsunaguSessionDescriptionHandler}.
 * @param getAudioConstraints - read at every call so a changed microphone applies to the next call.
 */
export function createSessionDescriptionHandlerFactory(
  settings: CallMediaSettings,
  getAudioConstraints: () => MediaTrackConstraints | boolean,
): SessionDescriptionHandlerFactory {
  const mediaStreamFactory: Web.MediaStreamFactory = (constraints) => {
    if (!constraints.audio) return Promise.resolve(new MediaStream());
    return openMicrophone(getAudioConstraints());
  };
  return (session: Session) =>
    new TsunaguSessionDescriptionHandler(session.userAgent.getLogger('sip.SessionDescriptionHandler'), mediaStreamFactory, {
      iceGatheringTimeout: settings.iceGatheringTimeoutMs,
      peerConnectionConfiguration: {
        bundlePolicy: 'balanced',
        iceCandidatePoolSize: 0,
        iceServers: settings.iceServers,
        iceTransportPolicy: 'all',
        rtcpMuxPolicy: 'require',
      },
    });
}
