import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/locale-store';
import type { HistoryList } from '../../stores/history-store';
import { historyErrorMessage } from './history-error-message';

interface HistoryListStatusLineProps {
  readonly list: HistoryList<unknown>;
  /** Shown when the list is empty without a search. */
  readonly emptyKey: MessageKey;
  /** Shown when a search found nothing (`{query}`). */
  readonly noMatchKey: MessageKey;
  readonly onRetry: () => void;
}

/** What a list is doing, announced politely: loading, nothing found, part of a number typed, or why it failed. */
export function HistoryListStatusLine({ list, emptyKey, noMatchKey, onRetry }: HistoryListStatusLineProps) {
  const t = useT();
  if (list.status === 'failed' && list.error) {
    return (
      <div role="alert" data-testid="history-error" className="flex items-start justify-between gap-2 rounded-lg bg-rose-50 p-3 text-sm text-rose-800">
        <span>{historyErrorMessage(list.error, t)}</span>
        <button
          type="button"
          onClick={onRetry}
          className="shrink-0 rounded-md px-2 py-1 font-medium ring-1 ring-rose-300 hover:bg-rose-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          {t('history.retry')}
        </button>
      </div>
    );
  }
  const message =
    list.status === 'incomplete-number'
      ? t('history.customers.incompleteNumber')
      : list.itemsFor === undefined
        ? list.status === 'idle'
          ? ''
          : t('history.loading')
        : list.items.length === 0 && list.status === 'ready'
          ? list.itemsFor === ''
            ? t(emptyKey)
            : t(noMatchKey, { query: list.itemsFor })
          : '';
  return (
    <p aria-live="polite" data-testid="history-status" className="min-h-5 text-xs text-slate-600">
      {message}
    </p>
  );
}
