/**
 * Generates the demo centre's announcements and hold music in `pbx/media/` (or the directory
 * given as the first argument): 8 kHz mono 16-bit PCM WAVs named after the queues'
 * announcement keys. Deterministic: the same bytes on every run, so the committed files can be
 * checked against this script (prompts.test.ts).
 *
 * ```sh
 * npx tsx scripts/pbx/prompts.ts            # rewrites pbx/media/*.wav
 * ```
 *
 * No voice: there is no Japanese speech synthesis on the machine, so the "messages" are chime
 * patterns a centre replaces with its own recordings (same format, same file names).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultMediaDir } from '../../server/src/config';
import { encodeWav } from '../../server/src/media/wav';

/** Telephony's sample rate: rtpengine encodes these to G.711 without resampling. */
export const PROMPT_SAMPLE_RATE = 8000;

/** One struck note: a MIDI note number, when it starts, how long it rings, how loud. */
interface Note {
  readonly midi: number;
  readonly at: number;
  readonly seconds: number;
  readonly gain: number;
}

function frequency(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

/**
 * Adds a bell-like note: the fundamental with two decaying overtones, a 15 ms attack and an
 * exponential decay, cut off with a 30 ms release so it never clicks.
 */
function strike(out: Float64Array, note: Note, decayPerSecond: number): void {
  const f = frequency(note.midi);
  const start = Math.round(note.at * PROMPT_SAMPLE_RATE);
  const length = Math.round(note.seconds * PROMPT_SAMPLE_RATE);
  const release = Math.round(0.03 * PROMPT_SAMPLE_RATE);
  for (let i = 0; i < length && start + i < out.length; i += 1) {
    const t = i / PROMPT_SAMPLE_RATE;
    const attack = Math.min(1, t / 0.015);
    const tail = Math.min(1, (length - i) / release);
    const decay = Math.exp(-decayPerSecond * t);
    const tone =
      Math.sin(2 * Math.PI * f * t) +
      0.35 * Math.exp(-decayPerSecond * t) * Math.sin(2 * Math.PI * 2 * f * t) +
      (3 * f < 3600 ? 0.12 * Math.exp(-2 * decayPerSecond * t) * Math.sin(2 * Math.PI * 3 * f * t) : 0);
    out[start + i] = (out[start + i] ?? 0) + note.gain * attack * tail * decay * tone;
  }
}

/** A soft sustained tone under the melody (slow swell and fade, no overtones). */
function pad(out: Float64Array, midi: number, at: number, seconds: number, gain: number): void {
  const f = frequency(midi);
  const start = Math.round(at * PROMPT_SAMPLE_RATE);
  const length = Math.round(seconds * PROMPT_SAMPLE_RATE);
  for (let i = 0; i < length && start + i < out.length; i += 1) {
    const t = i / PROMPT_SAMPLE_RATE;
    const envelope = Math.sin((Math.PI * i) / length);
    out[start + i] = (out[start + i] ?? 0) + gain * envelope * Math.sin(2 * Math.PI * f * t);
  }
}

/** Scales to a −6 dBFS peak and fades the first and last 40 ms, so a loop joins without a click. */
function finish(out: Float64Array): Float64Array {
  const peak = out.reduce((max, sample) => Math.max(max, Math.abs(sample)), 0);
  const scale = peak === 0 ? 0 : 0.5 / peak;
  const fade = Math.round(0.04 * PROMPT_SAMPLE_RATE);
  return out.map((sample, i) => sample * scale * Math.min(1, i / fade, (out.length - 1 - i) / fade));
}

function silence(seconds: number): Float64Array {
  return new Float64Array(Math.round(seconds * PROMPT_SAMPLE_RATE));
}

/**
 * Hold music: a calm 10 s phrase on the F major pentatonic scale over a slow bass, made for
 * looping (it ends where it began).
 */
function queueWait(): Float64Array {
  const out = silence(10);
  // [MIDI note, beats] at 0.5 s a beat: 20 beats.
  const phrase: readonly (readonly [number, number])[] = [
    [69, 1], [72, 1], [74, 1], [72, 1],
    [69, 1], [67, 1], [65, 2],
    [67, 1], [69, 1], [72, 1], [77, 1],
    [74, 2], [72, 2],
    [69, 1], [67, 1], [65, 2],
  ];
  let beat = 0;
  for (const [midi, beats] of phrase) {
    strike(out, { midi, at: beat * 0.5, seconds: beats * 0.5 + 0.4, gain: 0.6 }, 2.2);
    beat += beats;
  }
  const bass = [53, 50, 46, 48];
  bass.forEach((midi, i) => pad(out, midi, i * 2.5, 2.5, 0.22));
  return finish(out);
}

/** After hours: a falling three-note chime, twice (~4 s). */
function afterHours(): Float64Array {
  const out = silence(4);
  for (const start of [0, 2]) {
    [79, 76, 72].forEach((midi, i) => strike(out, { midi, at: start + i * 0.45, seconds: 1.1, gain: 0.7 }, 3));
  }
  return finish(out);
}

/** Queue full (the wait limit is reached): a rising two-note call, three times (~4 s). */
function queueFull(): Float64Array {
  const out = silence(4);
  for (const start of [0, 1.3, 2.6]) {
    strike(out, { midi: 74, at: start, seconds: 0.5, gain: 0.7 }, 4);
    strike(out, { midi: 81, at: start + 0.3, seconds: 0.9, gain: 0.7 }, 4);
  }
  return finish(out);
}

/** The demo's announcement files by key (the queues' `announcements`, see the seed). */
export const promptRenderers: Readonly<Record<string, () => Float64Array>> = {
  'queue-wait': queueWait,
  'after-hours': afterHours,
  'queue-full': queueFull,
};

/** Every prompt as the bytes of its `<key>.wav`. */
export function renderPrompts(): Map<string, Buffer> {
  return new Map(Object.entries(promptRenderers).map(([key, render]) => [`${key}.wav`, encodeWav(render(), PROMPT_SAMPLE_RATE)]));
}

/** Writes every prompt into `directory`. */
export async function writePrompts(directory: string): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const written: string[] = [];
  for (const [name, bytes] of renderPrompts()) {
    const file = path.join(directory, name);
    await writeFile(file, bytes);
    written.push(file);
  }
  return written;
}

const isMain = import.meta.url === `file://${process.argv[1] ?? ''}`;
if (isMain) {
  const directory = path.resolve(process.argv[2] ?? defaultMediaDir);
  for (const file of await writePrompts(directory)) console.log(`wrote ${file}`);
}
