import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DeskStore, DeskStoreActions, DeskStoreState } from './desk-store';

const DeskStoreContext = createContext<DeskStore | undefined>(undefined);

/** Makes one desk store available to the screens below it. */
export function DeskStoreProvider({ store, children }: { store: DeskStore; children: ReactNode }) {
  return <DeskStoreContext.Provider value={store}>{children}</DeskStoreContext.Provider>;
}

/** Reads a slice of the desk store; re-renders only when that slice changes. */
export function useDesk<T>(selector: (state: DeskStoreState & DeskStoreActions) => T): T {
  const store = useContext(DeskStoreContext);
  if (!store) throw new Error('useDesk() outside <DeskStoreProvider>');
  return useStore(store, selector);
}

/** The desk store itself, for effects that wire it to other stores (the record store's wrap-up check). */
export function useDeskStore(): DeskStore {
  const store = useContext(DeskStoreContext);
  if (!store) throw new Error('useDeskStore() outside <DeskStoreProvider>');
  return store;
}
