import { useT } from '../../i18n/locale-store';
import { dialString, displayNumber } from './call-format';

/** A number the agent can call with one click (発信), labelled for screen readers. */
export function ClickToCallButton({ number, onDial }: { number: string; onDial: (number: string) => void }) {
  const t = useT();
  const shown = displayNumber(number);
  return (
    <button
      type="button"
      data-testid="click-to-call"
      aria-label={t('history.dial', { number: shown })}
      title={t('history.dial', { number: shown })}
      onClick={() => onDial(dialString(number))}
      className="inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 font-mono text-sm text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500"
    >
      <span aria-hidden="true">☎</span>
      {shown}
    </button>
  );
}
