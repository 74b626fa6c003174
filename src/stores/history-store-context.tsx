import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { HistoryStore, HistoryStoreActions, HistoryStoreState } from './history-store';

const HistoryStoreContext = createContext<HistoryStore | undefined>(undefined);

/** Makes one history store available to the pane below it. */
export function HistoryStoreProvider({ store, children }: { store: HistoryStore; children: ReactNode }) {
  return <HistoryStoreContext.Provider value={store}>{children}</HistoryStoreContext.Provider>;
}

/** Reads a slice of the history store; re-renders only when that slice changes. */
export function useHistory<T>(selector: (state: HistoryStoreState & HistoryStoreActions) => T): T {
  const store = useContext(HistoryStoreContext);
  if (!store) throw new Error('useHistory() outside <HistoryStoreProvider>');
  return useStore(store, selector);
}
