import { memo, useEffect, useId, useRef, useState } from 'react';
import { hoursOverrideSchema, type HoursOverride, type QueueDto } from '../../contract/queues';
import { Button } from '../../components/ui/button';
import type { Locale, MessageKey } from '../../i18n/i18n';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { useBoard } from '../../stores/board-store-context';
import { boardErrorMessage, formatElapsed } from './board-format';

const overrideKeys: Record<HoursOverride, MessageKey> = {
  schedule: 'board.queues.override.schedule',
  open: 'board.queues.override.open',
  closed: 'board.queues.override.closed',
};

const percent = { ja: new Intl.NumberFormat('ja-JP', { style: 'percent', maximumFractionDigits: 1 }), en: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }) };

/** A change of a queue's hours the supervisor chose and has not confirmed yet. */
interface PendingOverride {
  readonly queue: QueueDto;
  readonly override: HoursOverride;
}

/**
 * One queue's row. Memoised: a queue's live event renders its row only, and the clock's tick
 * only the rows with a call waiting (`now` is 0 for the others).
 */
const QueueRow = memo(function QueueRow({
  queue,
  name,
  now,
  locale,
  pendingOverride,
  onPending,
}: {
  queue: QueueDto;
  /** The queue as the UI names it: 東京窓口 (2001). */
  name: string;
  now: number;
  locale: Locale;
  /** The override chosen for this queue and not confirmed yet. */
  pendingOverride: HoursOverride | undefined;
  onPending: (pending: PendingOverride | undefined) => void;
}) {
  const t = useT();
  const oldest = queue.stats.oldestWaitingSince === null ? undefined : Date.parse(queue.stats.oldestWaitingSince);
  return (
    <tr data-testid="board-queue-row" data-number={queue.number} className="border-b border-slate-100">
      <th scope="row" title={name} className="truncate px-3 py-2 text-left font-medium">
        {name}
      </th>
      <td className="px-3 py-2 text-right tabular-nums" data-testid="board-queue-waiting">
        {queue.stats.waiting}
      </td>
      <td className="px-3 py-2 text-right tabular-nums" data-testid="board-queue-longest-wait">
        {oldest === undefined ? '0:00' : formatElapsed(now - oldest)}
      </td>
      <td className="px-3 py-2 text-right tabular-nums" data-testid="board-queue-answered">
        {queue.stats.answeredToday}
      </td>
      <td className="px-3 py-2 text-right tabular-nums" data-testid="board-queue-abandoned">
        {queue.stats.abandonedToday}
      </td>
      <td className="px-3 py-2 text-right tabular-nums" data-testid="board-queue-answer-rate">
        {queue.stats.answerRate === null ? t('board.queues.answerRateNone') : percent[locale].format(queue.stats.answerRate)}
      </td>
      <td className="px-3 py-2">
        <div className="flex flex-wrap items-center gap-2">
          <span
            data-testid="board-queue-open"
            className={`rounded-full px-2 py-0.5 text-xs font-semibold ${queue.openNow ? 'bg-emerald-100 text-emerald-900' : 'bg-slate-200 text-slate-800'}`}
          >
            {t(queue.openNow ? 'board.queues.open' : 'board.queues.closed')}
          </span>
          <select
            aria-label={t('board.queues.override.label', { queue: name })}
            data-testid="board-queue-override"
            value={pendingOverride ?? queue.hoursOverride}
            onChange={(event) => {
              const override = hoursOverrideSchema.parse(event.target.value);
              onPending(override === queue.hoursOverride ? undefined : { queue, override });
            }}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            {hoursOverrideSchema.options.map((option) => (
              <option key={option} value={option}>
                {t(overrideKeys[option])}
              </option>
            ))}
          </select>
        </div>
      </td>
    </tr>
  );
});

/**
 * The supervisor's queues: calls waiting now, the longest wait (ticking), today's answered and
 * abandoned calls and answer rate, whether the queue is open, and the hours override (臨時),
 * changed only after a confirmation.
 */
export const QueueTable = memo(function QueueTable() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const queues = useBoard((state) => state.queues);
  const now = useBoard((state) => state.now);
  const status = useBoard((state) => state.hoursOverride);
  const setHoursOverride = useBoard((state) => state.setHoursOverride);
  const [pending, setPending] = useState<PendingOverride | undefined>(undefined);
  const confirmRegion = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const queueName = (queue: QueueDto) => t('board.queue.name', { name: locale === 'ja' ? queue.nameJa : queue.nameEn, number: queue.number });

  useEffect(() => {
    // The confirmation takes the focus, so a keyboard user answers it at once.
    if (pending) confirmRegion.current?.querySelector('button')?.focus();
  }, [pending]);

  const apply = async () => {
    if (!pending) return;
    const done = await setHoursOverride(pending.queue.id, pending.override);
    if (done) setPending(undefined);
  };

  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id={headingId} className="text-lg font-semibold">
        {t('board.queues.heading')}
      </h2>
      {queues.length === 0 ? (
        <p className="text-sm text-slate-600">{t('board.queues.empty')}</p>
      ) : (
        // Fixed column widths and contained layout: a queue's new figures relayout its row, not the whole table.
        <div className="overflow-x-auto [contain:content]">
          <table className="w-full min-w-[48rem] table-fixed border-collapse text-sm" data-testid="board-queues">
            <colgroup>
              <col className="w-[26%]" />
              <col className="w-[9%]" />
              <col className="w-[11%]" />
              <col className="w-[9%]" />
              <col className="w-[9%]" />
              <col className="w-[9%]" />
              <col className="w-[27%]" />
            </colgroup>
            <thead className="bg-slate-100 text-left text-xs text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t('board.queues.col.queue')}</th>
                <th scope="col" className="px-3 py-2 text-right">{t('board.queues.col.waiting')}</th>
                <th scope="col" className="px-3 py-2 text-right">{t('board.queues.col.longestWait')}</th>
                <th scope="col" className="px-3 py-2 text-right">{t('board.queues.col.answered')}</th>
                <th scope="col" className="px-3 py-2 text-right">{t('board.queues.col.abandoned')}</th>
                <th scope="col" className="px-3 py-2 text-right">{t('board.queues.col.answerRate')}</th>
                <th scope="col" className="px-3 py-2">{t('board.queues.col.hours')}</th>
              </tr>
            </thead>
            <tbody>
              {queues.map((queue) => (
                <QueueRow
                  key={queue.id}
                  queue={queue}
                  name={queueName(queue)}
                  now={queue.stats.oldestWaitingSince === null ? 0 : now}
                  locale={locale}
                  pendingOverride={pending?.queue.id === queue.id ? pending.override : undefined}
                  onPending={setPending}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pending && (
        <div ref={confirmRegion} role="alertdialog" aria-labelledby={`${headingId}-confirm`} className="flex flex-wrap items-center gap-3 rounded-lg bg-amber-50 p-3 ring-1 ring-amber-300" data-testid="board-override-confirm">
          <p id={`${headingId}-confirm`} className="text-sm text-amber-950">
            {t('board.queues.override.confirm', { queue: queueName(pending.queue), choice: t(overrideKeys[pending.override]) })}
          </p>
          <div className="flex gap-2">
            <Button tone="primary" disabled={status?.name === 'saving'} onClick={() => void apply()} data-testid="board-override-apply">
              {status?.name === 'saving' ? t('board.queues.override.saving') : t('board.queues.override.apply')}
            </Button>
            <Button onClick={() => setPending(undefined)} data-testid="board-override-cancel">
              {t('board.queues.override.cancel')}
            </Button>
          </div>
          {status?.name === 'failed' && status.queueId === pending.queue.id && (
            <p role="alert" className="w-full text-sm text-rose-800">
              {t('board.queues.override.failed')} {boardErrorMessage(t, status.error)}
            </p>
          )}
        </div>
      )}
    </section>
  );
});
