import { createHash } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** Which side of the call a stream carries: the left channel is the customer, the right one the agent. */
export type RecordedParty = 'customer' | 'agent';

/** An interval of a recording during which nothing was written (silence on both channels). */
export interface RecordingPause {
  /** Milliseconds from the start of the file. */
  readonly startMs: number;
  /** Milliseconds from the start of the file; undefined while the pause is still open. */
  readonly endMs: number | undefined;
}

/** What a finished recording is: its file, its length and what is in it. */
export interface FinishedRecording {
  /** Absolute path of the finished `.wav`. */
  readonly file: string;
  /** Length of the audio, from the start of the recorder to its stop. */
  readonly durationMs: number;
  /** Every pause, closed (an open pause is closed at the stop). */
  readonly pauses: readonly RecordingPause[];
  /** SHA-256 of the whole file, hex. */
  readonly sha256: string;
  /** Peak level per 100 ms (0–1), left (customer) and right (agent): the waveform the player draws. */
  readonly peaks: { readonly customer: readonly number[]; readonly agent: readonly number[] };
  /** RTP packets taken into the file per party (late, paused and unknown packets not counted). */
  readonly packets: { readonly customer: number; readonly agent: number };
}

/** How a {@link CallRecorder} is made. */
export interface CallRecorderOptions {
  /** Absolute path of the finished file (`….wav`); the recorder writes `<file>.partial` until it stops. */
  readonly file: string;
  /** Address of the UDP socket; 127.0.0.1 if omitted (rtpengine runs on the same host). */
  readonly host?: string;
  /** Monotonic milliseconds; `performance.now()` if omitted (tests drive their own clock). */
  readonly now?: () => number;
  /**
   * How late a packet may arrive and still be placed in the file, in ms; 60 if omitted. What
   * lies further back than this is written out on each flush.
   */
  readonly jitterMs?: number;
  /** How often buffered audio is written out, in ms; 100 if omitted; 0: only by {@link CallRecorder.flush} (tests). */
  readonly flushIntervalMs?: number;
  /** How often the WAV header is rewritten with the sizes so far (a crash leaves a playable file), in ms; 10 000 if omitted. */
  readonly headerIntervalMs?: number;
}

/** The recorder was used out of order (a pause while paused, a source after the stop…). */
export class CallRecorderError extends Error {
  override readonly name = 'CallRecorderError';
}

/** 8 kHz, 20 ms frames. */
const SAMPLES_PER_MS = 8;
/** μ-law's silence (decodes to 0). */
const MU_LAW_SILENCE = 0xff;
/** fmt chunk of 18 bytes (format 7 carries cbSize), a fact chunk, then data. */
const HEADER_BYTES = 12 + 8 + 18 + 8 + 4 + 8;
/** A stream whose RTP timestamp and arrival time disagree by more than this is anchored again. */
const MAX_DRIFT_SAMPLES = 500 * SAMPLES_PER_MS;
/** One waveform peak per 100 ms. */
const PEAK_SAMPLES = 100 * SAMPLES_PER_MS;

const MU_LAW_TO_LINEAR = buildMuLawTable();

function buildMuLawTable(): Int16Array {
  const table = new Int16Array(256);
  for (let byte = 0; byte < 256; byte += 1) {
    const value = ~byte & 0xff;
    const sign = value & 0x80;
    const exponent = (value >> 4) & 0x07;
    const mantissa = value & 0x0f;
    const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
    table[byte] = sign === 0 ? magnitude : -magnitude;
  }
  return table;
}

/** The RIFF header of a 2-channel 8 kHz μ-law WAV holding `dataBytes` bytes of audio. */
export function muLawStereoWavHeader(dataBytes: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(18, 16);
  header.writeUInt16LE(7, 20); // WAVE_FORMAT_MULAW
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(8, 34);
  header.writeUInt16LE(0, 36);
  header.write('fact', 38, 'ascii');
  header.writeUInt32LE(4, 42);
  header.writeUInt32LE(dataBytes / 2, 46);
  header.write('data', 50, 'ascii');
  header.writeUInt32LE(dataBytes, 54);
  return header;
}

/** Where one RTP stream (one SSRC) lands in the file. */
interface StreamAnchor {
  readonly ssrc: number;
  /** RTP timestamp of the anchoring packet. */
  readonly timestamp: number;
  /** File sample index of that packet. */
  readonly sample: number;
  /** The newest RTP timestamp seen on the stream. */
  newest: number;
}

/**
 * Records one call: the two parties' PCMU streams, as rtpengine's subscription sends them to one
 * UDP socket, into a 2-channel 8 kHz μ-law WAV (left the customer, right the agent).
 *
 * @remarks
 * The file's time is the recorder's clock from {@link CallRecorder.open} to
 * {@link CallRecorder.stop}: each packet is placed by its RTP timestamp relative to the first
 * packet of its stream (anchored at its arrival), so loss, hold and silence suppression become
 * silence and the file lasts as long as the call. The two streams are told apart by rtpengine's
 * source port (one per media section of the subscription), never by SSRC, which changes on hold
 * and transfer.
 *
 * Per packet the recorder only copies the payload into a memory window; every
 * `flushIntervalMs` the part older than `jitterMs` is appended to the file with one
 * asynchronous write, so no packet waits for the disk. While paused (a card number being read)
 * nothing of the parties' audio is written: the paused interval is silence on both channels and
 * kept in {@link CallRecorder.pauses}.
 */
export class CallRecorder {
  readonly #socket: Socket;
  readonly #handle: FileHandle;
  readonly #file: string;
  readonly #now: () => number;
  readonly #jitterSamples: number;
  readonly #startedAt: number;
  readonly #timers: NodeJS.Timeout[] = [];
  #sources: { readonly customer: number; readonly agent: number } | undefined;
  readonly #anchors: { customer: StreamAnchor | undefined; agent: StreamAnchor | undefined } = { customer: undefined, agent: undefined };
  readonly #packets = { customer: 0, agent: 0 };
  #arrivals = 0;
  /** Interleaved L/R μ-law bytes from sample {@link CallRecorder.#flushedSamples} on. */
  #window = Buffer.alloc(0);
  #flushedSamples = 0;
  readonly #pauses: { startMs: number; endMs: number | undefined }[] = [];
  readonly #peaks = { customer: [] as number[], agent: [] as number[] };
  readonly #peakRun = { customer: 0, agent: 0, samples: 0 };
  /** Appends and header rewrites, one after another. */
  #writes: Promise<void> = Promise.resolve();
  #writeError: Error | undefined;
  #stopped = false;

  private constructor(socket: Socket, handle: FileHandle, file: string, options: CallRecorderOptions) {
    this.#socket = socket;
    this.#handle = handle;
    this.#file = file;
    this.#now = options.now ?? (() => performance.now());
    this.#jitterSamples = (options.jitterMs ?? 60) * SAMPLES_PER_MS;
    this.#startedAt = this.#now();
    socket.on('message', (packet: Buffer, from: RemoteInfo) => {
      this.#receive(packet, from.port);
    });
    const flushIntervalMs = options.flushIntervalMs ?? 100;
    if (flushIntervalMs > 0) this.#timers.push(setInterval(() => this.flush(), flushIntervalMs));
    this.#timers.push(setInterval(() => this.#queue(() => this.#writeHeader()), options.headerIntervalMs ?? 10_000));
    for (const timer of this.#timers) timer.unref();
  }

  /**
   * Opens the socket and the `.partial` file (directory 0700, file 0600); the file's time starts now.
   * @throws the file system's or the socket's error.
   */
  static async open(options: CallRecorderOptions): Promise<CallRecorder> {
    await mkdir(path.dirname(options.file), { recursive: true, mode: 0o700 });
    const handle = await open(`${options.file}.partial`, 'w', 0o600);
    try {
      await handle.write(muLawStereoWavHeader(0), 0, HEADER_BYTES, 0);
      const socket = createSocket('udp4');
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(0, options.host ?? '127.0.0.1', () => {
          socket.off('error', reject);
          resolve();
        });
      });
      return new CallRecorder(socket, handle, options.file, options);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The socket rtpengine sends to (the address of the subscriber's answer). */
  get address(): { readonly host: string; readonly port: number } {
    const { address, port } = this.#socket.address();
    return { host: address, port };
  }

  /** Milliseconds of audio since the start. */
  get elapsedMs(): number {
    return Math.max(0, Math.round(this.#now() - this.#startedAt));
  }

  /** True between {@link CallRecorder.pause} and {@link CallRecorder.resume}. */
  get paused(): boolean {
    return this.#pauses.at(-1)?.endMs === undefined && this.#pauses.length > 0;
  }

  /** The pauses so far, the last one open while paused. */
  get pauses(): readonly RecordingPause[] {
    return this.#pauses.map((pause) => ({ ...pause }));
  }

  /** Packets taken into the file so far, per party. */
  get packets(): { readonly customer: number; readonly agent: number } {
    return { ...this.#packets };
  }

  /** Datagrams that reached the socket, whatever became of them (diagnostics, tests). */
  get arrivals(): number {
    return this.#arrivals;
  }

  /**
   * Which of rtpengine's ports carries which party: the ports of the subscription offer's two
   * media sections (customer first). Packets from any other port are ignored.
   */
  setSources(sources: { readonly customer: number; readonly agent: number }): void {
    this.#sources = sources;
  }

  /**
   * Stops writing the parties' audio: from now on both channels are silence.
   * @returns the pause as recorded (its start in ms from the start of the file).
   * @throws CallRecorderError when already paused or stopped.
   */
  pause(): RecordingPause {
    if (this.#stopped) throw new CallRecorderError('the recording has ended');
    if (this.paused) throw new CallRecorderError('the recording is already paused');
    const pause = { startMs: this.elapsedMs, endMs: undefined };
    this.#pauses.push(pause);
    return { ...pause };
  }

  /**
   * Writes the parties' audio again.
   * @returns the pause just closed.
   * @throws CallRecorderError when not paused.
   */
  resume(): RecordingPause {
    const pause = this.#pauses.at(-1);
    if (this.#stopped) throw new CallRecorderError('the recording has ended');
    if (pause === undefined || pause.endMs !== undefined) throw new CallRecorderError('the recording is not paused');
    pause.endMs = Math.max(pause.startMs, this.elapsedMs);
    return { ...pause };
  }

  /**
   * Writes out what is older than the jitter allowance (or everything up to now with `all`).
   * @remarks Runs by itself every `flushIntervalMs`; the write is queued, not awaited.
   */
  flush(all = false): void {
    if (this.#stopped && !all) return;
    const nowSample = Math.round((this.#now() - this.#startedAt) * SAMPLES_PER_MS);
    const upTo = all ? nowSample : nowSample - this.#jitterSamples;
    if (upTo <= this.#flushedSamples) return;
    const count = upTo - this.#flushedSamples;
    this.#ensureWindow(count);
    const chunk = Buffer.from(this.#window.subarray(0, count * 2));
    this.#window = this.#window.subarray(count * 2);
    this.#silencePaused(chunk, this.#flushedSamples);
    this.#measurePeaks(chunk);
    this.#flushedSamples = upTo;
    const position = HEADER_BYTES + (upTo - count) * 2;
    this.#queue(async () => {
      await this.#handle.write(chunk, 0, chunk.length, position);
    });
  }

  /**
   * Ends the recording now: writes the rest, closes an open pause, finalises the header and
   * renames `<file>.partial` to `<file>`. Safe to call once; the socket closes.
   * @throws CallRecorderError when already stopped; the file system's error when a write failed.
   */
  async stop(): Promise<FinishedRecording> {
    if (this.#stopped) throw new CallRecorderError('the recording has already ended');
    for (const timer of this.#timers) clearInterval(timer);
    const durationMs = this.elapsedMs;
    const open = this.#pauses.at(-1);
    if (open !== undefined && open.endMs === undefined) open.endMs = durationMs;
    this.flush(true);
    this.#stopped = true;
    this.#socket.close();
    this.#finishPeaks();
    this.#queue(() => this.#writeHeader());
    await this.#writes;
    await this.#handle.close();
    if (this.#writeError !== undefined) throw this.#writeError;
    await rename(`${this.#file}.partial`, this.#file);
    return {
      file: this.#file,
      durationMs,
      pauses: this.pauses,
      sha256: await sha256File(this.#file),
      peaks: { customer: [...this.#peaks.customer], agent: [...this.#peaks.agent] },
      packets: this.packets,
    };
  }

  /**
   * Stops without keeping anything: closes the socket and the file (left as `.partial`).
   * @remarks For a recording that could not be set up (rtpengine refused the subscription).
   */
  async abandon(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const timer of this.#timers) clearInterval(timer);
    this.#socket.close();
    await this.#writes;
    await this.#handle.close();
  }

  #receive(packet: Buffer, fromPort: number): void {
    this.#arrivals += 1;
    if (this.#stopped || this.#sources === undefined || packet.length < 12) return;
    const first = packet[0] ?? 0;
    if (first >> 6 !== 2) return;
    const payloadType = (packet[1] ?? 0) & 0x7f;
    if (payloadType !== 0) return; // PCMU only: RTCP, DTMF events and comfort noise are not audio here
    const party: RecordedParty | undefined =
      fromPort === this.#sources.customer ? 'customer' : fromPort === this.#sources.agent ? 'agent' : undefined;
    if (party === undefined) return;
    let offset = 12 + (first & 0x0f) * 4;
    if ((first & 0x10) !== 0) {
      if (packet.length < offset + 4) return;
      offset += 4 + packet.readUInt16BE(offset + 2) * 4;
    }
    let end = packet.length;
    if ((first & 0x20) !== 0) end -= packet[packet.length - 1] ?? 0;
    if (end <= offset) return;
    const timestamp = packet.readUInt32BE(4);
    const ssrc = packet.readUInt32BE(8);
    const arrivalSample = Math.round((this.#now() - this.#startedAt) * SAMPLES_PER_MS);
    // Nothing said while paused is kept, whatever its timestamp says.
    if (this.paused) return;
    const anchor = this.#anchors[party];
    let sample = arrivalSample;
    if (anchor?.ssrc === ssrc) {
      const fromAnchor = anchor.sample + ((timestamp - anchor.timestamp) | 0);
      const newest = ((timestamp - anchor.newest) | 0) > 0;
      // The stream's clock and ours agree (within the jitter allowance for the newest packet;
      // an older one is a reordered packet and lands where it belongs, or is dropped as late).
      const inStep = newest ? fromAnchor >= arrivalSample - this.#jitterSamples && fromAnchor <= arrivalSample + MAX_DRIFT_SAMPLES : Math.abs(fromAnchor - arrivalSample) <= MAX_DRIFT_SAMPLES;
      if (inStep) {
        sample = fromAnchor;
        if (newest) anchor.newest = timestamp;
      } else if (newest) {
        // A sender that stalled, or jumped: it starts again from now.
        this.#anchors[party] = { ssrc, timestamp, sample: arrivalSample, newest: timestamp };
      } else {
        return;
      }
    } else {
      this.#anchors[party] = { ssrc, timestamp, sample: arrivalSample, newest: timestamp };
    }
    this.#place(party, packet.subarray(offset, end), sample);
  }

  /** Copies a payload into its channel of the window; what is already written out is late and dropped. */
  #place(party: RecordedParty, payload: Buffer, sample: number): void {
    const skip = Math.max(0, this.#flushedSamples - sample);
    if (skip >= payload.length) return;
    const start = sample + skip - this.#flushedSamples;
    this.#ensureWindow(start + payload.length - skip);
    const channel = party === 'customer' ? 0 : 1;
    for (let index = skip; index < payload.length; index += 1) {
      this.#window[(start + index - skip) * 2 + channel] = payload[index] ?? MU_LAW_SILENCE;
    }
    this.#packets[party] += 1;
  }

  /** Grows the window to hold `samples` samples from the flushed point, silence-filled. */
  #ensureWindow(samples: number): void {
    if (this.#window.length >= samples * 2) return;
    const grown = Buffer.alloc(Math.max(samples * 2, this.#window.length * 2, 16_000), MU_LAW_SILENCE);
    this.#window.copy(grown);
    this.#window = grown;
  }

  /** Blanks the parts of `chunk` (starting at file sample `from`) that fall in a pause. */
  #silencePaused(chunk: Buffer, from: number): void {
    const to = from + chunk.length / 2;
    for (const pause of this.#pauses) {
      const pauseStart = pause.startMs * SAMPLES_PER_MS;
      const pauseEnd = pause.endMs === undefined ? Number.POSITIVE_INFINITY : pause.endMs * SAMPLES_PER_MS;
      const start = Math.max(from, pauseStart);
      const end = Math.min(to, pauseEnd);
      if (start < end) chunk.fill(MU_LAW_SILENCE, (start - from) * 2, (end - from) * 2);
    }
  }

  #measurePeaks(chunk: Buffer): void {
    for (let at = 0; at < chunk.length; at += 2) {
      this.#peakRun.customer = Math.max(this.#peakRun.customer, Math.abs(MU_LAW_TO_LINEAR[chunk[at] ?? MU_LAW_SILENCE] ?? 0));
      this.#peakRun.agent = Math.max(this.#peakRun.agent, Math.abs(MU_LAW_TO_LINEAR[chunk[at + 1] ?? MU_LAW_SILENCE] ?? 0));
      this.#peakRun.samples += 1;
      if (this.#peakRun.samples === PEAK_SAMPLES) this.#finishPeaks();
    }
  }

  #finishPeaks(): void {
    if (this.#peakRun.samples === 0) return;
    this.#peaks.customer.push(Math.round((this.#peakRun.customer / 32_124) * 1000) / 1000);
    this.#peaks.agent.push(Math.round((this.#peakRun.agent / 32_124) * 1000) / 1000);
    this.#peakRun.customer = 0;
    this.#peakRun.agent = 0;
    this.#peakRun.samples = 0;
  }

  async #writeHeader(): Promise<void> {
    const header = muLawStereoWavHeader(this.#flushedSamples * 2);
    await this.#handle.write(header, 0, HEADER_BYTES, 0);
  }

  #queue(write: () => Promise<void>): void {
    this.#writes = this.#writes.then(write).catch((error: unknown) => {
      this.#writeError ??= error instanceof Error ? error : new Error(`writing the recording failed: ${String(error)}`);
    });
  }
}

/** SHA-256 of a file, hex, read as a stream. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
