import en from './locales/en.json';
import boardEn from './locales/features/board.en.json';
import boardJa from './locales/features/board.ja.json';
import comfortEn from './locales/features/comfort.en.json';
import comfortJa from './locales/features/comfort.ja.json';
import customerEn from './locales/features/customer.en.json';
import customerJa from './locales/features/customer.ja.json';
import deskEn from './locales/features/desk.en.json';
import deskJa from './locales/features/desk.ja.json';
import faqEn from './locales/features/faq.en.json';
import faqJa from './locales/features/faq.ja.json';
import monitoringEn from './locales/features/monitoring.en.json';
import monitoringJa from './locales/features/monitoring.ja.json';
import recordEn from './locales/features/record.en.json';
import recordJa from './locales/features/record.ja.json';
import recordingEn from './locales/features/recording.en.json';
import recordingJa from './locales/features/recording.ja.json';
import ja from './locales/ja.json';

/**
 * The Japanese catalogue: the shell's messages plus one file per feature of the agent desktop
 * and the supervisor board (`locales/features/<feature>.<locale>.json`, keys prefixed with the
 * feature's name).
 */
const japanese = { ...ja, ...deskJa, ...recordJa, ...customerJa, ...faqJa, ...comfortJa, ...boardJa, ...monitoringJa, ...recordingJa };
const english = { ...en, ...deskEn, ...recordEn, ...customerEn, ...faqEn, ...comfortEn, ...boardEn, ...monitoringEn, ...recordingEn };

/** Every translatable key; Japanese is the reference locale. */
export type MessageKey = keyof typeof japanese;

/** Supported UI languages. */
export type Locale = 'ja' | 'en';

const catalogs: Record<Locale, Record<MessageKey, string>> = { ja: japanese, en: english };

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
