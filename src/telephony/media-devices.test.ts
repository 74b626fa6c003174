import { describe, expect, it } from 'vitest';
import { resolveDevice, toAudioDevices } from './media-devices';
import { levelOf } from './mic-level';

describe('audio devices', () => {
  const listed = [
    { deviceId: 'default', kind: 'audioinput', label: '既定 - 内蔵マイク' },
    { deviceId: 'mic-internal', kind: 'audioinput', label: '内蔵マイク' },
    { deviceId: 'mic-headset', kind: 'audioinput', label: 'Jabra Evolve2' },
    { deviceId: 'communications', kind: 'audiooutput', label: 'Communications' },
    { deviceId: 'spk-headset', kind: 'audiooutput', label: 'Jabra Evolve2' },
    { deviceId: 'cam', kind: 'videoinput', label: 'FaceTime HD' },
  ] as const;

  it('lists microphones and speakers without Chrome aliases or cameras', () => {
    expect(toAudioDevices(listed)).toEqual({
      inputs: [
        { deviceId: 'mic-internal', label: '内蔵マイク' },
        { deviceId: 'mic-headset', label: 'Jabra Evolve2' },
      ],
      outputs: [{ deviceId: 'spk-headset', label: 'Jabra Evolve2' }],
      hidden: false,
    });
  });

  it('trusts a remembered device while the browser hides them before microphone permission', () => {
    const beforePermission = toAudioDevices([
      { deviceId: '', kind: 'audioinput', label: '' },
      { deviceId: '', kind: 'audiooutput', label: '' },
    ]);
    expect(beforePermission).toEqual({ inputs: [], outputs: [], hidden: true });
    expect(resolveDevice('mic-headset', beforePermission.inputs, beforePermission.hidden)).toEqual({ deviceId: 'mic-headset', missing: false });
  });

  it('uses a remembered device while present and falls back to the default when it is gone', () => {
    const { inputs } = toAudioDevices(listed);
    expect(resolveDevice('mic-headset', inputs)).toEqual({ deviceId: 'mic-headset', missing: false });
    expect(resolveDevice('mic-unplugged', inputs)).toEqual({ deviceId: undefined, missing: true });
    expect(resolveDevice(undefined, inputs)).toEqual({ deviceId: undefined, missing: false });
  });
});

describe('microphone level', () => {
  it('reads silence as 0, full scale as 1 and speech in between', () => {
    expect(levelOf(new Float32Array(256))).toBe(0);
    expect(levelOf(Float32Array.from({ length: 256 }, (_, index) => (index % 2 === 0 ? 1 : -1)))).toBe(1);
    // A sine at −20 dBFS RMS sits two thirds up the −60…0 dB scale.
    const amplitude = 0.1 * Math.SQRT2;
    const speech = Float32Array.from({ length: 4800 }, (_, index) => amplitude * Math.sin((2 * Math.PI * 440 * index) / 48_000));
    expect(levelOf(speech)).toBeCloseTo(2 / 3, 2);
    expect(levelOf([])).toBe(0);
  });
});
