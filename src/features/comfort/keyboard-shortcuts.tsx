import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { exhaustiveSwitchError } from '../../lib/exhaustive-switch-error';
import type { PhoneStoreActions, PhoneStoreState } from '../../stores/phone-store';
import { usePhone } from '../../stores/phone-store-context';
import type { CallSnapshot } from '../../telephony';
import { ShortcutHelp } from './shortcut-help';
import { isTypingTarget, shortcutFor, type ShortcutAction } from './shortcut-map';

/** DOM ids the shortcuts move focus to; the panes that own them set these ids. */
export const focusTargets = {
  faq: 'faq-search-input',
  customer: 'customer-search-input',
  /** The softphone's transfer field of a call (see the softphone's `transferTargetId`). */
  transfer: (callId: string) => `transfer-target-${callId}`,
} as const;

/** The call the agent is working on: the one talking, else the one held, else the one being placed. */
export function currentCall(calls: readonly CallSnapshot[]): CallSnapshot | undefined {
  return (
    calls.find((call) => call.state === 'active') ??
    calls.find((call) => call.state === 'held') ??
    calls.find((call) => call.state === 'dialing' || call.state === 'ringing' || call.state === 'answering')
  );
}

type Phone = PhoneStoreState & PhoneStoreActions;

function focusById(id: string): boolean {
  const element = document.getElementById(id);
  if (!element) return false;
  element.focus();
  if (element instanceof HTMLInputElement) element.select();
  return true;
}

/**
 * Carries out one shortcut on the phone store and the page.
 * @returns false when there was nothing to act on (no such call, no such field on screen).
 */
function perform(action: Exclude<ShortcutAction, 'help'>, phone: Phone): boolean {
  const incoming = phone.calls.find((call) => call.state === 'incoming');
  const current = currentCall(phone.calls);
  const connected = current?.state === 'active' || current?.state === 'held' ? current : undefined;
  switch (action) {
    case 'answer':
      if (!incoming) return false;
      phone.unlockAudio();
      void phone.answer(incoming.id);
      return true;
    case 'hangup': {
      const target = current ?? incoming;
      if (!target) return false;
      void (target.state === 'incoming' ? phone.reject(target.id) : phone.hangup(target.id));
      return true;
    }
    case 'hold':
      if (!connected || connected.holdPending) return false;
      void phone.toggleHold(connected.id);
      return true;
    case 'mute':
      if (!connected) return false;
      phone.toggleMute(connected.id);
      return true;
    case 'transfer':
      return connected ? focusById(focusTargets.transfer(connected.id)) : false;
    case 'faq':
      return focusById(focusTargets.faq);
    case 'customer':
      return focusById(focusTargets.customer);
    default:
      return exhaustiveSwitchError(action);
  }
}

/**
 * The agent desktop's keyboard shortcuts (Alt+A answer, Alt+H hang up, Alt+O hold, Alt+M mute,
 * Alt+T transfer, Alt+Q FAQ search, Alt+C customer search, `?` help), mounted once.
 * @remarks Listens on the document in the capture phase so a pane that stops propagation
 * cannot swallow them; renders the help overlay while it is open.
 */
export function KeyboardShortcuts() {
  const t = useT();
  const [helpOpen, setHelpOpen] = useState(false);
  const phone = usePhone((state) => state);
  const latest = useRef(phone);
  useEffect(() => {
    latest.current = phone;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.repeat || event.isComposing) return;
      const action = shortcutFor(event, isTypingTarget(event.target));
      if (!action) return;
      if (action === 'help') {
        event.preventDefault();
        setHelpOpen(true);
        return;
      }
      // Option+letter on a Mac types a symbol: never let a shortcut type into a field.
      event.preventDefault();
      perform(action, latest.current);
    };
    document.addEventListener('keydown', onKeyDown, { capture: true });
    return () => document.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);

  return (
    <>
      <button
        type="button"
        data-testid="shortcut-help-open"
        aria-haspopup="dialog"
        onClick={() => setHelpOpen(true)}
        className="fixed bottom-3 right-3 z-40 rounded-full bg-white px-3 py-1.5 text-xs text-slate-600 shadow ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
      >
        {t('comfort.shortcuts.hint')}
      </button>
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </>
  );
}
