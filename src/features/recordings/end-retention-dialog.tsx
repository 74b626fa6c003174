import { useEffect, useId, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { Button } from '../../components/ui/button';
import { onModalKeyDown } from '../../components/ui/modal-keys';
import { maxRetentionEndReasonLength } from '../../contract/recordings';
import { useT } from '../../i18n/locale-store';
import { useRecordings } from '../../stores/recordings-store-context';


/**
 * An administrator ends the opened recording's retention (a customer's erasure request,
 * 消去請求; a contract ending): a modal dialog that asks why and says that the recording is
 * deleted at the retention job's next run.
 * @remarks Focus moves to the reason and stays in the dialog (Tab and Shift+Tab wrap); Escape
 * or キャンセル closes it. `onClose(true)` once the service accepted the end.
 */
export function EndRetentionDialog({ onClose }: { onClose: (ended: boolean) => void }) {
  const t = useT();
  const endRetention = useRecordings((state) => state.endRetention);
  const ending = useRecordings((state) => state.endingRetention);
  const error = useRecordings((state) => state.error);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const headingId = useId();
  const introId = useId();
  const reasonId = useId();
  const hintId = useId();
  const problemId = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    reasonField.current?.focus();
  }, []);

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      reasonField.current?.focus();
      return;
    }
    setTried(true);
    if (await endRetention(reason.trim())) onClose(true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => onModalKeyDown(event, () => onClose(false));

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" onMouseDown={(event) => event.target === event.currentTarget && onClose(false)}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        aria-describedby={introId}
        data-testid="recording-end-retention-dialog"
        onKeyDown={onKeyDown}
        className="flex w-full max-w-lg flex-col gap-4 rounded-2xl bg-white p-6 shadow-2xl"
      >
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          {t('recording.retention.endTitle')}
        </h2>
        <p id={introId} className="text-sm text-slate-700">
          {t('recording.retention.endIntro')}
        </p>
        <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3" noValidate>
          <label htmlFor={reasonId} className="text-sm font-medium text-slate-800">
            {t('recording.retention.endReason')}
          </label>
          <textarea
            ref={reasonField}
            id={reasonId}
            data-testid="recording-end-retention-reason"
            required
            rows={3}
            maxLength={maxRetentionEndReasonLength}
            aria-invalid={missing}
            aria-describedby={`${hintId}${missing ? ` ${problemId}` : ''}`}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              if (event.target.value.trim() !== '') setMissing(false);
            }}
            className="rounded-lg border border-slate-300 px-2 py-1.5 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
          />
          <p id={hintId} className="flex justify-between gap-2 text-xs text-slate-600">
            <span>{t('recording.retention.endReasonHint')}</span>
            <span className="tabular-nums">{t('recording.retention.endReasonCount', { count: reason.length })}</span>
          </p>
          {missing && (
            <p id={problemId} role="alert" className="text-sm text-rose-800">
              {t('recording.retention.endReasonRequired')}
            </p>
          )}
          {tried && !ending && error !== undefined && (
            <p role="alert" className="text-sm text-rose-800">
              {t(`recording.view.error.${error}`)}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button data-testid="recording-end-retention-cancel" onClick={() => onClose(false)}>
              {t('recording.retention.endCancel')}
            </Button>
            <Button tone="danger" type="submit" data-testid="recording-end-retention-confirm" disabled={ending}>
              {ending ? t('recording.retention.ending') : t('recording.retention.endConfirm')}
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}
