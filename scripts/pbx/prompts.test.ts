import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMediaDir } from '../../server/src/config';
import { parseWavHeader } from '../../server/src/media/wav';
import { renderPrompts } from './prompts';

describe('announcement prompts (scripts/pbx/prompts.ts)', () => {
  const rendered = renderPrompts();

  it('renders one WAV per announcement key the demo queues use', () => {
    expect([...rendered.keys()].sort()).toEqual(['after-hours.wav', 'queue-full.wav', 'queue-wait.wav']);
  });

  it('are 8 kHz mono 16-bit PCM: ~10 s of hold music, ~4 s chimes', () => {
    const seconds = (name: string) => {
      const info = parseWavHeader(rendered.get(name) ?? Buffer.alloc(0));
      expect(info).toMatchObject({ format: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 });
      return info.durationMs / 1000;
    };
    expect(seconds('queue-wait.wav')).toBe(10);
    expect(seconds('after-hours.wav')).toBe(4);
    expect(seconds('queue-full.wav')).toBe(4);
  });

  it('are not silent, and the two messages differ', () => {
    const after = rendered.get('after-hours.wav') ?? Buffer.alloc(0);
    const full = rendered.get('queue-full.wav') ?? Buffer.alloc(0);
    const peak = (wav: Buffer) => Math.max(...Array.from({ length: (wav.length - 44) / 2 }, (_, i) => Math.abs(wav.readInt16LE(44 + i * 2))));
    expect(peak(after)).toBeGreaterThan(10_000);
    expect(peak(full)).toBeGreaterThan(10_000);
    expect(after.equals(full)).toBe(false);
  });

  it('match the files committed in pbx/media (run `npx tsx scripts/pbx/prompts.ts` after changing the script)', async () => {
    for (const [name, bytes] of rendered) {
      const committed = await readFile(path.join(defaultMediaDir, name));
      expect(committed.equals(bytes), `${name} differs from the script's output`).toBe(true);
    }
  });
});
