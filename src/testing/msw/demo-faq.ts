import type { FaqField } from '../../contract/faq';
import { demoArchivedFaqArticle, demoFaqArticles, demoFaqSections, type DemoFaqArticle } from './demo-faq-articles';
import { demoAccount } from './demo-directory';
import type { MockFaqArticle, MockFaqCategory, MockFaqContent, MockFaqData, MockFaqVersion } from './mock-faq';
import { demoId } from './seeded-random';
import { startOfTokyoDay, tokyoDay } from './tokyo-time';

/** One save in an article's demo history: who, how many days after the first, and what the article said then. */
interface DemoSave {
  readonly by: string;
  readonly daysLater: number;
  readonly summary: string;
  /** The fields as they were before later saves changed them (nothing for the current text). */
  readonly then?: Partial<MockFaqContent>;
}

const fieldOrder: readonly FaqField[] = ['categoryId', 'title_ja', 'body_ja', 'title_en', 'body_en', 'tags', 'archived'];
const dayMs = 24 * 3600_000;

/** The demo FAQ's ids, for tests and demos that need a particular article. */
export const demoFaqIds = {
  category: (section: (typeof demoFaqSections)[number]['key']) => demoId('fa9c', demoFaqSections.findIndex((candidate) => candidate.key === section) + 1),
  /** パスワードを忘れた場合の再設定: three versions. */
  passwordReset: demoId('fa9a', 1),
  /** 領収書の発行: Japanese only. */
  receipts: demoId('fa9a', 10),
  /** 解約の手続きと解約金: two versions. */
  cancellation: demoId('fa9a', 14),
  /** 【旧】FAXでの住所変更受付: archived. */
  archived: demoId('fa9a', demoFaqArticles.length + 1),
} as const;

/** Earlier versions of some articles, oldest first; every other article has one version by the administrator. */
function historyOf(id: string): readonly DemoSave[] {
  switch (id) {
    case demoFaqIds.passwordReset:
      return [
        { by: 'admin', daysLater: 0, summary: '', then: { title_ja: 'パスワードの再設定方法', tags: ['パスワード', 'ログイン'] } },
        { by: 'sv1', daysLater: 4, summary: 'タイトルをお客様の言葉に合わせた', then: { tags: ['パスワード', 'ログイン'] } },
        { by: 'sv2', daysLater: 9, summary: 'タグ「マイページ」を追加' },
      ];
    case demoFaqIds.cancellation:
      return [
        { by: 'admin', daysLater: 0, summary: '', then: { body_ja: demoFaqArticles[13]?.body_ja.replace('1,100円', '1,000円') ?? '', body_en: demoFaqArticles[13]?.body_en.replace('¥1,100', '¥1,000') ?? '' } },
        { by: 'sv1', daysLater: 6, summary: '解約金の改定（4月から）' },
      ];
    case demoFaqIds.archived:
      return [
        { by: 'admin', daysLater: 0, summary: '', then: { archived: false } },
        { by: 'sv1', daysLater: 12, summary: 'FAX受付の終了に伴い公開停止' },
      ];
    default:
      return [{ by: 'admin', daysLater: 0, summary: '' }];
  }
}

/**
 * The demo FAQ: six sections, 31 current articles (a few in Japanese only) and one archived; some
 * with several versions by the administrator and the supervisors.
 * @remarks Deterministic: the same articles, ids and histories on every reset; only the
 * dates follow `now` (everything written over the last seven weeks).
 */
export function buildDemoFaq(now: number): MockFaqData {
  const today = startOfTokyoDay(tokyoDay(now));
  const categories: MockFaqCategory[] = demoFaqSections.map((section, index) => ({
    id: demoId('fa9c', index + 1),
    name_ja: section.name_ja,
    name_en: section.name_en,
    sortOrder: (index + 1) * 10,
  }));
  const articles: MockFaqArticle[] = [];
  const versions: MockFaqVersion[] = [];

  const written: readonly (readonly [DemoFaqArticle, boolean])[] = [...demoFaqArticles.map((article) => [article, false] as const), [demoArchivedFaqArticle, true]];
  written.forEach(([article, archived], index) => {
    const id = demoId('fa9a', index + 1);
    const current: MockFaqContent = {
      categoryId: demoFaqIds.category(article.section),
      title_ja: article.title_ja,
      body_ja: article.body_ja,
      title_en: article.title_en,
      body_en: article.body_en,
      tags: article.tags,
      archived,
    };
    const createdAt = today - (48 - index) * dayMs + 10 * 3600_000 + index * 7 * 60_000;
    let previous: MockFaqContent | undefined;
    for (const [number, save] of historyOf(id).entries()) {
      const content: MockFaqContent = { ...current, ...save.then };
      const changedFields = previous === undefined ? fieldOrder : fieldOrder.filter((field) => JSON.stringify(previous?.[field]) !== JSON.stringify(content[field]));
      versions.push({ ...content, articleId: id, version: number + 1, changedBy: demoAccount(save.by).id, changedAt: createdAt + save.daysLater * dayMs, changedFields, changeSummary: save.summary });
      previous = content;
    }
    const last = versions.at(-1);
    if (last === undefined) throw new Error(`no history for demo article ${id}`);
    articles.push({ ...current, id, version: last.version, updatedBy: last.changedBy, updatedAt: last.changedAt, createdAt });
  });
  return { categories, articles, versions };
}
