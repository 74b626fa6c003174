import type { FaqArticleDetail, FaqArticleDto, FaqArticleVersionDto, FaqCategoryDto, FaqField, FaqLanguage, FaqSearchHit } from '../../contract/faq';
import { byteOrderMark, quotedCell } from './csv-text';
import { buildDemoFaq } from './demo-faq';
import { demoAccounts, type DemoAccount } from './demo-directory';
import { renderFaqMarkdown } from './faq-markdown';
import { faqExcerpt, faqMatches, faqScore, faqSearchTerms } from './faq-search';
import { requireRole } from './mock-access';
import { mockDatabase } from './mock-database';
import { MockRefusal } from './mock-refusal';

/** A section of the FAQ. */
export interface MockFaqCategory {
  readonly id: string;
  readonly name_ja: string;
  readonly name_en: string;
  readonly sortOrder: number;
}

/** What an editor writes; the keys are the names of `changedFields`. */
export interface MockFaqContent {
  readonly categoryId: string;
  readonly title_ja: string;
  readonly body_ja: string;
  readonly title_en: string;
  readonly body_en: string;
  readonly tags: readonly string[];
  readonly archived: boolean;
}

/** An article as the mock keeps it; times in milliseconds. */
export interface MockFaqArticle extends MockFaqContent {
  readonly id: string;
  readonly version: number;
  readonly updatedBy: string | null;
  readonly updatedAt: number;
  readonly createdAt: number;
}

/** One saved version of an article. */
export interface MockFaqVersion extends MockFaqContent {
  readonly articleId: string;
  readonly version: number;
  readonly changedBy: string | null;
  readonly changedAt: number;
  readonly changedFields: readonly FaqField[];
  readonly changeSummary: string;
}

/** Everything the FAQ module holds; what a reset loads. */
export interface MockFaqData {
  readonly categories: readonly MockFaqCategory[];
  readonly articles: readonly MockFaqArticle[];
  readonly versions: readonly MockFaqVersion[];
}

/** A search from the agent's panel or the maintenance screen, as the contract delivers it. */
export interface MockFaqSearch {
  readonly q?: string | undefined;
  readonly categoryId?: string | undefined;
  readonly lang: FaqLanguage;
  readonly limit: number;
  readonly includeArchived: boolean;
}

/** A new article, or changes to one, with the editor's note for the history. */
export type MockFaqDraft = Omit<MockFaqContent, 'archived'> & { readonly changeSummary?: string | undefined };
export type MockFaqPatch = Partial<MockFaqContent> & { readonly expectedVersion: number; readonly changeSummary?: string | undefined };

/** Who maintains the FAQ; everyone else of the tenant reads it. */
const editors = ['administrator', 'supervisor'] as const;
/** The content fields in the order `changedFields` lists them. */
const contentFields: readonly FaqField[] = ['categoryId', 'title_ja', 'body_ja', 'title_en', 'body_en', 'tags', 'archived'];
const csvHeader = ['id', 'category_ja', 'category_en', 'title_ja', 'body_ja', 'title_en', 'body_en', 'tags', 'version', 'updated_at', 'updated_by'];

/**
 * The FAQ and manual (FAQ・マニュアル) of the mock service, with the service's rules.
 *
 * @remarks
 * Articles are tenant-wide knowledge, not personal data: every signed-in user searches and
 * reads them, in any group. Administrators and supervisors write, see the history and
 * export; each save is a version with who, when and which fields changed, and a save from an
 * old version is refused (409) instead of overwriting.
 */
export class MockFaq {
  private categories: readonly MockFaqCategory[] = [];
  private readonly articles = new Map<string, MockFaqArticle>();
  private versions: MockFaqVersion[] = [];

  /** Replaces every category, article and version (a reset, the demo data). */
  load(data: MockFaqData): void {
    this.categories = [...data.categories].sort((a, b) => a.sortOrder - b.sortOrder || a.name_ja.localeCompare(b.name_ja, 'ja'));
    this.articles.clear();
    for (const article of data.articles) this.articles.set(article.id, article);
    this.versions = [...data.versions];
  }

  /** Categories in display order, each with its current (not archived) article count. */
  listCategories(): FaqCategoryDto[] {
    const current = [...this.articles.values()].filter((article) => !article.archived);
    return this.categories.map((category) => ({ ...category, articleCount: current.filter((article) => article.categoryId === category.id).length }));
  }

  /**
   * Articles holding every word of `q` in either language, best first; without `q`, by
   * category and most recently updated. `hasMore` when more match than `limit`.
   */
  search(account: DemoAccount, search: MockFaqSearch): { items: FaqSearchHit[]; hasMore: boolean } {
    if (search.includeArchived) requireRole(account, ...editors);
    const terms = faqSearchTerms(search.q);
    const candidates = [...this.articles.values()].filter(
      (article) => (search.includeArchived || !article.archived) && (search.categoryId === undefined || article.categoryId === search.categoryId) && faqMatches(article, terms),
    );
    const scored = candidates.map((article) => ({ article, score: terms.length === 0 ? null : faqScore(article, terms, search.lang) }));
    const byNewestThenId = (a: MockFaqArticle, b: MockFaqArticle) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    scored.sort((a, b) => (a.score !== null && b.score !== null ? b.score - a.score : this.sortOrderOf(a.article) - this.sortOrderOf(b.article)) || byNewestThenId(a.article, b.article));
    return {
      items: scored.slice(0, search.limit).map(({ article, score }) => hitOf(article, score, terms, search.lang)),
      hasMore: scored.length > search.limit,
    };
  }

  /** One article, archived or not; 404 otherwise. */
  read(id: string): MockFaqArticle {
    const article = this.articles.get(id);
    if (!article) throw MockRefusal.notFound('FAQ article');
    return article;
  }

  /** Creates an article as version 1, every field listed as changed. */
  create(account: DemoAccount, draft: MockFaqDraft, now: number): MockFaqArticle {
    requireRole(account, ...editors);
    this.requireCategory(draft.categoryId);
    const { changeSummary, ...content } = draft;
    const article: MockFaqArticle = { ...content, tags: cleanTags(content.tags), archived: false, id: crypto.randomUUID(), version: 1, updatedBy: account.id, updatedAt: now, createdAt: now };
    this.articles.set(article.id, article);
    this.versions.push(versionOf(article, contentFields, changeSummary));
    return article;
  }

  /**
   * Applies the fields given when nobody saved since `expectedVersion`; a patch that changes
   * nothing writes nothing and keeps the version.
   */
  update(account: DemoAccount, id: string, patch: MockFaqPatch, now: number): { article: MockFaqArticle; changedFields: readonly FaqField[] } {
    requireRole(account, ...editors);
    if (patch.categoryId !== undefined) this.requireCategory(patch.categoryId);
    const current = this.read(id);
    if (current.version !== patch.expectedVersion) {
      throw new MockRefusal(
        'conflict',
        `the article was saved by someone else since version ${patch.expectedVersion} (now version ${current.version}); reload it and apply your changes again`,
      );
    }
    const { expectedVersion: _expected, changeSummary, ...given } = patch;
    const after: MockFaqContent = { ...contentOf(current), ...definedOnly(given), ...(given.tags === undefined ? {} : { tags: cleanTags(given.tags) }) };
    const changed = contentFields.filter((field) => !sameValue(contentOf(current)[field], after[field]));
    if (changed.length === 0) return { article: current, changedFields: [] };
    const saved: MockFaqArticle = { ...current, ...after, version: current.version + 1, updatedBy: account.id, updatedAt: now };
    this.articles.set(id, saved);
    this.versions.push(versionOf(saved, changed, changeSummary));
    return { article: saved, changedFields: changed };
  }

  /** Every version of an article, newest first (editors); 404 for no such article. */
  listVersions(account: DemoAccount, id: string): FaqArticleVersionDto[] {
    requireRole(account, ...editors);
    const versions = this.versions.filter((version) => version.articleId === id).sort((a, b) => b.version - a.version);
    if (versions.length === 0) throw MockRefusal.notFound('FAQ article');
    return versions.map(({ articleId: _article, changedAt, changedFields, tags, ...version }) => ({
      ...version,
      tags: [...tags],
      changedFields: [...changedFields],
      changedAt: new Date(changedAt).toISOString(),
      changedByName: nameOf(version.changedBy),
    }));
  }

  /** The current set (editors): every article not archived, by category and title. */
  exportCurrent(account: DemoAccount): { categories: FaqCategoryDto[]; articles: FaqArticleDto[] } {
    requireRole(account, ...editors);
    const articles = [...this.articles.values()]
      .filter((article) => !article.archived)
      .sort((a, b) => this.sortOrderOf(a) - this.sortOrderOf(b) || a.title_ja.localeCompare(b.title_ja, 'ja') || (a.id < b.id ? -1 : 1));
    return { categories: this.listCategories(), articles: articles.map(articleDto) };
  }

  /**
   * The current set as the service's CSV for Excel: byte-order mark, CRLF, every cell quoted,
   * both languages, tags joined by commas.
   */
  exportCsv(account: DemoAccount): string {
    const { categories, articles } = this.exportCurrent(account);
    const rows = articles.map((article) => {
      const category = categories.find((candidate) => candidate.id === article.categoryId);
      return [
        article.id,
        category?.name_ja ?? '',
        category?.name_en ?? '',
        article.title_ja,
        article.body_ja,
        article.title_en,
        article.body_en,
        article.tags.join(', '),
        String(article.version),
        article.updatedAt,
        article.updatedByName ?? '',
      ];
    });
    return `${byteOrderMark}${[csvHeader, ...rows].map((row) => row.map(quotedCell).join(',')).join('\r\n')}\r\n`;
  }

  private sortOrderOf(article: MockFaqArticle): number {
    return this.categories.find((category) => category.id === article.categoryId)?.sortOrder ?? Number.MAX_SAFE_INTEGER;
  }

  private requireCategory(categoryId: string): void {
    if (!this.categories.some((category) => category.id === categoryId)) throw MockRefusal.invalid([{ path: 'categoryId', message: 'unknown category' }]);
  }
}

/** The FAQ the handlers share: the demo's, afresh after every reset. */
export const mockFaq = new MockFaq();
const loadDemoFaq = () => mockFaq.load(buildDemoFaq(mockDatabase.now()));
loadDemoFaq();
mockDatabase.onReset(loadDemoFaq);

/** The contract's view of an article. */
export function articleDto(article: MockFaqArticle): FaqArticleDto {
  return {
    id: article.id,
    categoryId: article.categoryId,
    title_ja: article.title_ja,
    body_ja: article.body_ja,
    title_en: article.title_en,
    body_en: article.body_en,
    tags: [...article.tags],
    version: article.version,
    archived: article.archived,
    updatedBy: article.updatedBy,
    updatedByName: nameOf(article.updatedBy),
    updatedAt: new Date(article.updatedAt).toISOString(),
    createdAt: new Date(article.createdAt).toISOString(),
  };
}

/** The article with both bodies rendered to safe HTML. */
export function articleDetail(article: MockFaqArticle): FaqArticleDetail {
  return { ...articleDto(article), renderedHtml_ja: renderFaqMarkdown(article.body_ja), renderedHtml_en: renderFaqMarkdown(article.body_en) };
}

function hitOf(article: MockFaqArticle, score: number | null, terms: readonly string[], preferred: FaqLanguage): FaqSearchHit {
  const language: FaqLanguage = preferred === 'en' && article.title_en !== '' ? 'en' : 'ja';
  const [own, other] = language === 'en' ? [article.body_en, article.body_ja] : [article.body_ja, article.body_en];
  return {
    id: article.id,
    categoryId: article.categoryId,
    language,
    title: language === 'en' ? article.title_en : article.title_ja,
    excerpt: faqExcerpt(own.trim() !== '' ? own : other, terms),
    title_ja: article.title_ja,
    title_en: article.title_en,
    tags: [...article.tags],
    version: article.version,
    archived: article.archived,
    updatedAt: new Date(article.updatedAt).toISOString(),
    score: score === null ? null : Math.round(score * 1000) / 1000,
  };
}

function contentOf(article: MockFaqArticle): MockFaqContent {
  const { categoryId, title_ja, body_ja, title_en, body_en, tags, archived } = article;
  return { categoryId, title_ja, body_ja, title_en, body_en, tags, archived };
}

function versionOf(article: MockFaqArticle, changedFields: readonly FaqField[], changeSummary: string | undefined): MockFaqVersion {
  return { ...contentOf(article), articleId: article.id, version: article.version, changedBy: article.updatedBy, changedAt: article.updatedAt, changedFields, changeSummary: changeSummary ?? '' };
}

/** Tags as an editor meant them: trimmed, without blanks or repeats, in their order. */
function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag.length > 0))];
}

/** Tags compare as an ordered list: reordering them is a change. */
function sameValue(a: MockFaqContent[keyof MockFaqContent], b: MockFaqContent[keyof MockFaqContent]): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((tag, index) => tag === b[index]);
  return a === b;
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function nameOf(userId: string | null): string | null {
  return demoAccounts.find((account) => account.id === userId)?.displayName ?? null;
}
