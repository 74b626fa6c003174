import { describe, expect, it } from 'vitest';
import { allFaqFields, changedFaqFields, cleanFaqTags, type FaqContent } from './faq-article';

const content: FaqContent = { categoryId: 'c1', titleJa: '題名', bodyJa: '本文', titleEn: '', bodyEn: '', tags: ['a', 'b'], archived: false };

describe('changedFaqFields', () => {
  it('lists the fields that differ, by their API names, in a fixed order', () => {
    expect(changedFaqFields(content, content)).toEqual([]);
    expect(changedFaqFields(content, { ...content, archived: true, titleJa: '新しい題名', bodyEn: 'Body' })).toEqual(['title_ja', 'body_en', 'archived']);
    expect(changedFaqFields(content, { ...content, categoryId: 'c2' })).toEqual(['categoryId']);
  });

  it('treats tags as an ordered list', () => {
    expect(changedFaqFields(content, { ...content, tags: ['a', 'b'] })).toEqual([]);
    expect(changedFaqFields(content, { ...content, tags: ['b', 'a'] })).toEqual(['tags']);
    expect(changedFaqFields(content, { ...content, tags: ['a'] })).toEqual(['tags']);
  });

  it('names every field for a first version', () => {
    expect(allFaqFields).toEqual(['categoryId', 'title_ja', 'body_ja', 'title_en', 'body_en', 'tags', 'archived']);
  });
});

describe('cleanFaqTags', () => {
  it('trims, drops blanks and repeats, keeps the order', () => {
    expect(cleanFaqTags([' 料金 ', '', '請求', '料金', '  '])).toEqual(['料金', '請求']);
  });
});
