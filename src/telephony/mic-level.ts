/**
 * A microphone level meter: how loud the agent's microphone is, 0 to 1, several times a second.
 *
 * @remarks
 * An `AnalyserNode` reads the local stream (the call's microphone track, or a test capture in
 * the settings) without sending it anywhere; nothing is connected to the speakers, so the
 * agent never hears themselves. The level is the RMS of the waveform, scaled so that normal
 * speech (about −30 to −10 dBFS) fills most of the meter.
 */
export class MicLevelMeter {
  private context: AudioContext | undefined;
  private source: MediaStreamAudioSourceNode | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private connect: (() => void) | undefined;

  /**
   * @param stream - the stream whose first audio track is metered; the meter never stops its tracks.
   * @param onLevel - receives the level, 0–1, every `intervalMs`.
   */
  constructor(
    private readonly stream: MediaStream,
    private readonly onLevel: (level: number) => void,
    private readonly intervalMs = 100,
  ) {}

  /** Starts metering; does nothing where Web Audio is missing (the meter stays at 0). */
  start(): void {
    if (this.context || typeof AudioContext === 'undefined' || this.stream.getAudioTracks().length === 0) return;
    const context = new AudioContext();
    const analyser = new AnalyserNode(context, { fftSize: 1024, smoothingTimeConstant: 0.5 });
    this.context = context;
    this.connect = () => {
      this.source?.disconnect();
      this.source = this.stream.getAudioTracks().length > 0 ? context.createMediaStreamSource(this.stream) : undefined;
      this.source?.connect(analyser);
    };
    this.connect();
    // A source node keeps the track it was made with: follow a switched microphone (SIP.js
    // replaces the call's track and fires addtrack on the same stream).
    this.stream.addEventListener('addtrack', this.connect);
    const samples = new Float32Array(analyser.fftSize);
    this.timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      this.onLevel(levelOf(samples));
    }, this.intervalMs);
  }

  /** Stops metering and releases the audio context. */
  stop(): void {
    if (this.connect) this.stream.removeEventListener('addtrack', this.connect);
    this.connect = undefined;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.source?.disconnect();
    this.source = undefined;
    void this.context?.close().catch(() => undefined);
    this.context = undefined;
  }
}

/**
 * The meter reading of one block of samples: RMS in dBFS mapped from −60…0 dB to 0…1.
 * @remarks Silence and line noise (below −60 dBFS) read 0; full-scale sound reads 1.
 */
export function levelOf(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let index = 0; index < samples.length; index += 1) {
    const sample = samples[index] ?? 0;
    sum += sample * sample;
  }
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const decibels = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (decibels + 60) / 60));
}
