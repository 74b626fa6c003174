import { createStore, type StoreApi } from 'zustand/vanilla';
import { resolveDevice, type AudioDevice, type AudioDeviceCatalog, type AudioDevices } from '../telephony';

/** A device the agent chose, remembered with its name so a missing one can be named. */
export interface ChosenDevice {
  readonly deviceId: string;
  readonly label: string;
}

/** Which of the two audio devices. */
export type AudioDeviceRole = 'microphone' | 'speaker';

/** The agent's working preferences, remembered in this browser. */
export interface PreferencesState {
  /** The chosen microphone; `undefined`: the system default. */
  readonly microphone: ChosenDevice | undefined;
  /** The chosen speaker or headset; `undefined`: the system default. */
  readonly speaker: ChosenDevice | undefined;
  /** Desktop notifications of incoming calls while the tab is hidden (the browser's permission is asked separately). */
  readonly desktopNotifications: boolean;
  /** Devices present now; empty until {@link PreferencesActions.refreshDevices} has run. */
  readonly devices: AudioDevices;
  readonly devicesListed: boolean;
  /** Whether the browser can send a call to a chosen output (Chrome's `setSinkId`). */
  readonly canChooseSpeaker: boolean;
  /** Chosen devices that are not connected now: the phone uses the default meanwhile. */
  readonly missing: readonly AudioDeviceRole[];
}

/** Commands of the preferences store. */
export interface PreferencesActions {
  setMicrophone: (deviceId: string | undefined) => void;
  setSpeaker: (deviceId: string | undefined) => void;
  setDesktopNotifications: (enabled: boolean) => void;
  /** Lists the devices again (after a device change, or once the microphone permission reveals their names). */
  refreshDevices: () => Promise<void>;
  /** Follows device changes (a headset plugged in or out) until the returned function is called. */
  watchDevices: () => () => void;
  /**
   * Opens the chosen microphone and reports its level until the returned function is called.
   * @remarks For the "test your microphone" meter of the settings; rejects with the browser's
   * error when the microphone cannot be opened.
   */
  testMicrophone: (onLevel: (level: number) => void) => Promise<() => void>;
}

/** The preferences store. */
export type PreferencesStore = StoreApi<PreferencesState & PreferencesActions>;

/** A running level meter. */
export interface LevelMeter {
  start(): void;
  stop(): void;
}

/** What the preferences store needs from the browser; injected so tests use fakes. */
export interface PreferencesStoreDependencies {
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  readonly devices: AudioDeviceCatalog;
  readonly openMicrophone: (constraints: MediaTrackConstraints | boolean) => Promise<MediaStream>;
  readonly createLevelMeter: (stream: MediaStream, onLevel: (level: number) => void) => LevelMeter;
}

const preferencesKey = 'tsunagu.preferences';

type Remembered = Pick<PreferencesState, 'microphone' | 'speaker' | 'desktopNotifications'>;

/**
 * The device ids the phone should use now: the chosen ones while connected, the system default
 * otherwise (and until the devices have been listed, so a stale id never fails a call).
 */
export const preferencesSelectors = {
  microphoneId: (state: PreferencesState): string | undefined =>
    state.devicesListed ? resolveDevice(state.microphone?.deviceId, state.devices.inputs, state.devices.hidden).deviceId : undefined,
  speakerId: (state: PreferencesState): string | undefined =>
    state.devicesListed && state.canChooseSpeaker ? resolveDevice(state.speaker?.deviceId, state.devices.outputs, state.devices.hidden).deviceId : undefined,
};

/**
 * Creates the store of the agent's working preferences: audio devices and desktop notifications.
 *
 * @remarks
 * Choices are remembered in `localStorage` (never anything personal: device ids are
 * per-origin random strings). A chosen headset that is unplugged stays chosen: the phone
 * falls back to the system default, the softphone says so, and the headset is used again as
 * soon as it comes back.
 */
export function createPreferencesStore(dependencies: PreferencesStoreDependencies): PreferencesStore {
  const { storage, devices, openMicrophone, createLevelMeter } = dependencies;

  return createStore<PreferencesState & PreferencesActions>()((set, get) => {
    const remember = (change: Partial<Remembered>): void => {
      const next: Remembered = { microphone: get().microphone, speaker: get().speaker, desktopNotifications: get().desktopNotifications, ...change };
      storage?.setItem(preferencesKey, JSON.stringify(next));
      set({ ...change, missing: missingDevices(next, get().devices, get().devicesListed) });
    };

    const choose = (deviceId: string | undefined, available: readonly AudioDevice[]): ChosenDevice | undefined => {
      if (deviceId === undefined || deviceId === '') return undefined;
      const device = available.find((candidate) => candidate.deviceId === deviceId);
      return { deviceId, label: device?.label ?? '' };
    };

    return {
      ...readRemembered(storage),
      devices: { inputs: [], outputs: [] },
      devicesListed: false,
      canChooseSpeaker: devices.canChooseOutput,
      missing: [],

      setMicrophone(deviceId) {
        remember({ microphone: choose(deviceId, get().devices.inputs) });
      },

      setSpeaker(deviceId) {
        remember({ speaker: choose(deviceId, get().devices.outputs) });
      },

      setDesktopNotifications(enabled) {
        remember({ desktopNotifications: enabled });
      },

      async refreshDevices() {
        const listed = await devices.list().catch(() => get().devices);
        const state = get();
        // Names appear once permission is given: keep the remembered label up to date.
        const relabel = (chosen: ChosenDevice | undefined, available: readonly AudioDevice[]): ChosenDevice | undefined => {
          const label = available.find((device) => device.deviceId === chosen?.deviceId)?.label;
          return chosen && label ? { ...chosen, label } : chosen;
        };
        const microphone = relabel(state.microphone, listed.inputs);
        const speaker = relabel(state.speaker, listed.outputs);
        set({ devices: listed, devicesListed: true, microphone, speaker, missing: missingDevices({ microphone, speaker }, listed, true) });
      },

      watchDevices() {
        void get().refreshDevices();
        return devices.onChange(() => void get().refreshDevices());
      },

      async testMicrophone(onLevel) {
        const deviceId = preferencesSelectors.microphoneId(get());
        const stream = await openMicrophone(deviceId ? { deviceId: { exact: deviceId } } : true);
        const meter = createLevelMeter(stream, onLevel);
        meter.start();
        void get().refreshDevices();
        return () => {
          meter.stop();
          for (const track of stream.getTracks()) track.stop();
        };
      },
    };
  });
}

function missingDevices(chosen: Pick<Remembered, 'microphone' | 'speaker'>, available: AudioDevices, listed: boolean): AudioDeviceRole[] {
  if (!listed) return [];
  const missing: AudioDeviceRole[] = [];
  if (resolveDevice(chosen.microphone?.deviceId, available.inputs, available.hidden).missing) missing.push('microphone');
  if (resolveDevice(chosen.speaker?.deviceId, available.outputs, available.hidden).missing) missing.push('speaker');
  return missing;
}

function readRemembered(storage: PreferencesStoreDependencies['storage']): Remembered {
  const fallback: Remembered = { microphone: undefined, speaker: undefined, desktopNotifications: false };
  const raw = storage?.getItem(preferencesKey);
  if (!raw) return fallback;
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    return {
      microphone: chosenDevice(parsed.microphone),
      speaker: chosenDevice(parsed.speaker),
      desktopNotifications: parsed.desktopNotifications === true,
    };
  } catch {
    // A corrupt entry is ignored: defaults rather than a broken softphone.
    return fallback;
  }
}

function chosenDevice(value: unknown): ChosenDevice | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { deviceId, label } = value as Record<string, unknown>;
  return typeof deviceId === 'string' && deviceId !== '' ? { deviceId, label: typeof label === 'string' ? label : '' } : undefined;
}
