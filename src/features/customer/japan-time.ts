import type { Locale } from '../../i18n/i18n';

const formats: Record<Locale, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }),
};

/** An instant as a date and time in Japan (Asia/Tokyo), whatever the computer's time zone. */
export function formatJapanDateTime(instant: string, locale: Locale): string {
  return formats[locale].format(new Date(instant));
}
