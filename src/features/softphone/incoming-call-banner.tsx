import { Button } from '../../components/ui/button';
import { useT } from '../../i18n/locale-store';
import { usePhone } from '../../stores/phone-store-context';
import type { CallSnapshot } from '../../telephony';
import { partyLabel } from './party-label';
import { QueueLabel } from './queue-label';

/** The ringing call: who calls, answer, decline. Shown as an alert so screen readers announce it. */
export function IncomingCallBanner({ call }: { call: CallSnapshot }) {
  const t = useT();
  const answer = usePhone((state) => state.answer);
  const reject = usePhone((state) => state.reject);
  const waiting = usePhone((state) => state.calls.some((other) => other.id !== call.id && other.state !== 'incoming'));
  const caller = partyLabel(call);
  return (
    <section role="alert" aria-label={t('incoming.title')} data-testid="incoming-call" data-call-id={call.id} className="rounded-xl border-2 border-emerald-500 bg-emerald-50 p-4 shadow-lg">
      <p className="text-xs font-semibold uppercase tracking-wide text-emerald-700">{waiting ? t('incoming.waiting') : t('incoming.title')}</p>
      <p className="mt-1 text-lg font-semibold text-slate-900" data-testid="incoming-caller">
        {t('incoming.from', { caller })}
      </p>
      <QueueLabel number={call.queueNumber} testId="incoming-queue" />
      <div className="mt-3 flex gap-2">
        <Button tone="success" className="flex-1" aria-keyshortcuts="Alt+A" data-testid="incoming-answer" onClick={() => void answer(call.id)}>
          {t('incoming.answer')}
        </Button>
        <Button tone="danger" className="flex-1" aria-keyshortcuts="Alt+H" data-testid="incoming-reject" onClick={() => void reject(call.id)}>
          {t('incoming.reject')}
        </Button>
      </div>
    </section>
  );
}
