import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PhoneStore, PhoneStoreActions, PhoneStoreState } from './phone-store';

const PhoneStoreContext = createContext<PhoneStore | undefined>(undefined);

/** Makes one phone store available to the screens below it. */
export function PhoneStoreProvider({ store, children }: { store: PhoneStore; children: ReactNode }) {
  return <PhoneStoreContext.Provider value={store}>{children}</PhoneStoreContext.Provider>;
}

/** Reads a slice of the phone store; re-renders only when that slice changes. */
export function usePhone<T>(selector: (state: PhoneStoreState & PhoneStoreActions) => T): T {
  const store = useContext(PhoneStoreContext);
  if (!store) throw new Error('usePhone() outside <PhoneStoreProvider>');
  return useStore(store, selector);
}
