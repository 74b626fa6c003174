import { useEffect, useState, type SyntheticEvent } from 'react';
import { Button } from '../../components/ui/button';
import type { RecordingListItem } from '../../contract/recordings';
import type { MessageKey } from '../../i18n/i18n';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { useBoard } from '../../stores/board-store-context';
import { isPendingDeletion } from '../../stores/recordings-store';
import { useRecordings } from '../../stores/recordings-store-context';
import { QueueExtension } from './queue-extension';
import { formatJapanDateTime, formatLength, japanDayBoundary } from './recording-format';
import { RecordingPlayer } from './recording-player';

const statusKey: Record<RecordingListItem['status'], MessageKey> = {
  recording: 'recording.status.recording',
  complete: 'recording.status.complete',
  failed: 'recording.status.failed',
  deleted: 'recording.status.deleted',
};

const inputClass = 'rounded-lg border border-slate-300 px-2 py-1.5 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500';

/**
 * The supervisor's recordings (全通話録音): search by date range (Japan-time days), agent,
 * number, category and queue, the results newest first, and the player of the chosen one;
 * searched by a queue, the queue-wide 180-day extension.
 * @remarks The agents and queues to choose from are the board's (the supervisor's groups).
 */
export function RecordingsView() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const agentList = useBoard((state) => state.roster);
  const queues = useBoard((state) => state.queues);
  const searchedQueueId = useRecordings((state) => state.search.queueId);
  const status = useRecordings((state) => state.status);
  const items = useRecordings((state) => state.items);
  const next = useRecordings((state) => state.next);
  const error = useRecordings((state) => state.error);
  const selected = useRecordings((state) => state.selected);
  const find = useRecordings((state) => state.find);
  const more = useRecordings((state) => state.more);
  const open = useRecordings((state) => state.open);
  const categories = useRecordings((state) => state.categories);
  const loadCategories = useRecordings((state) => state.loadCategories);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [agentId, setAgentId] = useState('');
  const [number, setNumber] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [queueId, setQueueId] = useState('');

  useEffect(() => {
    void find({});
    void loadCategories();
  }, [find, loadCategories]);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void find({ from: japanDayBoundary(from, false), to: japanDayBoundary(to, true), agentId: agentId === '' ? undefined : agentId, number: number.trim() === '' ? undefined : number.trim(), categoryId: categoryId === '' ? undefined : categoryId, queueId: queueId === '' ? undefined : queueId });
  };
  const categoryName = (id: string | null): string => {
    const category = categories.find((candidate) => candidate.id === id);
    return category === undefined ? '—' : locale === 'ja' ? category.nameJa : category.nameEn;
  };

  return (
    <section aria-labelledby="recordings-title" data-testid="recordings-view" className="flex flex-col gap-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="recordings-title" className="text-lg font-bold text-slate-900">
        {t('recording.view.title')}
      </h2>
      <form role="search" aria-labelledby="recordings-title" onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          {t('recording.search.from')}
          <input type="date" className={inputClass} data-testid="recordings-from" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          {t('recording.search.to')}
          <input type="date" className={inputClass} data-testid="recordings-to" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          {t('recording.search.agent')}
          <select className={inputClass} data-testid="recordings-agent" value={agentId} onChange={(event) => setAgentId(event.target.value)}>
            <option value="">{t('recording.search.anyAgent')}</option>
            {agentList.map((agent) => (
              <option key={agent.agentId} value={agent.agentId}>
                {agent.displayName} ({agent.agentName})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          {t('recording.search.number')}
          <input type="tel" inputMode="tel" maxLength={32} className={inputClass} data-testid="recordings-number" value={number} onChange={(event) => setNumber(event.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          {t('recording.search.category')}
          <select className={inputClass} data-testid="recordings-category" value={categoryId} onChange={(event) => setCategoryId(event.target.value)}>
            <option value="">{t('recording.search.anyCategory')}</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {locale === 'ja' ? category.nameJa : category.nameEn}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          {t('recording.search.queue')}
          <select className={inputClass} data-testid="recordings-queue" value={queueId} onChange={(event) => setQueueId(event.target.value)}>
            <option value="">{t('recording.search.anyQueue')}</option>
            {queues.map((queue) => (
              <option key={queue.id} value={queue.id}>
                {locale === 'ja' ? queue.nameJa : queue.nameEn} ({queue.number})
              </option>
            ))}
          </select>
        </label>
        <Button tone="primary" type="submit" data-testid="recordings-search" disabled={status === 'searching'}>
          {status === 'searching' ? t('recording.search.searching') : t('recording.search.submit')}
        </Button>
      </form>
      {error !== undefined && (
        <p role="alert" className="rounded-lg bg-rose-50 p-3 text-sm text-rose-900 ring-1 ring-rose-200">
          {t(`recording.view.error.${error}`)}
        </p>
      )}
      {searchedQueueId !== undefined && <QueueExtension queue={queues.find((queue) => queue.id === searchedQueueId)} queueId={searchedQueueId} />}
      {status === 'ready' && items.length === 0 && <p className="text-sm text-slate-600">{t('recording.search.empty')}</p>}
      {items.length > 0 && (
        <table className="w-full text-left text-sm" aria-label={t('recording.list.label')}>
          <thead className="text-slate-600">
            <tr>
              <th scope="col">{t('recording.list.startedAt')}</th>
              <th scope="col">{t('recording.list.agent')}</th>
              <th scope="col">{t('recording.list.number')}</th>
              <th scope="col">{t('recording.list.category')}</th>
              <th scope="col">{t('recording.list.duration')}</th>
              <th scope="col">{t('recording.list.status')}</th>
              <th scope="col">
                <span className="sr-only">{t('recording.list.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const when = formatJapanDateTime(item.startedAt, locale);
              return (
                <tr key={item.id} data-testid="recording-row" data-recording-id={item.id} data-sip-call-id={item.sipCallId} aria-current={selected?.id === item.id ? 'true' : undefined} className="border-t border-slate-100">
                  <td className="py-1.5 tabular-nums">{when}</td>
                  <td>{item.agentName ?? '—'}</td>
                  <td className="tabular-nums">{item.customerNumber ?? '—'}</td>
                  <td>{categoryName(item.categoryId)}</td>
                  <td className="tabular-nums">{item.durationMs === null ? '—' : formatLength(item.durationMs)}</td>
                  <td data-testid="recording-status">{isPendingDeletion(item) ? t('recording.status.pendingDeletion') : t(statusKey[item.status])}</td>
                  <td>
                    <Button className="text-xs" data-testid="recording-open" aria-label={`${t('recording.list.open')}: ${when}`} disabled={item.status !== 'complete'} onClick={() => void open(item.id)}>
                      {t('recording.list.open')}
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {next !== null && (
        <Button data-testid="recordings-more" disabled={status === 'searching'} onClick={() => void more()}>
          {t('recording.search.more')}
        </Button>
      )}
      {selected !== undefined && <RecordingPlayer key={selected.id} recording={selected} />}
    </section>
  );
}

/**
 * The recordings beside the board: a 録音 button that opens and closes {@link RecordingsView}
 * (the board stays visible above it).
 */
export function RecordingsPanel() {
  const t = useT();
  const [expanded, setExpanded] = useState(false);
  return (
    <div className="flex flex-col gap-3">
      <div>
        <Button aria-expanded={expanded} aria-controls="recordings-panel" data-testid="recordings-tab" onClick={() => setExpanded(!expanded)}>
          {t('recording.view.toggle')}
        </Button>
      </div>
      <div id="recordings-panel" hidden={!expanded}>
        {expanded && <RecordingsView />}
      </div>
    </div>
  );
}
