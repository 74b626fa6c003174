import { useLocaleStore, useT } from '../../i18n/locale-store';
import { useQueueName } from '../../stores/queue-store-context';

/**
 * The queue a call came through: 「キュー: 東京窓口 (2001)」, or the number alone while the
 * queue's name is unknown. Nothing for a call not routed through a queue.
 */
export function QueueLabel({ number, testId }: { number: string | undefined; testId: string }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const queue = useQueueName(number);
  if (number === undefined) return null;
  const name = queue === undefined ? undefined : locale === 'ja' ? queue.nameJa : queue.nameEn;
  const label = name === undefined ? number : t('call.queue.named', { name, number });
  return (
    <p className="text-sm font-medium text-sky-800" data-testid={testId} data-queue-number={number}>
      {t('call.queue', { queue: label })}
    </p>
  );
}
