/**
 * Katakana for the hiragana in `text`, after NFKC (half-width ｶﾅ become full-width).
 * @remarks フリガナ are stored in katakana; searching in either script finds them.
 */
export function toKatakana(text: string): string {
  return text.normalize('NFKC').replace(/[\u3041-\u3096\u309d\u309e]/gu, (hiragana) => String.fromCodePoint((hiragana.codePointAt(0) ?? 0) + 0x60));
}

/**
 * The forms of a search term to look for: as typed (NFKC, spaces dropped) and in katakana.
 * @remarks The stored search text has its spaces dropped too, so `山田太郎` finds `山田 太郎`.
 */
export function searchForms(term: string): string[] {
  const typed = term.normalize('NFKC').replace(/\s+/gu, '');
  const katakana = toKatakana(typed);
  return typed === katakana ? [typed] : [typed, katakana];
}

