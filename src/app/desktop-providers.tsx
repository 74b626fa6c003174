import { useMemo, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client';
import { createFaqStore } from '../stores/faq-store';
import { FaqStoreProvider } from '../stores/faq-store-context';
import { createHistoryStore } from '../stores/history-store';
import { HistoryStoreProvider } from '../stores/history-store-context';
import { useSession } from '../stores/session-store-context';

/**
 * The stores of the desktop's panes (customer, history, FAQ…), each over the one API client
 * (one cookie, one CSRF token), provided to the screens below.
 * @remarks One provider per pane store; the desk and phone stores are created in main.tsx.
 */
export function DesktopProviders({ client, children }: { client: ApiClient; children: ReactNode }) {
  const agentId = useSession((state) => state.user?.id);
  const faqStore = useMemo(() => createFaqStore({ client }), [client]);
  // A new agent gets a new history: nothing of the previous one's calls or searches remains.
  const historyStore = useMemo(() => createHistoryStore({ client, agentId: () => agentId }), [client, agentId]);
  return (
    <FaqStoreProvider store={faqStore}>
      <HistoryStoreProvider store={historyStore}>{children}</HistoryStoreProvider>
    </FaqStoreProvider>
  );
}
