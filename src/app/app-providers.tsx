import type { ReactNode } from 'react';
import type { ApiClient } from '../api/api-client';
import type { DeskStore } from '../stores/desk-store';
import { DeskStoreProvider } from '../stores/desk-store-context';
import type { PhoneStore } from '../stores/phone-store';
import { PhoneStoreProvider } from '../stores/phone-store-context';
import type { SessionStore } from '../stores/session-store';
import { SessionStoreProvider } from '../stores/session-store-context';
import { BoardProviders } from './board-providers';
import { DesktopProviders } from './desktop-providers';

/** The stores of one tab, created once in main.tsx (or per test). */
export interface AppStores {
  /** The one client of the CTI service (one cookie, one CSRF token) the pane stores share. */
  readonly client: ApiClient;
  readonly session: SessionStore;
  readonly phone: PhoneStore;
  readonly desk: DeskStore;
}

/**
 * Provides every store to the screens: session, phone and desk, then the panes' stores over
 * the same API client (the supervisor board's too). main.tsx and the app's tests compose the app the same way.
 */
export function AppProviders({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return (
    <SessionStoreProvider store={stores.session}>
      <PhoneStoreProvider store={stores.phone}>
        <DeskStoreProvider store={stores.desk}>
          <DesktopProviders client={stores.client}>
            <BoardProviders client={stores.client}>{children}</BoardProviders>
          </DesktopProviders>
        </DeskStoreProvider>
      </PhoneStoreProvider>
    </SessionStoreProvider>
  );
}
