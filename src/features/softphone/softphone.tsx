import { useEffect, type ReactNode } from 'react';
import { Button } from '../../components/ui/button';
import { useT } from '../../i18n/locale-store';
import { usePhone } from '../../stores/phone-store-context';
import { preferencesSelectors } from '../../stores/preferences-store';
import { usePreferences } from '../../stores/preferences-store-context';
import { CallPanel } from './call-panel';
import { DeviceNotices, DeviceSettings } from './device-settings';
import { DialPad } from './dial-pad';
import { IncomingCallBanner } from './incoming-call-banner';
import { PhoneNotices } from './phone-notices';
import { PhoneStatus } from './phone-status';
import { SignInForm } from './sign-in-form';

/** What the app composes into the softphone. */
export interface SoftphoneProps {
  /** Defaults of the direct SIP form. */
  readonly defaults: { server: string; domain: string };
  /** Who is signed in beyond the SIP identity (the CTI account), shown under the name. */
  readonly account?: ReactNode;
  /** Signs out; the phone store's sign-out when absent (direct SIP). */
  readonly onSignOut?: () => Promise<void>;
}

/**
 * Keeps the phone on the agent's chosen microphone and speaker: follows device changes, falls
 * back to the default while a chosen device is unplugged, and returns to it when it is back.
 */
function useChosenAudioDevices(): void {
  const watchDevices = usePreferences((state) => state.watchDevices);
  const microphoneId = usePreferences(preferencesSelectors.microphoneId);
  const speakerId = usePreferences(preferencesSelectors.speakerId);
  const setAudioDevices = usePhone((state) => state.setAudioDevices);
  useEffect(() => watchDevices(), [watchDevices]);
  useEffect(() => {
    void setAudioDevices({ microphoneId, speakerId });
  }, [setAudioDevices, microphoneId, speakerId]);
}

/** The softphone: the direct SIP form until signed in, then status, calls and the dial pad. */
export function Softphone({ defaults, account, onSignOut }: SoftphoneProps) {
  const t = useT();
  const signedIn = usePhone((state) => state.signedIn);
  const settings = usePhone((state) => state.settings);
  const calls = usePhone((state) => state.calls);
  const callWaiting = usePhone((state) => state.callWaiting);
  const setCallWaiting = usePhone((state) => state.setCallWaiting);
  const signOut = usePhone((state) => state.signOut);
  const unlockAudio = usePhone((state) => state.unlockAudio);
  useChosenAudioDevices();

  if (!signedIn) {
    return (
      <div className="flex flex-col gap-4">
        <PhoneStatus />
        <SignInForm defaults={defaults} />
      </div>
    );
  }
  const incoming = calls.filter((call) => call.state === 'incoming');
  const inProgress = calls.filter((call) => call.state !== 'incoming');
  return (
    <div className="flex flex-col gap-4" onPointerDown={unlockAudio}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <p className="text-sm font-semibold text-slate-900" data-testid="signed-in-as">
            {settings?.displayName} <span className="font-normal text-slate-500">({settings?.user})</span>
          </p>
          {account}
          <PhoneStatus />
        </div>
        <div className="flex flex-col items-end gap-2">
          <Button className="text-xs" data-testid="sign-out" onClick={() => void (onSignOut ?? signOut)()}>
            {t('signout')}
          </Button>
          <DeviceSettings />
        </div>
      </div>
      <DeviceNotices />
      {incoming.map((call) => (
        <IncomingCallBanner key={call.id} call={call} />
      ))}
      {inProgress.map((call) => (
        <CallPanel key={call.id} call={call} others={calls.length - 1} />
      ))}
      <PhoneNotices />
      <DialPad />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" data-testid="call-waiting" checked={callWaiting} onChange={(event) => setCallWaiting(event.target.checked)} className="h-4 w-4 accent-indigo-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500" />
        {t('callWaiting.label')}
      </label>
    </div>
  );
}
