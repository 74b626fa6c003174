import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createQueueStore, queueSelectors, type QueueName, type QueueStore } from './queue-store';

const QueueStoreContext = createContext<QueueStore | undefined>(undefined);

/** Makes one queue store available to the screens below it. */
export function QueueStoreProvider({ store, children }: { store: QueueStore; children: ReactNode }) {
  return <QueueStoreContext.Provider value={store}>{children}</QueueStoreContext.Provider>;
}

/**
 * The queue a call came through, by number, from the signed-in user's queues; asks the store
 * to load them when it does not know the queue yet.
 * @returns the queue's names, or `undefined` while unknown (not loaded yet, not one of the
 * user's queues, or no queue store: the direct-SIP softphone has no CTI session).
 */
export function useQueueName(number: string | undefined): QueueName | undefined {
  const provided = useContext(QueueStoreContext);
  // Without a provider (direct SIP) a store with no client: it never loads, names nothing.
  const store = useMemo(() => provided ?? createQueueStore({ client: undefined }), [provided]);
  const queue = useStore(store, queueSelectors.byNumber(number));
  const require = useStore(store, (state) => state.require);
  useEffect(() => {
    if (number !== undefined && queue === undefined) require(number);
  }, [number, queue, require]);
  return queue;
}
