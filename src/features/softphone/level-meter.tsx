import { useEffect, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { usePhone } from '../../stores/phone-store-context';

/** A horizontal level bar, exposed to assistive technology as a meter (0–100). */
export function LevelMeter({ level, label, testId }: { level: number; label: string; testId: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, level)) * 100);
  const colour = percent > 85 ? 'bg-rose-500' : percent > 15 ? 'bg-emerald-500' : 'bg-slate-400';
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid={testId}
      className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <div className={`h-full ${colour} transition-[width] duration-100`} style={{ width: `${percent}%` }} />
    </div>
  );
}

/** The level of the microphone a call sends (silent while muted), following a switched microphone. */
export function CallMicLevel({ callId }: { callId: string }) {
  const t = useT();
  const observeMicLevel = usePhone((state) => state.observeMicLevel);
  const [level, setLevel] = useState(0);
  useEffect(() => observeMicLevel(callId, setLevel), [observeMicLevel, callId]);
  return <LevelMeter level={level} label={t('call.micLevel')} testId="mic-level" />;
}
