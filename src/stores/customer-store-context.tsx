import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CustomerStore, CustomerStoreActions, CustomerStoreState } from './customer-store';

const CustomerStoreContext = createContext<CustomerStore | undefined>(undefined);

/** Makes one customer store available to the screens below it. */
export function CustomerStoreProvider({ store, children }: { store: CustomerStore; children: ReactNode }) {
  return <CustomerStoreContext.Provider value={store}>{children}</CustomerStoreContext.Provider>;
}

/** Reads a slice of the customer store; re-renders only when that slice changes. */
export function useCustomers<T>(selector: (state: CustomerStoreState & CustomerStoreActions) => T): T {
  const store = useContext(CustomerStoreContext);
  if (!store) throw new Error('useCustomers() outside <CustomerStoreProvider>');
  return useStore(store, selector);
}

/** The customer store itself, for effects that call its actions. */
export function useCustomerStore(): CustomerStore {
  const store = useContext(CustomerStoreContext);
  if (!store) throw new Error('useCustomerStore() outside <CustomerStoreProvider>');
  return store;
}
