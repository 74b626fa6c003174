import type { ReactNode } from 'react';
import type { ApiClient } from '../api/api-client';

/**
 * The stores of the desktop's panes (customer, history, FAQ…), each over the one API client
 * (one cookie, one CSRF token), provided to the screens below.
 * @remarks One provider per pane store; the desk and phone stores are created in main.tsx.
 */
export function DesktopProviders({ client: _client, children }: { client: ApiClient; children: ReactNode }) {
  return <>{children}</>;
}
