import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { BoardStore, BoardStoreActions, BoardStoreState } from './board-store';

const BoardStoreContext = createContext<BoardStore | undefined>(undefined);

/** Makes one supervisor board store available to the screens below it. */
export function BoardStoreProvider({ store, children }: { store: BoardStore; children: ReactNode }) {
  return <BoardStoreContext.Provider value={store}>{children}</BoardStoreContext.Provider>;
}

/** Reads a slice of the board store; re-renders only when that slice changes. */
export function useBoard<T>(selector: (state: BoardStoreState & BoardStoreActions) => T): T {
  const store = useContext(BoardStoreContext);
  if (!store) throw new Error('useBoard() outside <BoardStoreProvider>');
  return useStore(store, selector);
}
