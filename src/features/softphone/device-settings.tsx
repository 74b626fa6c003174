import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../components/ui/button';
import { useT } from '../../i18n/locale-store';
import type { AudioDeviceRole } from '../../stores/preferences-store';
import { usePreferences } from '../../stores/preferences-store-context';
import type { AudioDevice } from '../../telephony';
import { LevelMeter } from './level-meter';

type Permission = NotificationPermission | 'unsupported';

function notificationPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Device options: the system default first, then each device by name (or "microphone 2" before permission reveals names). */
function DeviceOptions({ devices, unnamed }: { devices: readonly AudioDevice[]; unnamed: (number: number) => string }) {
  const t = useT();
  return (
    <>
      <option value="">{t('devices.default')}</option>
      {devices.map((device, index) => (
        <option key={device.deviceId} value={device.deviceId}>
          {device.label || unnamed(index + 1)}
        </option>
      ))}
    </>
  );
}

/** Test the chosen microphone: opens it, shows its level, closes it again. */
function MicrophoneTest() {
  const t = useT();
  const testMicrophone = usePreferences((state) => state.testMicrophone);
  const microphone = usePreferences((state) => state.microphone?.deviceId);
  const [testing, setTesting] = useState(false);
  const [level, setLevel] = useState(0);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!testing) return undefined;
    let stop: (() => void) | undefined;
    let cancelled = false;
    testMicrophone(setLevel).then(
      (stopTest) => {
        if (cancelled) stopTest();
        else stop = stopTest;
      },
      (error: unknown) => {
        if (cancelled) return;
        setFailure(error instanceof Error ? error.message : String(error));
        setTesting(false);
      },
    );
    return () => {
      cancelled = true;
      stop?.();
      setLevel(0);
    };
  }, [testing, testMicrophone, microphone]);

  return (
    <div className="flex flex-col gap-2">
      <Button
        aria-pressed={testing}
        data-testid="mic-test"
        onClick={() => {
          setFailure(undefined);
          setTesting(!testing);
        }}
      >
        {testing ? t('devices.stopTest') : t('devices.testMicrophone')}
      </Button>
      {testing && <LevelMeter level={level} label={t('devices.testLevel')} testId="mic-test-level" />}
      {failure && (
        <p role="alert" className="text-xs text-rose-700">
          {t('devices.testFailed', { message: failure })}
        </p>
      )}
    </div>
  );
}

/** Desktop notifications: the agent's choice, and the browser's permission asked from this click only. */
function NotificationChoice() {
  const t = useT();
  const enabled = usePreferences((state) => state.desktopNotifications);
  const setEnabled = usePreferences((state) => state.setDesktopNotifications);
  const [permission, setPermission] = useState<Permission>(notificationPermission);
  const checkboxId = useId();

  if (permission === 'unsupported') return <p className="text-xs text-slate-500">{t('devices.notificationsUnsupported')}</p>;

  const allow = () => {
    void Notification.requestPermission().then((answer) => {
      setPermission(answer);
      setEnabled(answer === 'granted');
    });
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-start gap-2">
        <input
          id={checkboxId}
          type="checkbox"
          data-testid="notifications-enabled"
          checked={enabled && permission === 'granted'}
          disabled={permission !== 'granted'}
          onChange={(event) => setEnabled(event.target.checked)}
          className="mt-0.5 h-4 w-4 accent-indigo-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
        />
        <label htmlFor={checkboxId} className="text-sm text-slate-700">
          {t('devices.notifications')}
        </label>
      </div>
      {permission === 'default' && (
        <Button data-testid="notifications-allow" onClick={allow}>
          {t('devices.notificationsAllow')}
        </Button>
      )}
      {permission === 'denied' && <p className="text-xs text-rose-700">{t('devices.notificationsDenied')}</p>}
    </div>
  );
}

/** Chosen devices that are unplugged: the phone uses the default meanwhile, and says so. */
export function DeviceNotices() {
  const t = useT();
  const missing = usePreferences((state) => state.missing);
  const microphone = usePreferences((state) => state.microphone?.label);
  const speaker = usePreferences((state) => state.speaker?.label);
  if (missing.length === 0) return null;
  const label = (role: AudioDeviceRole): string => (role === 'microphone' ? microphone : speaker) || t('devices.missingUnnamed');
  return (
    <ul role="status" className="flex flex-col gap-2">
      {missing.map((role) => (
        <li key={role} data-testid="device-missing" data-device={role} className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-300">
          {t(role === 'microphone' ? 'devices.missing.microphone' : 'devices.missing.speaker', { label: label(role) })}
        </li>
      ))}
    </ul>
  );
}

/**
 * The audio settings popover: microphone and speaker (remembered in this browser), a
 * microphone test with its level, and desktop notifications.
 * @remarks A non-modal dialog: Escape or the close button closes it and focus returns to the opener.
 */
export function DeviceSettings() {
  const t = useT();
  const [open, setOpen] = useState(false);
  /** Wraps the opener (the house Button takes no ref), to give it focus back. */
  const opener = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const panelId = useId();
  const micId = useId();
  const speakerId = useId();
  const devices = usePreferences((state) => state.devices);
  const microphone = usePreferences((state) => state.microphone?.deviceId ?? '');
  const speaker = usePreferences((state) => state.speaker?.deviceId ?? '');
  const canChooseSpeaker = usePreferences((state) => state.canChooseSpeaker);
  const setMicrophone = usePreferences((state) => state.setMicrophone);
  const setSpeaker = usePreferences((state) => state.setSpeaker);
  const refreshDevices = usePreferences((state) => state.refreshDevices);

  useEffect(() => {
    if (!open) return;
    void refreshDevices();
    panel.current?.querySelector<HTMLElement>('select, button')?.focus();
  }, [open, refreshDevices]);

  useEffect(() => {
    if (!open) return undefined;
    // A click elsewhere on the page closes the popover, as menus do (focus stays where clicked).
    const onPointerDown = (event: PointerEvent): void => {
      if (event.target instanceof Node && !opener.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    opener.current?.querySelector('button')?.focus();
  };

  return (
    <div className="relative" ref={opener}>
      <Button aria-expanded={open} aria-controls={panelId} aria-haspopup="dialog" data-testid="device-settings-open" onClick={() => (open ? close() : setOpen(true))}>
        {t('devices.open')}
      </Button>
      {open && (
        <div
          ref={panel}
          id={panelId}
          role="dialog"
          aria-labelledby={headingId}
          data-testid="device-settings"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          }}
          className="absolute right-0 z-20 mt-2 flex w-80 flex-col gap-3 rounded-xl bg-white p-4 shadow-xl ring-1 ring-slate-200"
        >
          <h2 id={headingId} className="text-sm font-semibold text-slate-900">
            {t('devices.heading')}
          </h2>
          <div className="flex flex-col gap-1">
            <label htmlFor={micId} className="text-sm font-medium text-slate-700">
              {t('devices.microphone')}
            </label>
            <select
              id={micId}
              data-testid="mic-select"
              value={devices.inputs.some((device) => device.deviceId === microphone) ? microphone : ''}
              onChange={(event) => setMicrophone(event.target.value || undefined)}
              className="rounded-lg border border-slate-300 px-2 py-1.5 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
            >
              <DeviceOptions devices={devices.inputs} unnamed={(number) => t('devices.unnamedMicrophone', { number })} />
            </select>
          </div>
          <MicrophoneTest />
          <div className="flex flex-col gap-1">
            <label htmlFor={speakerId} className="text-sm font-medium text-slate-700">
              {t('devices.speaker')}
            </label>
            <select
              id={speakerId}
              data-testid="speaker-select"
              disabled={!canChooseSpeaker}
              aria-describedby={canChooseSpeaker ? undefined : `${speakerId}-unsupported`}
              value={devices.outputs.some((device) => device.deviceId === speaker) ? speaker : ''}
              onChange={(event) => setSpeaker(event.target.value || undefined)}
              className="rounded-lg border border-slate-300 px-2 py-1.5 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:bg-slate-100"
            >
              <DeviceOptions devices={devices.outputs} unnamed={(number) => t('devices.unnamedSpeaker', { number })} />
            </select>
            {!canChooseSpeaker && (
              <p id={`${speakerId}-unsupported`} className="text-xs text-slate-500">
                {t('devices.speakerUnsupported')}
              </p>
            )}
          </div>
          <NotificationChoice />
          <Button className="self-end" onClick={close}>
            {t('devices.close')}
          </Button>
        </div>
      )}
    </div>
  );
}
