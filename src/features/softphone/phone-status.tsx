import { useEffect, useState } from 'react';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/locale-store';
import { exhaustiveSwitchError } from '../../lib/exhaustive-switch-error';
import { usePhone } from '../../stores/phone-store-context';
import type { PhoneFailure, PhoneState } from '../../telephony';

const dotColour: Record<PhoneState['name'], string> = {
  idle: 'bg-slate-400',
  connecting: 'bg-amber-400 animate-pulse',
  registering: 'bg-amber-400 animate-pulse',
  registered: 'bg-emerald-500',
  reconnecting: 'bg-amber-500 animate-pulse',
  unregistered: 'bg-slate-400',
  failed: 'bg-rose-600',
};

function failureMessage(failure: PhoneFailure): { key: MessageKey; values: Record<string, string | number> } {
  switch (failure.kind) {
    case 'auth':
      return { key: 'failure.auth', values: { status: failure.status } };
    case 'registrar':
      return { key: 'failure.registrar', values: { status: failure.status, reason: failure.reason } };
    case 'transport':
      return { key: 'failure.transport', values: { message: failure.message } };
    case 'config':
      return { key: 'failure.config', values: { message: failure.message } };
    default:
      return exhaustiveSwitchError(failure);
  }
}

function useSecondsUntil(time: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (time === undefined) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [time]);
  return time === undefined ? 0 : Math.max(0, Math.ceil((time - now) / 1000));
}

/** Registration state: a coloured dot, a word, and why when something is wrong. */
export function PhoneStatus() {
  const t = useT();
  const registration = usePhone((state) => state.registration);
  const seconds = useSecondsUntil(registration.name === 'reconnecting' ? registration.retryAt : undefined);
  const failure = registration.name === 'failed' ? registration.failure : registration.name === 'reconnecting' ? registration.cause : undefined;
  const detail = failure ? failureMessage(failure) : undefined;
  return (
    <div role="status" aria-live="polite" data-testid="phone-status" data-state={registration.name} className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-full ${dotColour[registration.name]}`} />
        <span className="text-sm font-medium text-slate-800">{t(`status.${registration.name}`, { seconds })}</span>
      </div>
      {detail && (
        <p data-testid="phone-status-detail" className="text-xs text-rose-700">
          {t(detail.key, detail.values)}
        </p>
      )}
    </div>
  );
}
