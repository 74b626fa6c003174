/**
 * Call-progress tones played locally with Web Audio: the ringtone of an incoming call and the
 * ringback an agent hears while the other side rings.
 *
 * @remarks
 * Ringback follows the Japanese network tone (400 Hz modulated at 16 Hz, 1 s on, 2 s off),
 * so agents hear what their customers' phones sound like. Chrome keeps an AudioContext
 * suspended until a user gesture: call {@link TonePlayer.unlock} from the first click.
 */
export type Tone = 'ringtone' | 'ringback';

interface Cadence {
  readonly onMs: number;
  readonly offMs: number;
}

const cadences: Record<Tone, Cadence> = {
  ringback: { onMs: 1000, offMs: 2000 },
  ringtone: { onMs: 1000, offMs: 1000 },
};

/** Seconds of cadence scheduled in advance on the audio clock (longer than an unanswered call rings). */
const scheduleAheadSeconds = 120;

/** Plays one tone at a time; starting another stops the first. */
export class TonePlayer {
  private context: AudioContext | undefined;
  private current: { tone: Tone; stop: () => void } | undefined;

  /** Resumes (or creates) the audio context from within a user gesture. */
  unlock(): void {
    const context = this.ensureContext();
    if (context?.state === 'suspended') void context.resume().catch(() => undefined);
  }

  /** The tone playing now, if any. */
  get playing(): Tone | undefined {
    return this.current?.tone;
  }

  /** Starts `tone`, repeating its cadence until {@link TonePlayer.stop}. */
  play(tone: Tone): void {
    if (this.current?.tone === tone) return;
    this.stop();
    const context = this.ensureContext();
    if (!context) return;
    const output = context.createGain();
    output.gain.value = 0;
    output.connect(context.destination);
    const sources = tone === 'ringback' ? ringbackSources(context, output) : ringtoneSources(context, output);
    const { onMs, offMs } = cadences[tone];
    // The cadence is scheduled on the audio clock, well ahead: Chrome throttles timers of a
    // hidden tab (down to once a minute), and an agent in another tab must still hear the ring.
    const cycle = (onMs + offMs) / 1000;
    let scheduledUntil = context.currentTime;
    const scheduleAhead = (): void => {
      const horizon = context.currentTime + scheduleAheadSeconds;
      for (; scheduledUntil < horizon; scheduledUntil += cycle) {
        output.gain.setValueAtTime(0.15, scheduledUntil);
        output.gain.setValueAtTime(0, scheduledUntil + onMs / 1000);
      }
    };
    scheduleAhead();
    const timer = setInterval(scheduleAhead, (scheduleAheadSeconds / 4) * 1000);
    this.current = {
      tone,
      stop: () => {
        clearInterval(timer);
        for (const source of sources) source.stop();
        output.disconnect();
      },
    };
  }

  /** Stops whatever is playing. */
  stop(): void {
    this.current?.stop();
    this.current = undefined;
  }

  /** Stops and releases the audio context. */
  async close(): Promise<void> {
    this.stop();
    await this.context?.close().catch(() => undefined);
    this.context = undefined;
  }

  private ensureContext(): AudioContext | undefined {
    if (this.context) return this.context;
    if (typeof AudioContext === 'undefined') return undefined;
    this.context = new AudioContext();
    return this.context;
  }
}

function ringbackSources(context: AudioContext, output: GainNode): OscillatorNode[] {
  // 400 Hz carrier amplitude-modulated by 16 Hz, as Japanese exchanges send.
  const carrier = new OscillatorNode(context, { frequency: 400 });
  const modulator = new OscillatorNode(context, { frequency: 16 });
  const depth = new GainNode(context, { gain: 0.5 });
  const amplitude = new GainNode(context, { gain: 0.5 });
  modulator.connect(depth).connect(amplitude.gain);
  carrier.connect(amplitude).connect(output);
  carrier.start();
  modulator.start();
  return [carrier, modulator];
}

function ringtoneSources(context: AudioContext, output: GainNode): OscillatorNode[] {
  const low = new OscillatorNode(context, { frequency: 880 });
  const high = new OscillatorNode(context, { frequency: 1320 });
  const mix = new GainNode(context, { gain: 0.5 });
  low.connect(mix);
  high.connect(mix);
  mix.connect(output);
  low.start();
  high.start();
  return [low, high];
}
