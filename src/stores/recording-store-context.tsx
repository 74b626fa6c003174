import { createContext, useContext, type ReactNode } from 'react';
import type { RecordingStore } from './recording-store';

const RecordingStoreContext = createContext<RecordingStore | undefined>(undefined);

/** Makes the agent's recording store (the call panel's flag and pause) available. */
export function RecordingStoreProvider({ store, children }: { store: RecordingStore; children: ReactNode }) {
  return <RecordingStoreContext.Provider value={store}>{children}</RecordingStoreContext.Provider>;
}

/** The recording store; throws outside {@link RecordingStoreProvider} (a wiring bug). */
export function useRecordingStore(): RecordingStore {
  const store = useContext(RecordingStoreContext);
  if (store === undefined) throw new Error('useRecordingStore needs a RecordingStoreProvider');
  return store;
}

/** The recording store, or `undefined` where none is provided (a softphone without the service's recording). */
export function useOptionalRecordingStore(): RecordingStore | undefined {
  return useContext(RecordingStoreContext);
}
