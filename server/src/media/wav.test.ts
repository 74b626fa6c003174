import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav, parseWavHeader, readWavInfo, WavError } from './wav';

describe('WAV files', () => {
  it('encodes mono 16-bit PCM that reads back with its length', () => {
    const wav = encodeWav(new Float64Array(12_000).fill(0.5), 8000);
    expect(parseWavHeader(wav)).toEqual({ format: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, durationMs: 1500 });
    expect(wav.readInt16LE(44)).toBe(16_384);
  });

  it('clips samples beyond full scale', () => {
    const wav = encodeWav(Float64Array.from([2, -2]), 8000);
    expect([wav.readInt16LE(44), wav.readInt16LE(46)]).toEqual([32_767, -32_767]);
  });

  it('skips chunks before the audio (LIST, fact…)', () => {
    const plain = encodeWav(new Float64Array(800), 8000);
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0]), Buffer.from('abc\0')]);
    const withList = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)]);
    expect(parseWavHeader(withList).durationMs).toBe(100);
  });

  it('refuses what is not a WAV', () => {
    expect(() => parseWavHeader(Buffer.from('ID3\u0004 an mp3'))).toThrow(WavError);
    expect(() => parseWavHeader(encodeWav(new Float64Array(8), 8000).subarray(0, 36))).toThrow(/no data chunk/);
  });

  it('reads the header of a file on disk', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-wav-'));
    try {
      const file = path.join(dir, 'a.wav');
      await writeFile(file, encodeWav(new Float64Array(16_000), 8000));
      await expect(readWavInfo(file)).resolves.toMatchObject({ durationMs: 2000 });
      await expect(readWavInfo(path.join(dir, 'missing.wav'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
