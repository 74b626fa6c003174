import { useEffect, useMemo, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client';
import { createFaqStore } from '../stores/faq-store';
import { FaqStoreProvider } from '../stores/faq-store-context';
import { createHistoryStore } from '../stores/history-store';
import { HistoryStoreProvider } from '../stores/history-store-context';
import { createCustomerStore } from '../stores/customer-store';
import { CustomerStoreProvider } from '../stores/customer-store-context';
import { useDesk } from '../stores/desk-store-context';
import { createQueueStore } from '../stores/queue-store';
import { QueueStoreProvider } from '../stores/queue-store-context';
import { createRecordStore, recordWrapUpCheck } from '../stores/record-store';
import { RecordStoreProvider } from '../stores/record-store-context';
import { createMonitoringFlagStore } from '../stores/monitoring-flag-store';
import { MonitoringFlagStoreProvider } from '../stores/monitoring-flag-store-context';
import { createRecordingStore } from '../stores/recording-store';
import { RecordingStoreProvider } from '../stores/recording-store-context';
import { useSession } from '../stores/session-store-context';

/**
 * The stores of the desktop's panes (customer, history, FAQ…), each over the one API client
 * (one cookie, one CSRF token), provided to the screens below.
 * @remarks One provider per pane store; the desk and phone stores are created in main.tsx.
 */
export function DesktopProviders({ client, children }: { client: ApiClient; children: ReactNode }) {
  const agentId = useSession((state) => state.user?.id);
  // A new agent gets a new FAQ search and history: nothing the previous one searched or handled remains.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the agent's id only decides when to start afresh
  const faqStore = useMemo(() => createFaqStore({ client }), [client, agentId]);
  const historyStore = useMemo(() => createHistoryStore({ client, agentId: () => agentId }), [client, agentId]);
  // Call-record drafts are kept per user: another agent on this browser never sees them.
  const recordStore = useMemo(() => createRecordStore({ client, userId: agentId ?? 'signed-out' }), [client, agentId]);
  const customerStore = useMemo(() => createCustomerStore({ client }), [client]);
  // The recording flags of this agent's calls (録音中 / 一時停止中 / 録音なし).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the agent's id only decides when to start afresh
  const recordingStore = useMemo(() => createRecordingStore({ client }), [client, agentId]);
  // Whether a supervisor monitors this agent's call, where the policy tells agents (モニタリング中).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the agent's id only decides when to start afresh
  const monitoringFlagStore = useMemo(() => createMonitoringFlagStore({ client }), [client, agentId]);
  // The queues a call may come through, named on the softphone; another agent has others.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the agent's id only decides when to start afresh
  const queueStore = useMemo(() => createQueueStore({ client }), [client, agentId]);
  // A replaced FAQ store stops its pending search.
  useEffect(() => () => faqStore.getState().dispose(), [faqStore]);
  const setWrapUpCheck = useDesk((state) => state.setWrapUpCheck);
  useEffect(() => {
    // After-call work ends only once the record's required fields are filled (desk policy).
    setWrapUpCheck(recordWrapUpCheck(recordStore));
    // The store is not disposed: its retries still send what the agent typed after the panes go.
    return () => setWrapUpCheck(undefined);
  }, [recordStore, setWrapUpCheck]);
  return (
    <FaqStoreProvider store={faqStore}>
      <HistoryStoreProvider store={historyStore}>
        <RecordStoreProvider store={recordStore}>
          <CustomerStoreProvider store={customerStore}>
            <QueueStoreProvider store={queueStore}>
              <RecordingStoreProvider store={recordingStore}>
                <MonitoringFlagStoreProvider store={monitoringFlagStore}>{children}</MonitoringFlagStoreProvider>
              </RecordingStoreProvider>
            </QueueStoreProvider>
          </CustomerStoreProvider>
        </RecordStoreProvider>
      </HistoryStoreProvider>
    </FaqStoreProvider>
  );
}
