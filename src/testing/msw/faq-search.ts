import type { FaqLanguage } from '../../contract/faq';
import { foldForSearch } from './japanese-text';

/** More words than this add nothing a person types into a search box. */
const maxTerms = 8;
/** Characters of body kept around the first match, for the excerpt. */
const windowLength = 300;
/** How far before the match the window starts, so the excerpt shows some context. */
const windowLead = 40;
/** Characters of an excerpt: two lines of a narrow panel beside the call. */
const excerptLength = 120;

/** The searchable parts of an article. */
export interface FaqSearchable {
  readonly title_ja: string;
  readonly title_en: string;
  readonly body_ja: string;
  readonly body_en: string;
  readonly tags: readonly string[];
}

/**
 * The words of a search box: split at half- and full-width spaces, without repeats, at most
 * eight. Japanese is typed without spaces, so 住所変更 is one word, matched as a substring.
 */
export function faqSearchTerms(query: string | undefined): string[] {
  if (!query) return [];
  return [...new Set(query.split(/[\s\u3000]+/u).filter((word) => word.length > 0))].slice(0, maxTerms);
}

/** True when every term occurs, folded, somewhere in the article (titles, tags, bodies, both languages). */
export function faqMatches(article: FaqSearchable, terms: readonly string[]): boolean {
  const text = foldForSearch(`${article.title_ja}\n${article.title_en}\n${article.tags.join(' ')}\n${article.body_ja}\n${article.body_en}`);
  return terms.every((term) => text.includes(foldForSearch(term)));
}

/**
 * Relevance of a match, as the service ranks it: per term 3 for a hit in the reader's-language
 * title, 2.5 in the other title, 1.5 in a tag, 0 in the body only, averaged over the terms;
 * plus the trigram similarity of the query to the reader's title, so of equal matches the
 * shorter, more specific title comes first.
 */
export function faqScore(article: FaqSearchable, terms: readonly string[], language: FaqLanguage): number {
  const [ownTitle, otherTitle] = (language === 'en' ? [article.title_en, article.title_ja] : [article.title_ja, article.title_en]).map(foldForSearch);
  const tags = foldForSearch(article.tags.join(' '));
  const perTerm = terms.map((term): number => {
    const folded = foldForSearch(term);
    if (ownTitle?.includes(folded)) return 3;
    if (otherTitle?.includes(folded)) return 2.5;
    return tags.includes(folded) ? 1.5 : 0;
  });
  return perTerm.reduce((sum, score) => sum + score, 0) / terms.length + trigramSimilarity(foldForSearch(terms.join(' ')), ownTitle ?? '');
}

/**
 * pg_trgm's `similarity`: the share of trigrams two texts have in common, each word padded
 * with two spaces before and one after.
 */
export function trigramSimilarity(a: string, b: string): number {
  const mine = trigrams(a);
  const theirs = trigrams(b);
  let shared = 0;
  for (const trigram of mine) if (theirs.has(trigram)) shared += 1;
  const union = mine.size + theirs.size - shared;
  return union === 0 ? 0 : shared / union;
}

function trigrams(text: string): Set<string> {
  const found = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = [' ', ' ', ...Array.from(word), ' '];
    for (let index = 0; index + 3 <= padded.length; index += 1) found.add(padded.slice(index, index + 3).join(''));
  }
  return found;
}

/**
 * A plain-text excerpt of `body` near the first occurrence of the longest term (or its start):
 * Markdown dropped, whitespace collapsed, cut with an ellipsis, `…` in front when it does not
 * begin at the start. Empty for an empty body.
 */
export function faqExcerpt(body: string, terms: readonly string[]): string {
  const anchor = [...terms].sort((x, y) => y.length - x.length)[0] ?? '';
  const found = anchor === '' ? -1 : foldForSearch(body).indexOf(foldForSearch(anchor));
  const from = Math.max(found - windowLead, 0);
  const text = body
    .slice(from, from + windowLength)
    .replace(/!\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/<[^>]*>/gu, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gmu, '')
    .replace(/[*_~`|]+/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  const cut = text.length > excerptLength ? `${text.slice(0, excerptLength).trimEnd()}…` : text;
  return from > 0 && cut.length > 0 ? `…${cut}` : cut;
}
