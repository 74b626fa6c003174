import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/ui/button';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/locale-store';
import type { CallRecordingFlag, RecordingStore } from '../../stores/recording-store';
import { useOptionalRecordingStore } from '../../stores/recording-store-context';

const flagKey: Record<CallRecordingFlag['status'], MessageKey> = {
  unknown: 'recording.flag.unknown',
  recording: 'recording.flag.recording',
  paused: 'recording.flag.paused',
  none: 'recording.flag.none',
};

const flagTone: Record<CallRecordingFlag['status'], string> = {
  unknown: 'border-slate-300 bg-slate-50 text-slate-600',
  recording: 'border-red-300 bg-red-50 text-red-800',
  paused: 'border-amber-300 bg-amber-50 text-amber-900',
  none: 'border-slate-300 bg-slate-50 text-slate-700',
};

/**
 * The call's server-side recording flag (録音中 / 一時停止中 / 録音なし) and, where the queue's
 * policy allows, the pause/resume button (e.g. while the customer reads a card number).
 * @remarks Shows nothing where no recording store is provided.
 */
export function RecordingFlag({ sipCallId }: { sipCallId: string }) {
  const store = useOptionalRecordingStore();
  return store === undefined ? null : <RecordingFlagOf store={store} sipCallId={sipCallId} />;
}

const unknownFlag: CallRecordingFlag = { status: 'unknown', pauseAllowed: false, pending: false, error: undefined };

function RecordingFlagOf({ store, sipCallId }: { store: RecordingStore; sipCallId: string }) {
  const t = useT();
  const flag = useStore(store, (state) => state.flags[sipCallId]) ?? unknownFlag;
  const load = useStore(store, (state) => state.load);
  const setPaused = useStore(store, (state) => state.setPaused);
  const forget = useStore(store, (state) => state.forget);
  useEffect(() => {
    void load(sipCallId);
    return () => forget(sipCallId);
  }, [load, forget, sipCallId]);
  const paused = flag.status === 'paused';
  const canPause = flag.pauseAllowed && (flag.status === 'recording' || paused);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <p role="status" aria-label={t('recording.flag.label')} data-testid="recording-flag" data-status={flag.status} className={`rounded-full border px-2 py-0.5 text-sm font-medium ${flagTone[flag.status]}`}>
        {flag.status === 'recording' && <span aria-hidden="true">● </span>}
        {t(flagKey[flag.status])}
      </p>
      {canPause && (
        <Button aria-pressed={paused} disabled={flag.pending} data-testid="recording-pause" onClick={() => void setPaused(sipCallId, !paused)}>
          {paused ? t('recording.resume') : t('recording.pause')}
        </Button>
      )}
      {flag.error !== undefined && (
        <p role="alert" className="text-sm text-red-700" data-testid="recording-error">
          {t(`recording.error.${flag.error}`)}
        </p>
      )}
    </div>
  );
}
