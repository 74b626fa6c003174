import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../../src/contract/common';
import { errorResponseSchema } from '../../../../src/contract/errors';
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
  type FaqArticleDetail,
  type FaqArticleDto,
  type FaqCategoryDto,
} from '../../../../src/contract/faq';
import type { FaqArticle, FaqCategory } from '../../domain/faq/faq-article';
import { faqExportCsv } from '../../domain/faq/faq-export-csv';
import { renderFaqMarkdown } from '../../domain/faq/render-faq-markdown';
import type { AppDependencies } from '../app';
import { originOf, requireActor } from '../request-context';
import { withFieldsIn } from './field-location';

const articleParams = z.object({ id: idSchema });

function toCategoryDto(category: FaqCategory): FaqCategoryDto {
  return { id: category.id, name_ja: category.nameJa, name_en: category.nameEn, sortOrder: category.sortOrder, articleCount: category.articleCount };
}

function toArticleDto(article: FaqArticle): FaqArticleDto {
  return {
    id: article.id,
    categoryId: article.categoryId,
    title_ja: article.titleJa,
    body_ja: article.bodyJa,
    title_en: article.titleEn,
    body_en: article.bodyEn,
    tags: [...article.tags],
    version: article.version,
    archived: article.archived,
    updatedBy: article.updatedBy,
    updatedByName: article.updatedByName,
    updatedAt: article.updatedAt.toISOString(),
    createdAt: article.createdAt.toISOString(),
  };
}

function toDetail(article: FaqArticle): FaqArticleDetail {
  return { ...toArticleDto(article), renderedHtml_ja: renderFaqMarkdown(article.bodyJa), renderedHtml_en: renderFaqMarkdown(article.bodyEn) };
}

/**
 * FAQ and manual: search and read (every signed-in user), write, history and export
 * (administrators and supervisors).
 */
export function faqRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/faq/categories',
      {
        schema: {
          tags: ['faq'],
          summary: 'FAQ categories in display order, with their article counts',
          response: { 200: faqCategoryListSchema, 401: errorResponseSchema },
        },
      },
      async (request) => ({ items: (await deps.faq.categories(requireActor(request))).map(toCategoryDto) }),
    );

    app.get(
      '/api/faq/articles',
      {
        schema: {
          tags: ['faq'],
          summary: 'Search FAQ articles (Japanese and English), or list them by category',
          querystring: faqSearchQuerySchema,
          response: { 200: faqSearchResultSchema, 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema },
        },
      },
      async (request) => {
        const q = request.query;
        const found = await deps.faq.search(requireActor(request), {
          q: q.q,
          categoryId: q.categoryId,
          language: q.lang,
          limit: q.limit,
          includeArchived: q.includeArchived === 'true',
        });
        return {
          items: found.hits.map((hit) => ({
            id: hit.id,
            categoryId: hit.categoryId,
            language: hit.language,
            title: hit.title,
            excerpt: hit.excerpt,
            title_ja: hit.titleJa,
            title_en: hit.titleEn,
            tags: [...hit.tags],
            version: hit.version,
            archived: hit.archived,
            updatedAt: hit.updatedAt.toISOString(),
            score: hit.score,
          })),
          hasMore: found.hasMore,
        };
      },
    );

    app.get(
      '/api/faq/articles/:id',
      {
        schema: {
          tags: ['faq'],
          summary: 'An FAQ article with its Markdown rendered to safe HTML',
          params: articleParams,
          response: { 200: faqArticleDetailSchema, 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request) => toDetail(await deps.faq.read(requireActor(request), request.params.id)),
    );

    app.post(
      '/api/faq/articles',
      {
        schema: {
          tags: ['faq'],
          summary: 'Create an FAQ article (version 1)',
          body: faqArticleCreateSchema,
          response: { 201: faqArticleDetailSchema, 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const article = await withFieldsIn('body', () =>
          deps.faq.create(requireActor(request), originOf(request), {
            categoryId: body.categoryId,
            titleJa: body.title_ja,
            bodyJa: body.body_ja,
            titleEn: body.title_en,
            bodyEn: body.body_en,
            tags: body.tags,
            changeSummary: body.changeSummary,
          }),
        );
        return reply.status(201).send(toDetail(article));
      },
    );

    app.patch(
      '/api/faq/articles/:id',
      {
        schema: {
          tags: ['faq'],
          summary: 'Change an FAQ article; 409 when it was saved by someone else since expectedVersion',
          params: articleParams,
          body: faqArticlePatchSchema,
          response: {
            200: faqArticleDetailSchema,
            400: errorResponseSchema,
            401: errorResponseSchema,
            403: errorResponseSchema,
            404: errorResponseSchema,
            409: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const body = request.body;
        const article = await withFieldsIn('body', () =>
          deps.faq.update(requireActor(request), originOf(request), request.params.id, {
            expectedVersion: body.expectedVersion,
            categoryId: body.categoryId,
            titleJa: body.title_ja,
            bodyJa: body.body_ja,
            titleEn: body.title_en,
            bodyEn: body.body_en,
            tags: body.tags,
            archived: body.archived,
            changeSummary: body.changeSummary,
          }),
        );
        return toDetail(article);
      },
    );

    app.get(
      '/api/faq/articles/:id/versions',
      {
        schema: {
          tags: ['faq'],
          summary: 'Every version of an FAQ article, newest first: who, when, what changed',
          params: articleParams,
          response: { 200: faqArticleVersionListSchema, 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request) => ({
        items: (await deps.faq.versions(requireActor(request), request.params.id)).map((version) => ({
          version: version.version,
          changedBy: version.changedBy,
          changedByName: version.changedByName,
          changedAt: version.changedAt.toISOString(),
          changedFields: [...version.changedFields],
          changeSummary: version.changeSummary,
          categoryId: version.categoryId,
          title_ja: version.titleJa,
          body_ja: version.bodyJa,
          title_en: version.titleEn,
          body_en: version.bodyEn,
          tags: [...version.tags],
          archived: version.archived,
        })),
      }),
    );

    app.get(
      '/api/faq/export',
      {
        schema: {
          tags: ['faq'],
          summary: 'Export the current FAQ set: JSON, or ?format=csv (UTF-8 with BOM, for Excel)',
          querystring: faqExportQuerySchema,
          response: {
            200: {
              description: 'The current set',
              content: { 'application/json': { schema: faqExportSchema }, 'text/csv': { schema: z.string().describe('UTF-8 with BOM, CRLF, one row per article') } },
            },
            400: errorResponseSchema,
            401: errorResponseSchema,
            403: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const format = request.query.format;
        const exported = await deps.faq.exportCurrent(requireActor(request), originOf(request), format);
        const stamp = exported.exportedAt.toISOString().replace(/[-:]/gu, '').slice(0, 13);
        void reply.header('content-disposition', `attachment; filename="faq-${stamp}.${format}"`);
        if (format === 'csv') {
          return reply.header('content-type', 'text/csv; charset=utf-8').send(faqExportCsv(exported.articles, exported.categories));
        }
        return {
          exportedAt: exported.exportedAt.toISOString(),
          categories: exported.categories.map(toCategoryDto),
          articles: exported.articles.map(toArticleDto),
        };
      },
    );
  };
}
