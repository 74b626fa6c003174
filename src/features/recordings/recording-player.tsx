import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/ui/button';
import type { RecordingDetail } from '../../contract/recordings';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { isPendingDeletion, recordingAudioUrl } from '../../stores/recordings-store';
import { useRecordings, useRecordingsStore } from '../../stores/recordings-store-context';
import { useSession } from '../../stores/session-store-context';
import { EndRetentionDialog } from './end-retention-dialog';
import { formatJapanDate, formatJapanDateTime, formatLength } from './recording-format';
import { Waveform } from './waveform';

/** How often the player asks about a recording waiting for the retention job (削除待ち). */
const pendingRefreshMs = 5_000;

/**
 * The player of one recording: the browser's `<audio>` on the service's audio (seeking uses
 * HTTP Range), the waveform with the play position and the pauses, the download link, and the
 * retention: its date (保存期限) with 延長 (+180 days) after a confirmation, and for
 * administrators 保存期間を終了… (an erasure request) after which it shows 削除待ち until the
 * retention job deletes it.
 */
export function RecordingPlayer({ recording }: { recording: RecordingDetail }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const store = useRecordingsStore();
  const extend = useRecordings((state) => state.extend);
  const extending = useRecordings((state) => state.extending);
  const close = useRecordings((state) => state.close);
  const refresh = useRecordings((state) => state.refresh);
  const administrator = useSession((state) => state.user?.role === 'administrator');
  const audio = useRef<HTMLAudioElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const endButton = useRef<HTMLSpanElement>(null);
  const pendingNote = useRef<HTMLSpanElement>(null);
  const [positionMs, setPositionMs] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [extended, setExtended] = useState(false);
  const [endingDialog, setEndingDialog] = useState(false);
  const [ended, setEnded] = useState(false);
  const pending = isPendingDeletion(recording);
  const durationMs = recording.durationMs ?? 0;
  const when = formatJapanDateTime(recording.startedAt, locale);

  // Opened (the view keys the player by recording): the focus goes to it.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  // 削除待ち: ask again every few seconds, so the player says so once the retention job has deleted it.
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void refresh(), pendingRefreshMs);
    return () => clearInterval(timer);
  }, [pending, refresh]);

  const seek = (ms: number): void => {
    setPositionMs(ms);
    if (audio.current !== null) audio.current.currentTime = ms / 1000;
  };
  const confirmExtend = async (): Promise<void> => {
    await extend();
    setConfirming(false);
    setExtended(store.getState().error === undefined);
  };
  const closeEndDialog = (accepted: boolean): void => {
    setEndingDialog(false);
    setEnded(accepted);
    // Back to the opener, or to the 削除待ち note when the button has gone.
    requestAnimationFrame(() => (accepted ? pendingNote.current : endButton.current?.querySelector('button'))?.focus());
  };

  return (
    <section aria-labelledby="recording-player-title" data-testid="recording-player" data-recording-id={recording.id} className="flex flex-col gap-3 rounded-xl bg-white p-4 ring-1 ring-slate-200">
      <div className="flex items-center justify-between gap-2">
        <h3 id="recording-player-title" ref={heading} tabIndex={-1} className="font-semibold text-slate-900">
          {t('recording.player.label', { when })}
        </h3>
        <Button className="text-xs" data-testid="recording-player-close" onClick={close}>
          {t('recording.player.close')}
        </Button>
      </div>
      {recording.status === 'deleted' ? (
        <p role="status" data-testid="recording-deleted" className="rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-800">
          {t('recording.retention.deletedNotice')}
        </p>
      ) : (
        <>
          <audio
            ref={audio}
            controls
            preload="metadata"
            aria-label={t('recording.player.audio')}
            data-testid="recording-audio"
            src={recordingAudioUrl(recording.id)}
            onTimeUpdate={(event) => setPositionMs(event.currentTarget.currentTime * 1000)}
            className="w-full"
          />
          {recording.peaks === null ? (
            <p className="text-sm text-slate-600">{t('recording.player.noPeaks')}</p>
          ) : (
            <Waveform
              peaks={recording.peaks}
              durationMs={durationMs}
              positionMs={positionMs}
              pauses={recording.pauses}
              label={t('recording.player.waveform')}
              valueText={t('recording.player.position', { position: formatLength(positionMs), duration: formatLength(durationMs) })}
              pauseLabel={(pause) => t('recording.player.paused', { from: formatLength(pause.startMs), to: formatLength(pause.endMs ?? durationMs) })}
              onSeek={seek}
            />
          )}
          <p className="text-sm tabular-nums text-slate-700" data-testid="recording-position">
            {t('recording.player.position', { position: formatLength(positionMs), duration: formatLength(durationMs) })}
          </p>
          {recording.pauses.length > 0 && (
            <ul className="text-sm text-amber-900" data-testid="recording-pauses">
              {recording.pauses.map((pause) => (
                <li key={pause.startMs}>{t('recording.player.paused', { from: formatLength(pause.startMs), to: formatLength(pause.endMs ?? durationMs) })}</li>
              ))}
            </ul>
          )}
        </>
      )}
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {recording.status !== 'deleted' && (
          <a href={recordingAudioUrl(recording.id, true)} download data-testid="recording-download" className="rounded-lg px-3 py-2 font-medium text-indigo-700 underline ring-1 ring-slate-300 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500">
            {t('recording.player.download')}
          </a>
        )}
        <span data-testid="recording-retention" data-retain-until={recording.retainUntil}>
          {t('recording.retention.until', { date: formatJapanDate(recording.retainUntil, locale) })}
        </span>
        {pending && (
          <span ref={pendingNote} tabIndex={-1} className="flex items-center gap-2">
            <span data-testid="recording-pending-deletion" className="rounded-full bg-rose-100 px-2 py-0.5 text-xs font-semibold text-rose-900 ring-1 ring-rose-300">
              {t('recording.retention.pending')}
            </span>
            <span className="text-slate-700">{t('recording.retention.pendingHint')}</span>
          </span>
        )}
        {pending || recording.status === 'deleted' ? null : !confirming ? (
          <Button data-testid="recording-extend" disabled={extending} onClick={() => setConfirming(true)}>
            {t('recording.retention.extend')}
          </Button>
        ) : (
          <div role="group" aria-label={t('recording.retention.confirm')} className="flex flex-wrap items-center gap-2">
            <span>{t('recording.retention.confirm')}</span>
            <Button tone="primary" data-testid="recording-extend-confirm" disabled={extending} autoFocus onClick={() => void confirmExtend()}>
              {t('recording.retention.confirmYes')}
            </Button>
            <Button data-testid="recording-extend-cancel" onClick={() => setConfirming(false)}>
              {t('recording.retention.cancel')}
            </Button>
          </div>
        )}
        {administrator && !pending && recording.status !== 'deleted' && (
          <span ref={endButton}>
            <Button tone="danger" aria-haspopup="dialog" data-testid="recording-end-retention" onClick={() => setEndingDialog(true)}>
              {t('recording.retention.end')}
            </Button>
          </span>
        )}
      </div>
      <p role="status" className="text-sm text-emerald-800">
        {ended ? t('recording.retention.ended') : extended ? t('recording.retention.extended') : ''}
      </p>
      {endingDialog && <EndRetentionDialog onClose={closeEndDialog} />}
    </section>
  );
}
