import { describe, expect, it, vi } from 'vitest';
import type { AudioDeviceCatalog, AudioDevices } from '../telephony';
import { createPreferencesStore, preferencesSelectors, type LevelMeter, type PreferencesStore } from './preferences-store';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

/** Devices as a test sets them; `plug`/`unplug` fire the browser's devicechange. */
class FakeDevices implements AudioDeviceCatalog {
  readonly canChooseOutput = true;
  present: AudioDevices = {
    inputs: [
      { deviceId: 'mic-internal', label: '内蔵マイク' },
      { deviceId: 'mic-headset', label: 'Jabra Evolve2 65' },
    ],
    outputs: [
      { deviceId: 'spk-internal', label: '内蔵スピーカー' },
      { deviceId: 'spk-headset', label: 'Jabra Evolve2 65' },
    ],
  };
  private listeners = new Set<() => void>();

  list(): Promise<AudioDevices> {
    return Promise.resolve(this.present);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  change(present: AudioDevices): void {
    this.present = present;
    for (const listener of this.listeners) listener();
  }
}

function storeWith(storage = memoryStorage(), devices = new FakeDevices(), openMicrophone = vi.fn(() => Promise.resolve(new MediaStreamStub() as unknown as MediaStream))): PreferencesStore {
  return createPreferencesStore({
    storage,
    devices,
    openMicrophone,
    createLevelMeter: (_stream, onLevel): LevelMeter => ({ start: () => onLevel(0.5), stop: () => undefined }),
  });
}

class MediaStreamStub {
  readonly stopped: string[] = [];
  getTracks() {
    return [{ stop: () => this.stopped.push('audio') }];
  }
}

describe('preferences store', () => {
  it('remembers the chosen microphone, speaker and notification choice across reloads', async () => {
    const storage = memoryStorage();
    const first = storeWith(storage);
    await first.getState().refreshDevices();
    first.getState().setMicrophone('mic-headset');
    first.getState().setSpeaker('spk-headset');
    first.getState().setDesktopNotifications(true);

    const reloaded = storeWith(storage);
    expect(reloaded.getState()).toMatchObject({
      microphone: { deviceId: 'mic-headset', label: 'Jabra Evolve2 65' },
      speaker: { deviceId: 'spk-headset' },
      desktopNotifications: true,
    });
    // Until the devices are listed the phone uses the default: a stale id never fails a call.
    expect(preferencesSelectors.microphoneId(reloaded.getState())).toBeUndefined();
    await reloaded.getState().refreshDevices();
    expect(preferencesSelectors.microphoneId(reloaded.getState())).toBe('mic-headset');
    expect(preferencesSelectors.speakerId(reloaded.getState())).toBe('spk-headset');
  });

  it('goes back to the system default when "default" is chosen', async () => {
    const storage = memoryStorage();
    const store = storeWith(storage);
    await store.getState().refreshDevices();
    store.getState().setMicrophone('mic-headset');
    store.getState().setMicrophone(undefined);
    expect(storeWith(storage).getState().microphone).toBeUndefined();
  });

  it('falls back to the default while the headset is unplugged, says so, and uses it again when it is back', async () => {
    const devices = new FakeDevices();
    const store = storeWith(memoryStorage(), devices);
    const stopWatching = store.getState().watchDevices();
    await vi.waitFor(() => expect(store.getState().devicesListed).toBe(true));
    store.getState().setMicrophone('mic-headset');
    store.getState().setSpeaker('spk-headset');
    const plugged = devices.present;

    devices.change({ inputs: [{ deviceId: 'mic-internal', label: '内蔵マイク' }], outputs: [{ deviceId: 'spk-internal', label: '内蔵スピーカー' }] });
    await vi.waitFor(() => expect(store.getState().missing).toEqual(['microphone', 'speaker']));
    expect(preferencesSelectors.microphoneId(store.getState())).toBeUndefined();
    expect(preferencesSelectors.speakerId(store.getState())).toBeUndefined();
    expect(store.getState().microphone).toEqual({ deviceId: 'mic-headset', label: 'Jabra Evolve2 65' });

    devices.change(plugged);
    await vi.waitFor(() => expect(store.getState().missing).toEqual([]));
    expect(preferencesSelectors.microphoneId(store.getState())).toBe('mic-headset');
    stopWatching();
  });

  it('ignores a corrupt entry', () => {
    const storage = memoryStorage();
    storage.setItem('tsunagu.preferences', '{not json');
    expect(storeWith(storage).getState()).toMatchObject({ microphone: undefined, speaker: undefined, desktopNotifications: false });
  });

  it('tests the chosen microphone with its deviceId and releases it afterwards', async () => {
    const stream = new MediaStreamStub();
    const openMicrophone = vi.fn(() => Promise.resolve(stream as unknown as MediaStream));
    const store = storeWith(memoryStorage(), new FakeDevices(), openMicrophone);
    await store.getState().refreshDevices();
    store.getState().setMicrophone('mic-headset');
    const levels: number[] = [];
    const stop = await store.getState().testMicrophone((level) => levels.push(level));
    expect(openMicrophone).toHaveBeenCalledWith({ deviceId: { exact: 'mic-headset' } });
    expect(levels).toEqual([0.5]);
    stop();
    expect(stream.stopped).toEqual(['audio']);
  });
});
