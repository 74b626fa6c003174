import { describe, expect, it } from 'vitest';
import { faqExcerpt, faqMatches, faqSearchTerms, trigramSimilarity } from './faq-search';
import { customerSearchForms, foldForSearch, toKatakana } from './japanese-text';

const article = { title_ja: 'パスワードの再設定', title_en: 'Password reset', body_ja: '## 手順\n1. **ログイン画面**を開く', body_en: '', tags: ['ログイン'] };

describe('FAQ search text', () => {
  it('folds width, case and kana', () => {
    expect(foldForSearch('ﾊﾟｽﾜｰﾄﾞ ＰＡＳＳ')).toBe('ぱすわーど pass');
    expect(toKatakana('やまだ ﾀﾛｳ')).toBe('ヤマダ タロウ');
    expect(customerSearchForms('やまだ 太郎')).toEqual(['やまだ太郎', 'ヤマダ太郎']);
  });

  it('splits the query at any space, without repeats, at most eight words', () => {
    expect(faqSearchTerms(' 住所変更\u3000書類  住所変更 ')).toEqual(['住所変更', '書類']);
    expect(faqSearchTerms('a b c d e f g h i j')).toHaveLength(8);
    expect(faqSearchTerms(undefined)).toEqual([]);
  });

  it('needs every word somewhere in the article', () => {
    expect(faqMatches(article, ['ぱすわーど', 'ログイン'])).toBe(true);
    expect(faqMatches(article, ['password', 'RESET'])).toBe(true);
    expect(faqMatches(article, ['パスワード', '解約'])).toBe(false);
  });

  it('measures trigram similarity like pg_trgm', () => {
    expect(trigramSimilarity('word', 'word')).toBe(1);
    // PostgreSQL's own example: similarity('word', 'two words') = 0.363636.
    expect(trigramSimilarity('word', 'two words')).toBeCloseTo(4 / 11);
    expect(trigramSimilarity('', '')).toBe(0);
  });

  it('cuts a plain-text excerpt around the longest word', () => {
    expect(faqExcerpt(article.body_ja, [])).toBe('手順 ログイン画面を開く');
    const long = `${'前置き。'.repeat(30)}ここに**住所変更**の説明。`;
    expect(faqExcerpt(long, ['説明', '住所変更'])).toMatch(/^….*住所変更の説明。$/);
  });
});
