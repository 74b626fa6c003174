import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Locale } from '../../i18n/i18n';

const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }),
};

/** An instant as a date and time in Japan (Asia/Tokyo), whatever the computer's time zone. */
export function formatJapanTime(instant: string, locale: Locale): string {
  return dateTimeFormats[locale].format(new Date(instant));
}

/** Talk time as `m:ss` (or `h:mm:ss` from an hour). */
export function formatDuration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** A stored number for reading: `+81312345678` → `03-1234-5678`; an extension as it is. */
export function displayNumber(number: string): string {
  return number.startsWith('+') ? (parsePhoneNumberFromString(number)?.formatNational() ?? number) : number;
}

/**
 * What the phone dials for a stored number: Japanese numbers in national form without
 * separators (`0312345678`), as the centre's PBX expects; foreign numbers in E.164;
 * extensions as they are.
 */
export function dialString(number: string): string {
  if (!number.startsWith('+')) return number;
  const parsed = parsePhoneNumberFromString(number);
  return parsed?.country === 'JP' ? parsed.formatNational().replace(/\D/gu, '') : number;
}
