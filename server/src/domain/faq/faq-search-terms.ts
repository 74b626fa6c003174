/** More words than this add nothing a person types into a search box. */
const maxTerms = 8;

/**
 * The words of a search box: split at spaces (half- or full-width), without repeats.
 * @remarks Japanese is typed without spaces, so a term such as 住所変更 is matched as a
 * substring; width, case and katakana/hiragana are folded by the database on both sides.
 */
export function faqSearchTerms(query: string | undefined): string[] {
  if (!query) return [];
  const words = query.split(/[\s\u3000]+/u).filter((word) => word.length > 0);
  return [...new Set(words)].slice(0, maxTerms);
}
