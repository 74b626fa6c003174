import { Button } from '../../components/ui/button';
import { useT } from '../../i18n/locale-store';
import { exhaustiveSwitchError } from '../../lib/exhaustive-switch-error';
import type { PhoneNotice } from '../../stores/phone-store';
import { usePhone } from '../../stores/phone-store-context';
import { endReasonMessage } from './end-reason-message';

function useNoticeText(): (notice: PhoneNotice) => string {
  const t = useT();
  return (notice) => {
    switch (notice.kind) {
      case 'call-ended': {
        const { key, values } = endReasonMessage(notice.reason);
        return t(key, values);
      }
      case 'busy-rejected':
        return t('notice.busyRejected', { caller: notice.caller });
      case 'hold-failed':
        return t('notice.holdFailed', { status: notice.status ?? '—' });
      case 'command-failed':
        return t('error.command', { message: notice.message });
      case 'transfer': {
        const target = userOf(notice.outcome.target);
        if (notice.outcome.kind === 'accepted') return t('notice.transferAccepted', { remote: notice.remote, target });
        return t('notice.transferFailed', { target, status: notice.outcome.status ?? '—' });
      }
      case 'consultation-ended': {
        const values = { target: notice.target, customer: notice.customer };
        if (!notice.resumed) return t('notice.consultation.stillHeld', values);
        if (notice.reason.kind === 'rejected' || notice.reason.kind === 'failed') {
          const { key, values: reasonValues } = endReasonMessage(notice.reason);
          return t('notice.consultation.refused', { ...values, reason: t(key, reasonValues) });
        }
        return t('notice.consultation.resumed', values);
      }
      case 'device-failed':
        return t(notice.device === 'microphone' ? 'notice.deviceFailed.microphone' : 'notice.deviceFailed.speaker', { message: notice.message });
      default:
        return exhaustiveSwitchError(notice);
    }
  };
}

/** The user part of a SIP URI (`sip:1003@example` → `1003`), as agents dial it. */
function userOf(uri: string): string {
  return /^sips?:([^@]+)@/.exec(uri)?.[1] ?? uri;
}

/** Why the last call ended and other messages, until dismissed. */
export function PhoneNotices() {
  const t = useT();
  const notices = usePhone((state) => state.notices);
  const dismiss = usePhone((state) => state.dismissNotice);
  const text = useNoticeText();
  if (notices.length === 0) return null;
  return (
    <ul className="flex flex-col gap-2" aria-live="polite">
      {notices.map((notice) => (
        <li key={notice.id} data-testid="phone-notice" data-kind={notice.kind} data-outcome={notice.kind === 'transfer' ? notice.outcome.kind : notice.kind === 'consultation-ended' ? notice.reason.kind : undefined} className="flex items-center justify-between gap-2 rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-800">
          <span>{text(notice)}</span>
          <Button className="px-2 py-1 text-xs" onClick={() => dismiss(notice.id)}>
            {t('notice.dismiss')}
          </Button>
        </li>
      ))}
    </ul>
  );
}
