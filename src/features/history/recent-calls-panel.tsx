import { useId } from 'react';
import type { CallEndReason, CallRecordDto } from '../../contract/call-records';
import type { MessageKey } from '../../i18n/i18n';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { exhaustiveSwitchError } from '../../lib/exhaustive-switch-error';
import { useHistory } from '../../stores/history-store-context';
import { formatDuration, formatJapanTime } from './call-format';
import { ClickToCallButton } from './click-to-call-button';
import { HistoryListStatusLine } from './history-list-status-line';

/** Why an unanswered or unusual call ended, for the duration column; `undefined` for a normal end. */
function endReasonKey(reason: CallEndReason | null): MessageKey | undefined {
  switch (reason) {
    case null:
    case 'completed':
      return undefined;
    case 'abandoned':
      return 'history.endReason.abandoned';
    case 'no-answer':
      return 'history.endReason.noAnswer';
    case 'rejected':
      return 'history.endReason.rejected';
    case 'busy':
      return 'history.endReason.busy';
    case 'failed':
      return 'history.endReason.failed';
    case 'transferred':
      return 'history.endReason.transferred';
    default:
      return exhaustiveSwitchError(reason);
  }
}

/** The signed-in agent's recent calls (最近の通話), newest first, searchable by number or notes. */
export function RecentCallsPanel({ onDial }: { onDial: (number: string) => void }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const calls = useHistory((state) => state.calls);
  const categories = useHistory((state) => state.categories);
  const setCallQuery = useHistory((state) => state.setCallQuery);
  const refreshCalls = useHistory((state) => state.refreshCalls);
  const loadMoreCalls = useHistory((state) => state.loadMoreCalls);
  const searchId = useId();
  const captionId = useId();

  const categoryName = (id: string | null) => {
    if (id === null) return t('history.category.none');
    const category = categories.find((candidate) => candidate.id === id);
    return category === undefined ? '' : locale === 'en' ? category.nameEn : category.nameJa;
  };

  const duration = (record: CallRecordDto) => {
    const reason = endReasonKey(record.endReason);
    if (record.endedAt === null) return t('history.endReason.inProgress');
    if (record.durationSeconds !== null && (reason === undefined || reason === 'history.endReason.transferred')) {
      return reason === undefined ? formatDuration(record.durationSeconds) : `${formatDuration(record.durationSeconds)} · ${t(reason)}`;
    }
    return reason === undefined ? '—' : t(reason);
  };

  const focusRing = 'focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500';

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-end gap-2">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <label htmlFor={searchId} className="text-sm font-medium text-slate-700">
            {t('history.calls.search.label')}
          </label>
          <input
            id={searchId}
            data-testid="history-search"
            type="search"
            autoComplete="off"
            placeholder={t('history.calls.search.placeholder')}
            value={calls.query}
            onChange={(event) => setCallQuery(event.target.value)}
            className={`rounded-lg border border-slate-300 px-3 py-2 text-sm ${focusRing}`}
          />
        </div>
        <button type="button" onClick={refreshCalls} className={`rounded-lg px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 ${focusRing}`}>
          {t('history.calls.refresh')}
        </button>
      </div>

      <HistoryListStatusLine list={calls} emptyKey="history.calls.empty" noMatchKey="history.calls.noMatch" onRetry={refreshCalls} />

      {calls.items.length > 0 && (
        <div className="overflow-x-auto">
          <table aria-describedby={captionId} aria-busy={calls.status === 'loading'} className="w-full text-left text-sm">
            <caption id={captionId} className="pb-1 text-left text-xs text-slate-500">
              {t('history.calls.table')} · {t('history.calls.timeZone')}
            </caption>
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">{t('history.calls.column.time')}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t('history.calls.column.direction')}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t('history.calls.column.number')}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t('history.calls.column.customer')}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t('history.calls.column.duration')}</th>
                <th scope="col" className="py-1 font-medium">{t('history.calls.column.category')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.items.map((record) => (
                <tr key={record.id} data-testid="history-call" data-direction={record.direction} className="border-t border-slate-100 align-middle">
                  <td className="py-1.5 pr-3 whitespace-nowrap tabular-nums" data-testid="history-call-time">
                    <time dateTime={record.startedAt}>{formatJapanTime(record.startedAt, locale)}</time>
                  </td>
                  <td className="py-1.5 pr-3 whitespace-nowrap">
                    {record.direction === 'inbound' ? t('history.direction.inbound') : t('history.direction.outbound')}
                  </td>
                  <td className="py-1.5 pr-3 whitespace-nowrap">
                    {record.remoteNumber === null ? (
                      <span className="text-slate-500">{t('history.number.withheld')}</span>
                    ) : (
                      <ClickToCallButton number={record.remoteNumber} onDial={onDial} />
                    )}
                  </td>
                  <td className="py-1.5 pr-3">{record.customerName ?? <span className="text-slate-500">{t('history.customer.none')}</span>}</td>
                  <td className="py-1.5 pr-3 whitespace-nowrap tabular-nums">{duration(record)}</td>
                  <td className="py-1.5">{categoryName(record.categoryId)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {calls.nextCursor !== null && calls.items.length > 0 && (
        <button
          type="button"
          onClick={loadMoreCalls}
          disabled={calls.status === 'loading-more'}
          className={`self-center rounded-lg px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:text-slate-400 ${focusRing}`}
        >
          {calls.status === 'loading-more' ? t('history.loading') : t('history.calls.more')}
        </button>
      )}
    </div>
  );
}
