import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/locale-store';
import { useHistory } from '../../stores/history-store-context';
import { usePhone } from '../../stores/phone-store-context';
import { CustomersPanel } from './customers-panel';
import { RecentCallsPanel } from './recent-calls-panel';

export interface HistoryPaneProps {
  /** Places a call to `number` (national digits for Japanese numbers, an extension as it is). */
  readonly onDial: (number: string) => void;
}

type HistoryTab = 'calls' | 'customers';
const tabs: readonly HistoryTab[] = ['calls', 'customers'];

/**
 * My recent calls and customers, searchable, with click-to-call.
 * @remarks Two tabs (ARIA tabs: ← → move between them); the recent calls refresh shortly
 * after each of the agent's calls ends, so the call just finished appears on top.
 */
export function HistoryPane({ onDial }: HistoryPaneProps) {
  const t = useT();
  const start = useHistory((state) => state.start);
  const dispose = useHistory((state) => state.dispose);
  const callEnded = useHistory((state) => state.callEnded);
  const phoneCalls = usePhone((state) => state.calls);
  const [tab, setTab] = useState<HistoryTab>('calls');
  const baseId = useId();
  const titleId = `${baseId}-title`;
  const tabId = (name: HistoryTab) => `${baseId}-tab-${name}`;
  const panelId = (name: HistoryTab) => `${baseId}-panel-${name}`;
  const tabRefs = useRef<Partial<Record<HistoryTab, HTMLButtonElement | null>>>({});
  const previousCallIds = useRef<readonly string[]>([]);

  useEffect(() => {
    start();
    return () => dispose();
  }, [start, dispose]);

  useEffect(() => {
    const current = phoneCalls.map((call) => call.id);
    const ended = previousCallIds.current.some((id) => !current.includes(id));
    previousCallIds.current = current;
    if (ended) callEnded();
  }, [phoneCalls, callEnded]);

  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const index = tabs.indexOf(tab);
    const next =
      event.key === 'Home' ? tabs[0] : event.key === 'End' ? tabs[tabs.length - 1] : tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (next === undefined) return;
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  const tabClass = (name: HistoryTab) =>
    `rounded-t-lg px-3 py-2 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 ${
      tab === name ? 'border-b-2 border-indigo-600 text-indigo-700' : 'text-slate-600 hover:text-slate-900'
    }`;

  return (
    <section data-testid="history-pane" aria-labelledby={titleId} className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id={titleId} className="text-base font-semibold text-slate-900">
        {t('history.title')}
      </h2>
      <div role="tablist" aria-label={t('history.tabs.label')} className="flex gap-1 border-b border-slate-200">
        {tabs.map((name) => (
          <button
            key={name}
            ref={(element) => {
              tabRefs.current[name] = element;
            }}
            id={tabId(name)}
            type="button"
            role="tab"
            data-testid={name === 'calls' ? 'history-tab-calls' : 'history-tab-customers'}
            aria-selected={tab === name}
            aria-controls={panelId(name)}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
            onKeyDown={onTabKeyDown}
            className={tabClass(name)}
          >
            {name === 'calls' ? t('history.tab.calls') : t('history.tab.customers')}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)}>
        {tab === 'calls' ? <RecentCallsPanel onDial={onDial} /> : <CustomersPanel onDial={onDial} />}
      </div>
    </section>
  );
}
