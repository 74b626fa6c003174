import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SessionStore, SessionStoreActions, SessionStoreState } from './session-store';

const SessionStoreContext = createContext<SessionStore | undefined>(undefined);

/** Makes one session store available to the screens below it. */
export function SessionStoreProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return <SessionStoreContext.Provider value={store}>{children}</SessionStoreContext.Provider>;
}

/** Reads a slice of the session store; re-renders only when that slice changes. */
export function useSession<T>(selector: (state: SessionStoreState & SessionStoreActions) => T): T {
  const store = useContext(SessionStoreContext);
  if (!store) throw new Error('useSession() outside <SessionStoreProvider>');
  return useStore(store, selector);
}
