import { useEffect, type ReactNode } from 'react';
import { Button } from '../../components/ui/button';
import type { MessageKey } from '../../i18n/i18n';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import type { BoardAgent, BoardStoreState } from '../../stores/board-store';
import { useBoard } from '../../stores/board-store-context';
import { useSession } from '../../stores/session-store-context';
import { AgentTable } from './agent-table';
import { boardErrorMessage, formatJapanClock } from './board-format';
import { QueueTable } from './queue-table';

const connectionKeys: Record<BoardStoreState['connection'], MessageKey> = {
  idle: 'board.live.idle',
  connecting: 'board.live.connecting',
  open: 'board.live.open',
  reconnecting: 'board.live.reconnecting',
  closed: 'board.live.closed',
};

/**
 * The supervisor's live board (監視盤): every agent of their groups with state, time in state
 * and current call, and their queues' figures, updated live from the CTI service's events.
 * @remarks Starts the board store when shown and stops it (closing the live events) when it
 * leaves the screen. `account` is shown beside the signed-in user's name (their role);
 * `rowActions`, when given, fills a last column of the agent list (the app composes another
 * feature's controls there, e.g. monitoring, as features do not import each other).
 */
export function SupervisorBoard({ account, rowActions }: { account?: ReactNode; rowActions?: (agent: BoardAgent) => ReactNode }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const user = useSession((state) => state.user);
  const signOut = useSession((state) => state.signOut);
  const status = useBoard((state) => state.status);
  const error = useBoard((state) => state.error);
  const connection = useBoard((state) => state.connection);
  const groups = useBoard((state) => state.groups);
  const now = useBoard((state) => state.now);
  const start = useBoard((state) => state.start);
  const stop = useBoard((state) => state.stop);
  const reload = useBoard((state) => state.reload);

  useEffect(() => {
    start();
    return stop;
  }, [start, stop]);

  const groupNames = user?.role === 'administrator' ? t('board.allGroups') : groups.map((group) => group.name).join(locale === 'ja' ? '、' : ', ');
  return (
    <div className="flex flex-col gap-4" data-testid="supervisor-board">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-2xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
        <div>
          <h2 className="text-lg font-bold text-slate-900">{t('board.title')}</h2>
          <p className="text-sm text-slate-600">{t('board.subtitle', { groups: groupNames })}</p>
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span className="tabular-nums text-slate-700" data-testid="board-clock">
            {t('board.clock', { time: formatJapanClock(now, locale) })}
          </span>
          <span
            role="status"
            data-testid="board-connection"
            data-state={connection}
            className={`rounded-full px-2 py-0.5 text-xs font-semibold ${connection === 'open' ? 'bg-emerald-100 text-emerald-900' : 'bg-amber-100 text-amber-900'}`}
          >
            {t(connectionKeys[connection])}
          </span>
          <div className="flex flex-col items-end">
            <span className="font-medium text-slate-800" data-testid="signed-in-as">
              {user?.displayName}
            </span>
            {account}
          </div>
          <Button className="text-xs" data-testid="sign-out" onClick={() => void signOut()}>
            {t('signout')}
          </Button>
        </div>
      </div>
      {status === 'failed' && (
        <div role="alert" className="flex flex-wrap items-center gap-3 rounded-lg bg-rose-50 p-3 text-sm text-rose-900 ring-1 ring-rose-200">
          <span>{boardErrorMessage(t, error)}</span>
          <Button onClick={() => void reload()}>{t('board.reload')}</Button>
        </div>
      )}
      {(status === 'loading' || status === 'idle') && (
        <p role="status" className="text-sm text-slate-600">
          {t('board.loading')}
        </p>
      )}
      <QueueTable />
      <AgentTable rowActions={rowActions} />
    </div>
  );
}
