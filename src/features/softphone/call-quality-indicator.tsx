import { useId } from 'react';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/locale-store';
import { usePhone } from '../../stores/phone-store-context';
import type { CallQualityRating } from '../../telephony';

const ratingKey: Record<CallQualityRating, MessageKey> = { good: 'call.quality.good', fair: 'call.quality.fair', poor: 'call.quality.poor' };
const ratingColour: Record<CallQualityRating | 'measuring', string> = {
  good: 'bg-emerald-500',
  fair: 'bg-amber-400',
  poor: 'bg-rose-600',
  measuring: 'bg-slate-300',
};

/**
 * Good / fair / poor from the estimated MOS, with the figures in a tooltip (hover or keyboard focus).
 * @remarks `data-mos` carries the estimate with two decimals for tests and support staff.
 */
export function CallQualityIndicator({ callId }: { callId: string }) {
  const t = useT();
  const tooltipId = useId();
  const quality = usePhone((state) => state.quality[callId]);
  const rating = quality?.rating ?? 'measuring';
  const word = quality ? t(ratingKey[quality.rating]) : t('call.quality.measuring');
  const detail = quality
    ? t('call.quality.detail', {
        mos: quality.mos.toFixed(1),
        rtt: Math.round(quality.rttMs),
        jitter: Math.round(quality.jitterMs),
        loss: (quality.lossFraction * 100).toFixed(1),
      })
    : undefined;
  return (
    <span className="group relative inline-flex">
      <span
        tabIndex={0}
        data-testid="call-quality"
        data-rating={rating}
        data-mos={quality ? quality.mos.toFixed(2) : undefined}
        aria-describedby={detail ? tooltipId : undefined}
        className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${ratingColour[rating]}`} />
        {t('call.quality.label')}: {word}
      </span>
      {detail && (
        <span
          role="tooltip"
          id={tooltipId}
          className="invisible absolute left-0 top-full z-10 mt-1 w-64 rounded-md bg-slate-900 px-2 py-1 text-xs text-white opacity-0 shadow-lg group-hover:visible group-hover:opacity-100 group-focus-within:visible group-focus-within:opacity-100"
        >
          {detail}
        </span>
      )}
    </span>
  );
}
