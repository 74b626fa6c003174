import type { AudioSink } from './audio-output';

/**
 * A supervisor's audio leg into a monitored call: a plain `RTCPeerConnection` (no SIP) whose
 * offer the CTI service hands to rtpengine; the service's mixer answers it.
 * @remarks The microphone is sent from the start: switching to whisper or barge is a change on
 * the server, never a renegotiation. While listening nobody receives it.
 */
export interface MonitoringLeg {
  /** The SDP offer, with every ICE candidate gathered (the service does no trickle ICE). */
  offer(): Promise<string>;
  /** Applies the service's answer; the call's audio then plays. */
  accept(answerSdp: string): Promise<void>;
  /**
   * Calls `listener` once if the connection to the media relay is lost (ICE `disconnected` or
   * `failed`): rtpengine stopped answering, e.g. the CTI service restarted and took the leg
   * out of the call. Not called after {@link MonitoringLeg.close}.
   */
  onLost(listener: () => void): void;
  /** Stops the microphone, the audio and the connection. */
  close(): void;
}

/** Makes a leg; injectable so stores are tested without WebRTC. */
export type MonitoringLegFactory = () => MonitoringLeg;

/** How long to wait for ICE gathering before offering what was gathered. */
const gatheringTimeoutMs = 2000;

/** The browser's leg: the default microphone, the remote audio on `sink`. */
export class BrowserMonitoringLeg implements MonitoringLeg {
  readonly #connection = new RTCPeerConnection();
  #microphone: MediaStream | undefined;
  #lost: (() => void) | undefined;

  constructor(private readonly sink: AudioSink) {
    this.#connection.ontrack = (event) => {
      const [stream] = event.streams;
      this.sink.attach(stream ?? new MediaStream([event.track]));
    };
    this.#connection.onconnectionstatechange = () => {
      const state = this.#connection.connectionState;
      if (state !== 'disconnected' && state !== 'failed') return;
      const lost = this.#lost;
      this.#lost = undefined;
      lost?.();
    };
  }

  onLost(listener: () => void): void {
    this.#lost = listener;
  }

  async offer(): Promise<string> {
    this.#microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const track of this.#microphone.getAudioTracks()) this.#connection.addTrack(track, this.#microphone);
    await this.#connection.setLocalDescription(await this.#connection.createOffer());
    await new Promise<void>((resolve) => {
      if (this.#connection.iceGatheringState === 'complete') return resolve();
      const timer = setTimeout(resolve, gatheringTimeoutMs);
      this.#connection.addEventListener('icegatheringstatechange', () => {
        if (this.#connection.iceGatheringState !== 'complete') return;
        clearTimeout(timer);
        resolve();
      });
    });
    const sdp = this.#connection.localDescription?.sdp;
    if (sdp === undefined) throw new Error('the browser made no SDP offer for the monitoring leg');
    return sdp;
  }

  async accept(answerSdp: string): Promise<void> {
    await this.#connection.setRemoteDescription({ type: 'answer', sdp: answerSdp });
  }

  close(): void {
    this.#lost = undefined;
    for (const track of this.#microphone?.getTracks() ?? []) track.stop();
    this.#connection.close();
    this.sink.detach();
  }
}
