import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { FaqStore, FaqStoreActions, FaqStoreState } from './faq-store';

const FaqStoreContext = createContext<FaqStore | undefined>(undefined);

/** Makes one FAQ store available to the panel below it. */
export function FaqStoreProvider({ store, children }: { store: FaqStore; children: ReactNode }) {
  return <FaqStoreContext.Provider value={store}>{children}</FaqStoreContext.Provider>;
}

/** Reads a slice of the FAQ store; re-renders only when that slice changes. */
export function useFaq<T>(selector: (state: FaqStoreState & FaqStoreActions) => T): T {
  const store = useContext(FaqStoreContext);
  if (!store) throw new Error('useFaq() outside <FaqStoreProvider>');
  return useStore(store, selector);
}
