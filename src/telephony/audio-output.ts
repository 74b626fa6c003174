/**
 * Plays a call's remote audio.
 *
 * @remarks
 * One sink per call; the core attaches the remote stream when media is established and
 * detaches it when the call ends so no element keeps a track alive.
 */
export interface AudioSink {
  attach(stream: MediaStream): void;
  setOutputDevice(deviceId: string): Promise<void>;
  detach(): void;
}

/** Factory of sinks, injectable so unit tests run without an audio stack. */
export type AudioSinkFactory = () => AudioSink;

/** An off-DOM `<audio>` element: enough for Chrome to play a WebRTC stream. */
export class HtmlAudioSink implements AudioSink {
  private readonly element: HTMLAudioElement;

  constructor() {
    this.element = new Audio();
    this.element.autoplay = true;
  }

  attach(stream: MediaStream): void {
    if (this.element.srcObject !== stream) this.element.srcObject = stream;
    // Autoplay may be refused before the first user gesture; the ringtone unlock handles it.
    this.element.play().catch(() => undefined);
  }

  /**
   * Routes the call's audio to `deviceId` (`''`: the system default) with `setSinkId`.
   * @throws an `Error` naming the gap where the browser cannot choose outputs (older Firefox, Safari).
   */
  async setOutputDevice(deviceId: string): Promise<void> {
    if (!('setSinkId' in this.element)) throw new Error('this browser cannot choose the audio output (no setSinkId)');
    await this.element.setSinkId(deviceId);
  }

  detach(): void {
    this.element.pause();
    this.element.srcObject = null;
  }
}
