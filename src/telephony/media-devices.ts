/**
 * The agent's audio devices: microphones and speakers/headsets as the browser lists them.
 *
 * @remarks
 * Browsers hide device labels until the page has had microphone permission; before that the
 * list holds nameless entries, and the settings show them as "microphone 1", "speaker 1".
 * `default` and `communications` are Chrome's aliases of the system's choice, not devices:
 * they are left out, and "system default" is the absence of a choice.
 */

/** One microphone or speaker. */
export interface AudioDevice {
  readonly deviceId: string;
  /** The browser's name for it; empty before microphone permission was given. */
  readonly label: string;
}

/** Microphones and speakers present now. */
export interface AudioDevices {
  readonly inputs: readonly AudioDevice[];
  readonly outputs: readonly AudioDevice[];
  /**
   * The browser hides the devices until the page has microphone permission (Chrome lists them
   * with empty ids): a remembered choice cannot be checked yet and is trusted as it is.
   */
  readonly hidden?: boolean;
}

/** Lists the devices and reports when they change (a headset plugged in or pulled out). */
export interface AudioDeviceCatalog {
  list(): Promise<AudioDevices>;
  /** Subscribes to device changes; returns the function that unsubscribes. */
  onChange(listener: () => void): () => void;
  /** True when the browser can route a call's audio to a chosen output (`setSinkId`). */
  readonly canChooseOutput: boolean;
}

const aliases = new Set(['default', 'communications', '']);

/** Splits `enumerateDevices()` output into microphones and speakers, without Chrome's aliases. */
export function toAudioDevices(devices: readonly Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[]): AudioDevices {
  const pick = (kind: MediaDeviceKind): AudioDevice[] =>
    devices.filter((device) => device.kind === kind && !aliases.has(device.deviceId)).map(({ deviceId, label }) => ({ deviceId, label }));
  const hidden = devices.some((device) => device.kind === 'audioinput' && device.deviceId === '');
  return { inputs: pick('audioinput'), outputs: pick('audiooutput'), hidden };
}

/**
 * The device the phone should use for a remembered choice.
 * @param hidden - the browser hides its devices for now (see {@link AudioDevices.hidden}): the choice is trusted.
 * @returns the choice when it is present now; `undefined` (the system default) when nothing
 * was chosen or the chosen device is gone, with `missing` telling the two apart.
 */
export function resolveDevice(preferred: string | undefined, available: readonly AudioDevice[], hidden = false): { readonly deviceId: string | undefined; readonly missing: boolean } {
  if (preferred === undefined) return { deviceId: undefined, missing: false };
  if (hidden) return { deviceId: preferred, missing: false };
  return available.some((device) => device.deviceId === preferred) ? { deviceId: preferred, missing: false } : { deviceId: undefined, missing: true };
}

/** The browser's `navigator.mediaDevices`, or a catalogue with no devices where there is none (no secure context). */
export class BrowserAudioDeviceCatalog implements AudioDeviceCatalog {
  private readonly mediaDevices: MediaDevices | undefined = typeof navigator !== 'undefined' && 'mediaDevices' in navigator ? navigator.mediaDevices : undefined;

  get canChooseOutput(): boolean {
    return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
  }

  async list(): Promise<AudioDevices> {
    if (!this.mediaDevices) return { inputs: [], outputs: [] };
    return toAudioDevices(await this.mediaDevices.enumerateDevices());
  }

  onChange(listener: () => void): () => void {
    const devices = this.mediaDevices;
    if (!devices) return () => undefined;
    devices.addEventListener('devicechange', listener);
    return () => devices.removeEventListener('devicechange', listener);
  }
}
