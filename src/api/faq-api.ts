import {
  faqArticleDetailSchema,
  faqArticleVersionListSchema,
  faqCategoryListSchema,
  faqExportSchema,
  faqSearchResultSchema,
  type FaqArticleCreate,
  type FaqArticleDetail,
  type FaqArticlePatch,
  type FaqArticleVersionDto,
  type FaqCategoryDto,
  type FaqExport,
  type FaqSearchQuery,
  type FaqSearchResult,
} from '../contract/faq';
import type { ApiClient, RequestOptions } from './api-client';
import type { ApiResult } from './api-error';
import type { DownloadedFile } from './downloaded-file';

/** An FAQ search; `limit` (1–50) defaults to 20, `includeArchived` is for editors. */
export type FaqSearch = Omit<FaqSearchQuery, 'limit' | 'includeArchived'> & { readonly limit?: number; readonly includeArchived?: boolean };

/**
 * FAQ and manual (FAQ・マニュアル, `/api/faq/*`): every signed-in user searches and reads;
 * administrators and supervisors write, read the history and export.
 */
export class FaqApi {
  constructor(private readonly client: ApiClient) {}

  /** GET /api/faq/categories: categories in display order with their current article counts. */
  async listFaqCategories(): Promise<ApiResult<readonly FaqCategoryDto[]>> {
    const result = await this.client.get('/faq/categories', faqCategoryListSchema);
    return result.ok ? { ok: true, value: result.value.items } : result;
  }

  /**
   * GET /api/faq/articles: articles holding every word of `q` in either language (width,
   * case and kana folded), title matches first; without `q`, by category.
   * @remarks `hasMore` says the agent should type more. `lang` picks each hit's language.
   * `options.signal` cancels a search the agent has typed past.
   */
  searchFaqArticles(search: FaqSearch = {}, options: RequestOptions = {}): Promise<ApiResult<FaqSearchResult>> {
    return this.client.get('/faq/articles', faqSearchResultSchema, { ...search }, options);
  }

  /** GET /api/faq/articles/:id: the article with its Markdown rendered to safe HTML. */
  getFaqArticle(id: string): Promise<ApiResult<FaqArticleDetail>> {
    return this.client.get(`/faq/articles/${encodeURIComponent(id)}`, faqArticleDetailSchema);
  }

  /** POST /api/faq/articles: a new article, version 1 (editors; 400 on `body.categoryId` for an unknown one). */
  createFaqArticle(article: FaqArticleCreate): Promise<ApiResult<FaqArticleDetail>> {
    return this.client.send('POST', '/faq/articles', faqArticleDetailSchema, article);
  }

  /**
   * PATCH /api/faq/articles/:id: changes the fields given (editors).
   * @remarks 409 `conflict` when someone saved since `expectedVersion`; a patch that changes
   * nothing keeps the version. `archived: true` withdraws the article from search.
   */
  updateFaqArticle(id: string, patch: FaqArticlePatch): Promise<ApiResult<FaqArticleDetail>> {
    return this.client.send('PATCH', `/faq/articles/${encodeURIComponent(id)}`, faqArticleDetailSchema, patch);
  }

  /** GET /api/faq/articles/:id/versions: every version, newest first (editors). */
  async listFaqArticleVersions(id: string): Promise<ApiResult<readonly FaqArticleVersionDto[]>> {
    const result = await this.client.get(`/faq/articles/${encodeURIComponent(id)}/versions`, faqArticleVersionListSchema);
    return result.ok ? { ok: true, value: result.value.items } : result;
  }

  /** GET /api/faq/export: the current set (archived articles left out) with its categories, as JSON (editors). */
  exportFaq(): Promise<ApiResult<FaqExport>> {
    return this.client.get('/faq/export', faqExportSchema, { format: 'json' });
  }

  /** GET /api/faq/export?format=csv: the current set as CSV for Excel, one row per article (editors). */
  exportFaqCsv(): Promise<ApiResult<DownloadedFile>> {
    return this.client.download('/faq/export', 'text/csv', 'faq.csv', { format: 'csv' });
  }
}
