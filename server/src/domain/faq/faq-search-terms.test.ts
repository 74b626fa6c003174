import { describe, expect, it } from 'vitest';
import { faqSearchTerms } from './faq-search-terms';

describe('faqSearchTerms', () => {
  it('splits at half- and full-width spaces, without repeats', () => {
    expect(faqSearchTerms(' マイナンバーカード　更新  更新 ')).toEqual(['マイナンバーカード', '更新']);
    expect(faqSearchTerms('password reset')).toEqual(['password', 'reset']);
  });

  it('keeps a Japanese phrase whole and ignores an empty box', () => {
    expect(faqSearchTerms('住所変更の期限')).toEqual(['住所変更の期限']);
    expect(faqSearchTerms('')).toEqual([]);
    expect(faqSearchTerms(undefined)).toEqual([]);
  });

  it('takes at most eight words', () => {
    expect(faqSearchTerms('a b c d e f g h i j')).toHaveLength(8);
  });
});
