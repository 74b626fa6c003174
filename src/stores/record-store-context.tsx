import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { RecordStore, RecordStoreActions, RecordStoreState } from './record-store';

const RecordStoreContext = createContext<RecordStore | undefined>(undefined);

/** Makes one record store available to the screens below it. */
export function RecordStoreProvider({ store, children }: { store: RecordStore; children: ReactNode }) {
  return <RecordStoreContext.Provider value={store}>{children}</RecordStoreContext.Provider>;
}

/** Reads a slice of the record store; re-renders only when that slice changes. */
export function useRecords<T>(selector: (state: RecordStoreState & RecordStoreActions) => T): T {
  const store = useContext(RecordStoreContext);
  if (!store) throw new Error('useRecords() outside <RecordStoreProvider>');
  return useStore(store, selector);
}

/** The record store itself, for effects that call its actions. */
export function useRecordStore(): RecordStore {
  const store = useContext(RecordStoreContext);
  if (!store) throw new Error('useRecordStore() outside <RecordStoreProvider>');
  return store;
}
