import en from './locales/en.json';
import ja from './locales/ja.json';

/** Every translatable key; Japanese is the reference locale. */
export type MessageKey = keyof typeof ja;

/** Supported UI languages. */
export type Locale = 'ja' | 'en';

const catalogs: Record<Locale, Record<MessageKey, string>> = { ja, en };

/** Japanese for Japanese browsers (and by default), English for the rest. */
export function detectLocale(languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages): Locale {
  const first = languages[0]?.toLowerCase() ?? 'ja';
  return first.startsWith('ja') ? 'ja' : first.startsWith('en') ? 'en' : 'ja';
}

/** Values substituted into `{name}` placeholders. */
export type MessageValues = Record<string, string | number>;

/** Translates a key, filling `{placeholders}`; unknown placeholders are left visible. */
export function translate(locale: Locale, key: MessageKey, values: MessageValues = {}): string {
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/** The keys of a catalogue, for the parity test. */
export function catalogKeys(locale: Locale): string[] {
  return Object.keys(catalogs[locale]).sort();
}
