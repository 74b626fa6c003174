import { useMemo, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client';
import { LiveEventsClient } from '../api/live-events-client';
import { createBoardStore } from '../stores/board-store';
import { BoardStoreProvider } from '../stores/board-store-context';
import { createMonitoringStore } from '../stores/monitoring-store';
import { MonitoringStoreProvider } from '../stores/monitoring-store-context';
import { createRecordingsStore } from '../stores/recordings-store';
import { RecordingsStoreProvider } from '../stores/recordings-store-context';
import { useSession } from '../stores/session-store-context';
import { BrowserMonitoringLeg, HtmlAudioSink } from '../telephony';

/**
 * The supervisor board's store over the one API client, with its own live-events connection,
 * the monitoring store (the supervisor's audio leg into a call) and the recordings store, provided to the screens below.
 * @remarks A new user gets a new store: nothing another supervisor saw remains. The store
 * connects only when the board is shown (its `start()`), so agents never open this socket.
 */
export function BoardProviders({ client, children }: { client: ApiClient; children: ReactNode }) {
  const userId = useSession((state) => state.user?.id);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the user's id only decides when to start afresh
  const store = useMemo(() => createBoardStore({ client, liveEvents: new LiveEventsClient() }), [client, userId]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- as above
  const monitoring = useMemo(() => createMonitoringStore({ client, leg: () => new BrowserMonitoringLeg(new HtmlAudioSink()) }), [client, userId]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- as above
  const recordings = useMemo(() => createRecordingsStore({ client }), [client, userId]);
  return (
    <BoardStoreProvider store={store}>
      <MonitoringStoreProvider store={monitoring}>
        <RecordingsStoreProvider store={recordings}>{children}</RecordingsStoreProvider>
      </MonitoringStoreProvider>
    </BoardStoreProvider>
  );
}
