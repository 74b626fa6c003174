import { createContext, useContext, type ReactNode } from 'react';
import type { MonitoringFlagStore } from './monitoring-flag-store';

const MonitoringFlagStoreContext = createContext<MonitoringFlagStore | undefined>(undefined);

/** Makes the agent's monitoring-flag store (the call panel's モニタリング中 flag) available. */
export function MonitoringFlagStoreProvider({ store, children }: { store: MonitoringFlagStore; children: ReactNode }) {
  return <MonitoringFlagStoreContext.Provider value={store}>{children}</MonitoringFlagStoreContext.Provider>;
}

/** The monitoring-flag store, or `undefined` where none is provided (a softphone without the service). */
export function useOptionalMonitoringFlagStore(): MonitoringFlagStore | undefined {
  return useContext(MonitoringFlagStoreContext);
}
