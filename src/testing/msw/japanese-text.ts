/** Hiragana that have a katakana twin 0x60 code points above (ぁ–ゖ, ゝ, ゞ). */
const hiragana = /[\u3041-\u3096\u309d\u309e]/gu;
/** Katakana that have a hiragana twin 0x60 code points below (ァ–ヶ, ヽ, ヾ). */
const katakana = /[\u30a1-\u30f6\u30fd\u30fe]/gu;

const shifted = (offset: number) => (kana: string) => String.fromCodePoint((kana.codePointAt(0) ?? 0) + offset);

/**
 * `text` after NFKC (half-width ｶﾅ and full-width ＡＢＣ become ordinary), its hiragana turned
 * into katakana: the form フリガナ are kept in.
 */
export function toKatakana(text: string): string {
  return text.normalize('NFKC').replace(hiragana, shifted(0x60));
}

/**
 * The forms of a customer search term: as typed and in katakana, NFKC, spaces dropped (the
 * searched text has none either, so 山田太郎 finds 山田 太郎).
 */
export function customerSearchForms(term: string): string[] {
  const typed = term.normalize('NFKC').replace(/\s+/gu, '');
  const inKatakana = toKatakana(typed);
  return typed === inKatakana ? [typed] : [typed, inKatakana];
}

/**
 * Text folded for FAQ search: NFKC, lower case, katakana as hiragana, so width, case and
 * kana script do not matter (ﾊﾟｽﾜｰﾄﾞ, パスワード and ぱすわーど are one word).
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(katakana, shifted(-0x60));
}
