import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { AgentReasonName, AgentStateName } from '../../contract/events';
import type { QueueDto } from '../../contract/queues';
import type { Locale, MessageKey, MessageValues } from '../../i18n/i18n';
import type { LookupError } from '../../stores/lookup-error';
import { exhaustiveSwitchError } from '../../lib/exhaustive-switch-error';

type Translate = (key: MessageKey, values?: MessageValues) => string;

/** Milliseconds as m:ss, or h:mm:ss from an hour on; negative values (clock skew) count as zero. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

const clockFormats: Record<Locale, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }),
};

/** The time of day in Japan (Asia/Tokyo), whatever the computer's time zone. */
export function formatJapanClock(epochMs: number, locale: Locale): string {
  return clockFormats[locale].format(new Date(epochMs));
}

/** A number for reading: `+81312345678` → `03-1234-5678`; an extension as it is. */
export function displayNumber(number: string): string {
  return number.startsWith('+') ? (parsePhoneNumberFromString(number)?.formatNational() ?? number) : number;
}

/** The state as the board names it: 受付可, 受付停止 (休憩), 通話中, 後処理, オフライン. */
export function boardStateLabel(t: Translate, state: AgentStateName, reason: string | null, reasons: readonly AgentReasonName[], locale: Locale): string {
  switch (state) {
    case 'available':
      return t('board.state.available');
    case 'not-ready': {
      if (reason === null) return t('board.state.notReady');
      const named = reasons.find((candidate) => candidate.code === reason);
      return t('board.state.notReadyReason', { reason: named ? (locale === 'ja' ? named.nameJa : named.nameEn) : reason });
    }
    case 'on-call':
      return t('board.state.onCall');
    case 'after-call-work':
      return t('board.state.afterCallWork');
    case 'offline':
      return t('board.state.offline');
    default:
      return exhaustiveSwitchError(state);
  }
}

/** A queue by its name in the UI's language and its number: 東京窓口 (2001). */
export function queueLabel(t: Translate, number: string, queues: readonly QueueDto[], locale: Locale): string {
  const queue = queues.find((candidate) => candidate.number === number);
  if (!queue) return number;
  return t('board.queue.name', { name: locale === 'ja' ? queue.nameJa : queue.nameEn, number });
}

/** What the board says when its snapshot failed to load. */
export function boardErrorMessage(t: Translate, error: LookupError | undefined): string {
  switch (error?.kind) {
    case 'network':
      return t('board.error.network');
    case 'session-expired':
      return t('board.error.sessionExpired');
    case 'forbidden':
      return t('board.error.forbidden');
    default:
      return t('board.error.service');
  }
}
