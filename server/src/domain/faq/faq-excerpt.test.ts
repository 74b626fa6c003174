import { describe, expect, it } from 'vitest';
import { faqExcerpt } from './faq-excerpt';

describe('faqExcerpt', () => {
  it('turns Markdown into one line of plain text', () => {
    expect(faqExcerpt({ text: '## 手順\n\n1. **ログイン**します\n- [公式](https://example.com)を開く\n> `注意`', atStart: true })).toBe('手順 ログインします 公式を開く 注意');
  });

  it('marks cuts at either end with an ellipsis', () => {
    const excerpt = faqExcerpt({ text: 'あ'.repeat(300), atStart: false });
    expect(excerpt).toBe(`…${'あ'.repeat(120)}…`);
  });
});
