import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useT } from '../../i18n/locale-store';
import { usePhone } from '../../stores/phone-store-context';
import { usePreferences } from '../../stores/preferences-store-context';

function subscribeToVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

/** True while the tab cannot be seen (another tab, minimised window). */
function useTabHidden(): boolean {
  return useSyncExternalStore(
    subscribeToVisibility,
    () => document.visibilityState === 'hidden',
    () => false,
  );
}

/**
 * A desktop notification for each call that rings while the tab is hidden.
 *
 * @remarks
 * Only when the agent turned notifications on in the audio settings (where the browser's
 * permission is asked, from a click, never on load) and the permission is granted. A click on
 * the notification brings the tab to the front; the notification closes when the call stops
 * ringing (answered, declined, cancelled) or the tab is shown again. The ringtone itself is the
 * phone store's and plays whether the tab is hidden or not.
 */
export function IncomingCallNotifier() {
  const t = useT();
  const enabled = usePreferences((state) => state.desktopNotifications);
  const calls = usePhone((state) => state.calls);
  const hidden = useTabHidden();
  const shown = useRef(new Map<string, Notification>());

  useEffect(() => {
    const ringing = calls.filter((call) => call.state === 'incoming');
    for (const [callId, notification] of shown.current) {
      if (!hidden || !ringing.some((call) => call.id === callId)) {
        notification.close();
        shown.current.delete(callId);
      }
    }
    if (!hidden || !enabled || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const onAnotherCall = calls.some((call) => call.state !== 'incoming');
    for (const call of ringing) {
      if (shown.current.has(call.id)) continue;
      const caller = call.remoteDisplayName ? `${call.remoteDisplayName} (${call.remoteUser})` : call.remoteUser;
      const notification = new Notification(t('comfort.notification.title', { caller }), {
        body: onAnotherCall ? t('comfort.notification.waiting', { caller }) : t('comfort.notification.body'),
        tag: `tsunagu-incoming-${call.id}`,
        requireInteraction: true,
      });
      notification.onclick = () => {
        window.focus();
        notification.close();
      };
      shown.current.set(call.id, notification);
    }
  }, [calls, enabled, hidden, t]);

  useEffect(() => {
    const open = shown.current;
    return () => {
      for (const notification of open.values()) notification.close();
      open.clear();
    };
  }, []);

  return null;
}
