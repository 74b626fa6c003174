import type { Locale } from '../../i18n/i18n';

const clocks: Record<Locale, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false }),
};

/** An instant (epoch ms) as the hour and minute in Japan (`10:32`), whatever the computer's time zone. */
export function formatJapanClock(epochMs: number, locale: Locale): string {
  return clocks[locale].format(new Date(epochMs));
}
