import { useId, useState } from 'react';
import { Button } from '../../components/ui/button';
import type { QueueDto } from '../../contract/queues';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { useRecordings } from '../../stores/recordings-store-context';

/**
 * Shown while the recordings are searched by a queue: 「このキューの録音をすべて180日延長」, which
 * keeps every retained recording of that queue 180 days longer after a confirmation, and says
 * how many were.
 * @remarks The queues offered are the viewer's (a supervisor's groups', an administrator's
 * all), so whoever sees the button may use it; recordings whose retention an administrator
 * ended stay as they are.
 */
export function QueueExtension({ queue, queueId }: { queue: Pick<QueueDto, 'number' | 'nameJa' | 'nameEn'> | undefined; queueId: string }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const extendQueue = useRecordings((state) => state.extendQueue);
  const extending = useRecordings((state) => state.extendingQueue);
  const done = useRecordings((state) => state.queueExtended);
  const [confirming, setConfirming] = useState(false);
  const confirmId = useId();
  const name = queue === undefined ? '' : `${locale === 'ja' ? queue.nameJa : queue.nameEn} (${queue.number})`;

  const confirm = async (): Promise<void> => {
    await extendQueue(queueId);
    setConfirming(false);
  };

  return (
    <div className="flex flex-col gap-2" data-testid="recordings-queue-extension">
      {!confirming ? (
        <div>
          <Button data-testid="recordings-queue-extend" disabled={extending} onClick={() => setConfirming(true)}>
            {t('recording.queueExtension.button')}
          </Button>
        </div>
      ) : (
        <div role="alertdialog" aria-labelledby={confirmId} className="flex flex-wrap items-center gap-3 rounded-lg bg-amber-50 p-3 ring-1 ring-amber-300">
          <p id={confirmId} className="text-sm text-amber-950">
            {t('recording.queueExtension.confirm', { queue: name })}
          </p>
          <div className="flex gap-2">
            <Button tone="primary" data-testid="recordings-queue-extend-confirm" disabled={extending} autoFocus onClick={() => void confirm()}>
              {extending ? t('recording.queueExtension.extending') : t('recording.queueExtension.confirmYes')}
            </Button>
            <Button data-testid="recordings-queue-extend-cancel" onClick={() => setConfirming(false)}>
              {t('recording.queueExtension.cancel')}
            </Button>
          </div>
        </div>
      )}
      <p role="status" className="text-sm text-emerald-800" data-testid="recordings-queue-extended">
        {done?.queueId === queueId ? t('recording.queueExtension.done', { count: done.count }) : ''}
      </p>
    </div>
  );
}
