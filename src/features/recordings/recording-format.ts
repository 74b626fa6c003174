import type { Locale } from '../../i18n/i18n';

const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
};

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'short', day: 'numeric' }),
};

/** An instant in Japan time, to the minute. */
export function formatJapanDateTime(iso: string, locale: Locale): string {
  return dateTimeFormats[locale].format(new Date(iso));
}

/** A day in Japan time. */
export function formatJapanDate(iso: string, locale: Locale): string {
  return dateFormats[locale].format(new Date(iso));
}

/** A length as `m:ss` (`h:mm:ss` from an hour). */
export function formatLength(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** The instant a Japan-time calendar day (`YYYY-MM-DD` of a date input) starts, or the next one starts (`end`). */
export function japanDayBoundary(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const start = new Date(`${day}T00:00:00+09:00`);
  if (Number.isNaN(start.getTime())) return undefined;
  return new Date(start.getTime() + (end ? 24 * 3600 * 1000 : 0)).toISOString();
}
