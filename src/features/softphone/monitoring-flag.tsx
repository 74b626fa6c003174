import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/locale-store';
import type { MonitoringMode } from '../../contract/monitoring';
import type { MonitoringFlagStore } from '../../stores/monitoring-flag-store';
import { useOptionalMonitoringFlagStore } from '../../stores/monitoring-flag-store-context';

const flagKey: Record<MonitoringMode, MessageKey> = {
  listen: 'monitoring.flag.listen',
  whisper: 'monitoring.flag.whisper',
  barge: 'monitoring.flag.barge',
};

/**
 * The agent's monitoring flag (モニタリング中 / ささやき中 / 割り込み中) on a connected call,
 * only where the tenant's policy tells agents they are monitored; nothing otherwise.
 * @remarks Shows nothing where no monitoring-flag store is provided.
 */
export function MonitoringFlag({ sipCallId }: { sipCallId: string }) {
  const store = useOptionalMonitoringFlagStore();
  return store === undefined ? null : <MonitoringFlagOf store={store} sipCallId={sipCallId} />;
}

function MonitoringFlagOf({ store, sipCallId }: { store: MonitoringFlagStore; sipCallId: string }) {
  const t = useT();
  const mode = useStore(store, (state) => state.modes[sipCallId]);
  const watch = useStore(store, (state) => state.watch);
  useEffect(() => watch(sipCallId), [watch, sipCallId]);
  if (mode === undefined) return null;
  return (
    <p role="status" aria-label={t('monitoring.flag.label')} data-testid="monitoring-flag" data-mode={mode} className="rounded-full border border-violet-300 bg-violet-50 px-2 py-0.5 text-sm font-medium text-violet-900">
      {t(flagKey[mode])}
    </p>
  );
}
