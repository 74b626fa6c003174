import { createContext, useContext, type ReactNode } from 'react';
import type { MonitoringStore } from './monitoring-store';

const MonitoringStoreContext = createContext<MonitoringStore | undefined>(undefined);

/** Makes the supervisor's monitoring store available to the board's row actions. */
export function MonitoringStoreProvider({ store, children }: { store: MonitoringStore; children: ReactNode }) {
  return <MonitoringStoreContext.Provider value={store}>{children}</MonitoringStoreContext.Provider>;
}

/** The monitoring store; throws outside {@link MonitoringStoreProvider} (a wiring bug). */
export function useMonitoringStore(): MonitoringStore {
  const store = useContext(MonitoringStoreContext);
  if (store === undefined) throw new Error('useMonitoringStore needs a MonitoringStoreProvider');
  return store;
}
