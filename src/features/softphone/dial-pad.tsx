import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { Keypad } from '../../components/ui/keypad';
import { useT } from '../../i18n/locale-store';
import { usePhone } from '../../stores/phone-store-context';
import { maxCalls } from '../../telephony';

/** Number entry, the twelve keys and the call button. */
export function DialPad() {
  const t = useT();
  const [target, setTarget] = useState('');
  const registered = usePhone((state) => state.registration.name === 'registered');
  const callCount = usePhone((state) => state.calls.length);
  const dial = usePhone((state) => state.dial);
  const unlockAudio = usePhone((state) => state.unlockAudio);
  const canDial = registered && callCount < maxCalls && target.trim() !== '';

  const submit = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    unlockAudio();
    if (!canDial) return;
    void dial(target);
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" aria-label={t('dial.pad')}>
      <label htmlFor="dial-target" className="text-sm font-medium text-slate-700">
        {t('dial.label')}
      </label>
      <div className="flex gap-2">
        <input
          id="dial-target"
          data-testid="dial-input"
          inputMode="tel"
          autoComplete="off"
          value={target}
          placeholder={t('dial.placeholder')}
          onChange={(event) => setTarget(event.target.value)}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 text-lg tracking-wider focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
        />
        <Button aria-label={t('dial.clear')} onClick={() => setTarget(target.slice(0, -1))} disabled={target === ''}>
          ⌫
        </Button>
      </div>
      <Keypad label={t('dial.pad')} testIdPrefix="dial-key" onKey={(key) => setTarget(target + key)} />
      <Button type="submit" tone="success" disabled={!canDial} data-testid="dial-call">
        {t('dial.call')}
      </Button>
    </form>
  );
}
