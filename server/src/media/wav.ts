import { open } from 'node:fs/promises';

/** What the service needs to know about an announcement file. */
export interface WavInfo {
  /** 1 for PCM, 3 for float, 6/7 for A-law/µ-law… (the `fmt ` chunk's format tag). */
  readonly format: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  /** Length of the audio, from the `data` chunk's size and the byte rate. */
  readonly durationMs: number;
}

/** A file that is not a WAV the service can measure (no RIFF/WAVE header, no `fmt ` or `data`). */
export class WavError extends Error {
  override readonly name = 'WavError';
}

/** How much of a file's head is read to find its `fmt ` and `data` chunks. */
const HEAD_BYTES = 64 * 1024;

/**
 * Reads a RIFF/WAVE header: format, sample rate and length.
 * @remarks Only the head of `bytes` is needed (chunks before `data` are small); the `data`
 * chunk's declared size gives the length, so a long recorded message is never read whole.
 * @throws WavError when it is not a WAV file.
 */
export function parseWavHeader(bytes: Buffer): WavInfo {
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavError('not a WAV file (no RIFF/WAVE header)');
  }
  let format: Omit<WavInfo, 'durationMs'> & { byteRate: number } | undefined;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = bytes.toString('ascii', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      if (at + 8 + 16 > bytes.length) throw new WavError('the fmt chunk is cut short');
      format = {
        format: bytes.readUInt16LE(at + 8),
        channels: bytes.readUInt16LE(at + 10),
        sampleRate: bytes.readUInt32LE(at + 12),
        byteRate: bytes.readUInt32LE(at + 16),
        bitsPerSample: bytes.readUInt16LE(at + 22),
      };
    } else if (id === 'data') {
      if (format === undefined) throw new WavError('the data chunk comes before the fmt chunk');
      if (format.byteRate === 0) throw new WavError('the fmt chunk says 0 bytes per second');
      const { byteRate, ...rest } = format;
      return { ...rest, durationMs: Math.round((size * 1000) / byteRate) };
    }
    // Chunks are padded to an even length.
    at += 8 + size + (size % 2);
  }
  throw new WavError(format === undefined ? 'no fmt chunk' : 'no data chunk');
}

/**
 * Reads the header of the WAV file at `file`.
 * @throws WavError when it is not a WAV file; the file system's error when it cannot be read.
 */
export async function readWavInfo(file: string): Promise<WavInfo> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    return parseWavHeader(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * A mono 16-bit PCM WAV file of `samples` (−1…1, clipped) at `sampleRate`.
 * @remarks The format of the centre's announcements (8 kHz for telephony: rtpengine then
 * only encodes to G.711, with no resampling).
 */
export function encodeWav(samples: Float64Array, sampleRate: number): Buffer {
  const dataBytes = samples.length * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);
  samples.forEach((sample, index) => {
    const clipped = Math.max(-1, Math.min(1, sample));
    out.writeInt16LE(Math.round(clipped * 32767), 44 + index * 2);
  });
  return out;
}
