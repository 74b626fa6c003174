import { memo, useId, useRef, type ReactNode } from 'react';
import { agentStateSchema, type AgentStateName } from '../../contract/events';
import type { MessageKey } from '../../i18n/i18n';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { boardSelectors, type BoardAgent, type BoardSort } from '../../stores/board-store';
import { useBoard } from '../../stores/board-store-context';
import { AgentRow, agentRowHeight } from './agent-row';
import { useVirtualRows } from './use-virtual-rows';

const stateKeys: Record<AgentStateName, MessageKey> = {
  available: 'board.state.available',
  'not-ready': 'board.state.notReady',
  'on-call': 'board.state.onCall',
  'after-call-work': 'board.state.afterCallWork',
  offline: 'board.state.offline',
};

const sortKeys: Record<BoardSort, MessageKey> = {
  state: 'board.sort.state',
  extension: 'board.sort.extension',
  'time-in-state': 'board.sort.timeInState',
};

const control =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500';

/**
 * The agents of the supervisor's groups: filters (state, group, name or extension), order, and
 * a virtualised table that renders only the rows in view, so thousands of agents stay smooth.
 * `rowActions` adds a last column with what the supervisor can do for each agent (rendered for
 * the rows in view only).
 * @remarks Reads the store's kept order and counts (`visible`, `summary`), so a batch of events costs a render of the rows in view,
 * and only the rows whose agent changed render again (memoised rows, props stable otherwise).
 */
export const AgentTable = memo(function AgentTable({ rowActions }: { rowActions?: ((agent: BoardAgent) => ReactNode) | undefined }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const visible = useBoard((state) => state.visible);
  const counts = useBoard((state) => state.summary);
  const filter = useBoard((state) => state.filter);
  const sort = useBoard((state) => state.sort);
  const groups = useBoard((state) => state.groups);
  const reasons = useBoard((state) => state.reasons);
  const queues = useBoard((state) => state.queueDirectory);
  const now = useBoard((state) => state.now);
  const recordings = useBoard((state) => state.recordings);
  const setFilter = useBoard((state) => state.setFilter);
  const setSort = useBoard((state) => state.setSort);
  const total = agentStateSchema.options.reduce((sum, state) => sum + counts[state], 0);
  const viewport = useRef<HTMLDivElement>(null);
  const range = useVirtualRows(viewport, visible.length, agentRowHeight);
  const headingId = useId();
  const columns = rowActions ? 9 : 8;
  const ids = { state: useId(), group: useId(), search: useId(), sort: useId() };

  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          {t('board.agents.heading')}
        </h2>
        <p className="text-sm text-slate-600" data-testid="board-agent-count" aria-live="polite">
          {t('board.agents.count', { shown: visible.length, total })}
        </p>
      </div>
      <ul aria-label={t('board.summary.label')} className="flex flex-wrap gap-2 text-xs" data-testid="board-summary">
        {agentStateSchema.options.map((state) => (
          <li key={state} className="rounded-full bg-slate-100 px-2 py-1 text-slate-800">
            {t('board.summary.count', { state: t(stateKeys[state]), count: counts[state] })}
          </li>
        ))}
      </ul>
      <div role="group" aria-label={t('board.filter.label')} className="flex flex-wrap items-end gap-3 text-sm">
        <label htmlFor={ids.search} className="flex flex-col gap-1">
          {t('board.filter.search')}
          <input
            id={ids.search}
            type="search"
            data-testid="board-search"
            value={filter.search}
            onChange={(event) => setFilter({ search: event.target.value })}
            className={control}
          />
        </label>
        <label htmlFor={ids.state} className="flex flex-col gap-1">
          {t('board.filter.state')}
          <select
            id={ids.state}
            data-testid="board-filter-state"
            value={filter.state}
            onChange={(event) => setFilter({ state: event.target.value === 'all' ? 'all' : agentStateSchema.parse(event.target.value) })}
            className={control}
          >
            <option value="all">{t('board.filter.allStates')}</option>
            {agentStateSchema.options.map((state) => (
              <option key={state} value={state}>
                {t(stateKeys[state])}
              </option>
            ))}
          </select>
        </label>
        {groups.length > 1 && (
          <label htmlFor={ids.group} className="flex flex-col gap-1">
            {t('board.filter.group')}
            <select id={ids.group} data-testid="board-filter-group" value={filter.groupId} onChange={(event) => setFilter({ groupId: event.target.value })} className={control}>
              <option value="all">{t('board.allGroups')}</option>
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label htmlFor={ids.sort} className="flex flex-col gap-1">
          {t('board.filter.sort')}
          <select id={ids.sort} data-testid="board-sort" value={sort} onChange={(event) => setSort(event.target.value as BoardSort)} className={control}>
            {(Object.keys(sortKeys) as BoardSort[]).map((key) => (
              <option key={key} value={key}>
                {t(sortKeys[key])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div
        ref={viewport}
        role="region"
        aria-label={t('board.agents.listLabel')}
        tabIndex={0}
        data-testid="board-agent-list"
        className="max-h-[32rem] overflow-auto rounded-lg [contain:content] ring-1 ring-slate-200 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        <table aria-rowcount={visible.length + 1} className="w-full table-fixed border-collapse">
          <colgroup>
            <col className="w-[16%]" />
            <col className="w-[8%]" />
            <col className="w-[18%]" />
            <col className="w-[10%]" />
            <col className="w-[16%]" />
            <col className="w-[8%]" />
            <col className="w-[14%]" />
            <col className="w-[10%]" />
            {rowActions && <col className="w-[14rem]" />}
          </colgroup>
          <thead className="sticky top-0 z-10 bg-slate-100 text-left text-xs text-slate-700">
            <tr aria-rowindex={1} style={{ height: agentRowHeight }}>
              <th scope="col" className="px-3">{t('board.col.agent')}</th>
              <th scope="col" className="px-3">{t('board.col.extension')}</th>
              <th scope="col" className="px-3">{t('board.col.state')}</th>
              <th scope="col" className="px-3">{t('board.col.timeInState')}</th>
              <th scope="col" className="px-3">{t('board.col.number')}</th>
              <th scope="col" className="px-3">{t('board.col.direction')}</th>
              <th scope="col" className="px-3">{t('board.col.queue')}</th>
              <th scope="col" className="px-3">{t('board.col.duration')}</th>
              {rowActions && <th scope="col" className="px-3">{t('board.col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {range.paddingTop > 0 && (
              <tr aria-hidden="true" style={{ height: range.paddingTop }}>
                <td colSpan={columns} />
              </tr>
            )}
            {visible.slice(range.start, range.end).map((agent, offset) => (
              <AgentRow key={agent.agentId} agent={agent} rowIndex={range.start + offset + 2} now={now} reasons={reasons} queues={queues} locale={locale} recording={boardSelectors.recordingOf({ recordings }, agent)} actions={rowActions} />
            ))}
            {range.paddingBottom > 0 && (
              <tr aria-hidden="true" style={{ height: range.paddingBottom }}>
                <td colSpan={columns} />
              </tr>
            )}
          </tbody>
        </table>
        {visible.length === 0 && <p className="p-4 text-sm text-slate-600">{t('board.agents.empty')}</p>}
      </div>
    </section>
  );
});
