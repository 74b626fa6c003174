import { http, HttpResponse } from 'msw';
import { z } from 'zod';
import { idSchema } from '../../contract/common';
import {
  faqArticleCreateSchema,
  faqArticleDetailSchema,
  faqArticlePatchSchema,
  faqArticleVersionListSchema,
  faqCategoryListSchema,
  faqExportQuerySchema,
  faqExportSchema,
  faqSearchQuerySchema,
  faqSearchResultSchema,
} from '../../contract/faq';
import { auditBy } from './mock-audit';
import { mockDatabase } from './mock-database';
import { articleDetail, mockFaq } from './mock-faq';
import { contractResponse, readBody, readParams, readQuery, signedInSession } from './mock-http';
import { answerRefusals } from './mock-refusal';

const articleParams = z.object({ id: idSchema });

/**
 * `/api/faq/*`: search (every word, either language, width, case and kana folded, title
 * matches first) and read for every signed-in user of any group; create, update with versions
 * and 409 on a stale one, history and JSON/CSV export for administrators and supervisors.
 */
export const faqHandlers = [
  http.get('/api/faq/categories', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    return contractResponse(faqCategoryListSchema, { items: mockFaq.listCategories() });
  }),

  http.get('/api/faq/articles', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const query = readQuery(request, faqSearchQuerySchema);
    if (!query.ok) return query.response;
    const { includeArchived, ...search } = query.value;
    return answerRefusals('querystring', () => contractResponse(faqSearchResultSchema, mockFaq.search(signedIn.account, { ...search, includeArchived: includeArchived === 'true' })));
  }),

  http.get('/api/faq/articles/:id', ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, articleParams);
    if (!param.ok) return param.response;
    return answerRefusals('querystring', () => contractResponse(faqArticleDetailSchema, articleDetail(mockFaq.read(param.value.id))));
  }),

  http.post('/api/faq/articles', async ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const body = await readBody(request, faqArticleCreateSchema);
    if (!body.ok) return body.response;
    return answerRefusals('body', () => {
      const article = mockFaq.create(signedIn.account, body.value, mockDatabase.now());
      auditBy(signedIn.account, 'create', 'faq-article', article.id, { version: article.version });
      return contractResponse(faqArticleDetailSchema, articleDetail(article), { status: 201 });
    });
  }),

  http.patch('/api/faq/articles/:id', async ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, articleParams);
    if (!param.ok) return param.response;
    const body = await readBody(request, faqArticlePatchSchema);
    if (!body.ok) return body.response;
    return answerRefusals('body', () => {
      const { article, changedFields } = mockFaq.update(signedIn.account, param.value.id, body.value, mockDatabase.now());
      if (changedFields.length > 0) auditBy(signedIn.account, 'update', 'faq-article', article.id, { version: article.version, changedFields: [...changedFields] });
      return contractResponse(faqArticleDetailSchema, articleDetail(article));
    });
  }),

  http.get('/api/faq/articles/:id/versions', ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, articleParams);
    if (!param.ok) return param.response;
    return answerRefusals('querystring', () => contractResponse(faqArticleVersionListSchema, { items: mockFaq.listVersions(signedIn.account, param.value.id) }));
  }),

  http.get('/api/faq/export', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const query = readQuery(request, faqExportQuerySchema);
    if (!query.ok) return query.response;
    const { format } = query.value;
    return answerRefusals('querystring', () => {
      const exportedAt = new Date(mockDatabase.now()).toISOString();
      const disposition = `attachment; filename="faq-${exportedAt.replace(/[-:]/gu, '').slice(0, 13)}.${format}"`;
      const body = format === 'csv' ? mockFaq.exportCsv(signedIn.account) : { exportedAt, ...mockFaq.exportCurrent(signedIn.account) };
      auditBy(signedIn.account, 'export', 'faq-article', null, { format });
      if (typeof body === 'string') return new HttpResponse(body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition } });
      return contractResponse(faqExportSchema, body, { headers: { 'content-disposition': disposition } });
    });
  }),
];
