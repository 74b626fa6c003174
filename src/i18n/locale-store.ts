import { create } from 'zustand';
import { detectLocale, translate, type Locale, type MessageKey, type MessageValues } from './i18n';

interface LocaleState {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
}

const storageKey = 'tsunagu.locale';

function initialLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  return saved === 'ja' || saved === 'en' ? saved : detectLocale();
}

/** The UI language, remembered per browser. */
export const useLocaleStore = create<LocaleState>()((set) => ({
  locale: initialLocale(),
  setLocale(locale) {
    if (typeof localStorage !== 'undefined') localStorage.setItem(storageKey, locale);
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
    set({ locale });
  },
}));

/** The translate function for the current language. */
export function useT(): (key: MessageKey, values?: MessageValues) => string {
  const locale = useLocaleStore((state) => state.locale);
  return (key, values) => translate(locale, key, values);
}
