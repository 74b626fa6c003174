import { useStore } from 'zustand';
import { Button } from '../../components/ui/button';
import type { MonitoringMode } from '../../contract/monitoring';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/locale-store';
import type { BoardAgent } from '../../stores/board-store';
import type { EndedMonitoring } from '../../stores/monitoring-store';
import { useMonitoringStore } from '../../stores/monitoring-store-context';

const modes: readonly MonitoringMode[] = ['listen', 'whisper', 'barge'];
const modeKeys: Record<MonitoringMode, MessageKey> = { listen: 'monitoring.mode.listen', whisper: 'monitoring.mode.whisper', barge: 'monitoring.mode.barge' };
const endedKeys: Record<EndedMonitoring['reason'], MessageKey> = {
  'service-restart': 'monitoring.ended.service-restart',
  'service-stopped': 'monitoring.ended.service-stopped',
  'call-ended': 'monitoring.ended.call-ended',
  stopped: 'monitoring.ended.stopped',
  unknown: 'monitoring.ended.unknown',
};

/** Whether the agent is talking on a call now (answered, possibly on hold): something to listen to. */
function isTalking(agent: BoardAgent): boolean {
  const call = agent.calls.at(-1);
  return call !== undefined && call.answeredAt !== null && (call.phase === 'answered' || call.phase === 'held' || call.phase === 'resumed');
}

/**
 * Listen / whisper / barge for one agent on the supervisor board (the board's row actions).
 * @remarks While nobody is monitored, a talking agent's row offers モニタリング; the monitored
 * agent's row offers the three modes as toggle buttons (the pressed one is the current mode)
 * and 終了. The audio plays in this browser; the mixing happens on the server. A session that
 * ended by itself (the call ended, the CTI service restarted) is told in the row, with
 * もう一度モニタリング while the agent is still talking.
 */
export function MonitoringControls({ agent }: { agent: BoardAgent }) {
  const t = useT();
  const store = useMonitoringStore();
  const status = useStore(store, (state) => state.status);
  const session = useStore(store, (state) => state.session);
  const error = useStore(store, (state) => (state.agentId === agent.agentId ? state.error : undefined));
  const start = useStore(store, (state) => state.start);
  const setMode = useStore(store, (state) => state.setMode);
  const stop = useStore(store, (state) => state.stop);
  const dismiss = useStore(store, (state) => state.dismiss);
  const ended = useStore(store, (state) => (state.ended?.agentId === agent.agentId ? state.ended : undefined));
  const name = agent.displayName;
  const errorText = error === undefined ? null : <span role="alert" className="ml-2 text-xs text-rose-700">{t(`monitoring.error.${error.kind}`)}</span>;
  const endedText =
    ended === undefined ? null : (
      <span role="status" className="ml-2 inline-flex items-center gap-1 text-xs text-amber-800" data-testid="monitoring-ended" data-reason={ended.reason}>
        {t(endedKeys[ended.reason])}
        <Button className="px-2 py-1 text-xs" aria-label={t('monitoring.ended.dismiss')} onClick={dismiss}>
          ×
        </Button>
      </span>
    );

  if (session?.agentId === agent.agentId) {
    const busy = status !== 'active';
    return (
      <span role="group" aria-label={t('monitoring.group', { name })} className="inline-flex items-center gap-1">
        {modes.map((mode) => (
          <Button key={mode} className="px-2 py-1 text-xs" aria-pressed={session.mode === mode} disabled={busy} onClick={() => void setMode(mode)}>
            {t(modeKeys[mode])}
          </Button>
        ))}
        <Button tone="danger" className="px-2 py-1 text-xs" disabled={busy} onClick={() => void stop()}>
          {t('monitoring.stop')}
        </Button>
        {errorText}
      </span>
    );
  }
  if (!isTalking(agent)) {
    return endedText === null && errorText === null ? null : (
      <span className="inline-flex items-center">
        {endedText}
        {errorText}
      </span>
    );
  }
  return (
    <span className="inline-flex items-center">
      <Button className="px-2 py-1 text-xs" disabled={status !== 'idle'} aria-label={t(ended === undefined ? 'monitoring.start' : 'monitoring.restart', { name })} onClick={() => void start(agent.agentId, 'listen')}>
        {status === 'starting' && store.getState().agentId === agent.agentId ? t('monitoring.starting') : t(ended === undefined ? 'monitoring.mode.listen' : 'monitoring.again')}
      </Button>
      {endedText}
      {errorText}
    </span>
  );
}
