import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { RecordingsStore, RecordingsStoreActions, RecordingsStoreState } from './recordings-store';

const RecordingsStoreContext = createContext<RecordingsStore | undefined>(undefined);

/** Makes the supervisor's recordings store (search, player, retention) available. */
export function RecordingsStoreProvider({ store, children }: { store: RecordingsStore; children: ReactNode }) {
  return <RecordingsStoreContext.Provider value={store}>{children}</RecordingsStoreContext.Provider>;
}

/** The recordings store; throws outside {@link RecordingsStoreProvider} (a wiring bug). */
export function useRecordingsStore(): RecordingsStore {
  const store = useContext(RecordingsStoreContext);
  if (store === undefined) throw new Error('useRecordingsStore needs a RecordingsStoreProvider');
  return store;
}

/** Reads a slice of the recordings store. */
export function useRecordings<T>(selector: (state: RecordingsStoreState & RecordingsStoreActions) => T): T {
  return useStore(useRecordingsStore(), selector);
}
