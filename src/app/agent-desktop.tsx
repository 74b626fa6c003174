import type { ReactNode } from 'react';
import { useT } from '../i18n/locale-store';
import { useDesk } from '../stores/desk-store-context';
import { usePhone } from '../stores/phone-store-context';
import { AgentStateBar } from '../features/agent-state/agent-state-bar';
import { CallRecordPanel } from '../features/call-record/call-record-panel';
import { DeskComfort } from '../features/comfort/desk-comfort';
import { CustomerPane } from '../features/customer/customer-pane';
import { FaqPane } from '../features/faq/faq-pane';
import { HistoryPane } from '../features/history/history-pane';

/**
 * The agent's working screen: the agent state bar across the top, the softphone on the left,
 * the customer of the current call and its record in the middle, FAQ on the right.
 */
export function AgentDesktop({ softphone }: { softphone: ReactNode }) {
  const t = useT();
  const current = useDesk((state) => state.current);
  const linkCustomer = useDesk((state) => state.linkCustomer);
  const dial = usePhone((state) => state.dial);
  const onDial = (number: string) => void dial(number);
  return (
    <div className="flex flex-col gap-4">
      <AgentStateBar />
      <DeskComfort />
      <div className="grid gap-4 xl:grid-cols-[21rem_minmax(0,1fr)_26rem] lg:grid-cols-[21rem_minmax(0,1fr)]">
        <aside aria-label={t('desk.region.phone')} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          {softphone}
        </aside>
        <section aria-label={t('desk.region.work')} className="flex min-w-0 flex-col gap-4">
          <CustomerPane call={current} onLinkCustomer={linkCustomer} onDial={onDial} />
          <CallRecordPanel />
          <HistoryPane onDial={onDial} />
        </section>
        <section aria-label={t('desk.region.knowledge')} className="min-w-0 lg:col-span-2 xl:col-span-1">
          <FaqPane />
        </section>
      </div>
    </div>
  );
}
