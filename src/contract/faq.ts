import { z } from 'zod';
import { idSchema, instantSchema } from './common';

/**
 * FAQ and manual (FAQ・マニュアル): tenant-wide articles in Japanese (required) and English
 * (optional), written in Markdown.
 * @remarks Localised fields carry the language as a suffix (`title_ja`, `renderedHtml_en`).
 * Every signed-in user reads; administrators and supervisors write, see the history and export.
 */

export const faqLanguageSchema = z.enum(['ja', 'en']);
export type FaqLanguage = z.infer<typeof faqLanguageSchema>;

/** Limits of an article, shared by the form and the service. */
export const faqLimits = { title: 200, body: 50_000, tags: 20, tag: 30, changeSummary: 500, searchQuery: 200, searchLimit: 50 } as const;

/** The fields of an article a version can change (the names of `changedFields`). */
export const faqFieldSchema = z.enum(['categoryId', 'title_ja', 'body_ja', 'title_en', 'body_en', 'tags', 'archived']);
export type FaqField = z.infer<typeof faqFieldSchema>;

/** A section articles are filed under, with how many current articles it holds. */
export const faqCategorySchema = z.object({
  id: idSchema,
  name_ja: z.string(),
  name_en: z.string(),
  sortOrder: z.number().int(),
  articleCount: z.number().int(),
});
export type FaqCategoryDto = z.infer<typeof faqCategorySchema>;

/** GET /api/faq/categories */
export const faqCategoryListSchema = z.object({ items: z.array(faqCategorySchema) });
export type FaqCategoryList = z.infer<typeof faqCategoryListSchema>;

const titleJaSchema = z.string().trim().min(1, 'required').max(faqLimits.title, `at most ${faqLimits.title} characters`);
const titleEnSchema = z.string().trim().max(faqLimits.title, `at most ${faqLimits.title} characters`);
// Markdown is kept as typed: leading spaces can mean an indented code block.
const bodyJaSchema = z
  .string()
  .max(faqLimits.body, `at most ${faqLimits.body} characters`)
  .refine((body) => body.trim().length > 0, 'required');
const bodyEnSchema = z.string().max(faqLimits.body, `at most ${faqLimits.body} characters`);
/** Tags are free words; commas separate them in the CSV export, so they may not hold one. */
const tagSchema = z
  .string()
  .trim()
  .min(1, 'empty tag')
  .max(faqLimits.tag, `at most ${faqLimits.tag} characters`)
  .regex(/^[^,\p{Cc}]*$/u, 'no commas or control characters');
const tagsSchema = z.array(tagSchema).max(faqLimits.tags, `at most ${faqLimits.tags} tags`);
const changeSummarySchema = z.string().trim().max(faqLimits.changeSummary, `at most ${faqLimits.changeSummary} characters`);

/** POST /api/faq/articles */
export const faqArticleCreateSchema = z.object({
  categoryId: idSchema,
  title_ja: titleJaSchema,
  body_ja: bodyJaSchema,
  title_en: titleEnSchema.default(''),
  body_en: bodyEnSchema.default(''),
  tags: tagsSchema.default([]),
  /** The editor's note for the history. */
  changeSummary: changeSummarySchema.optional(),
});
export type FaqArticleCreate = z.input<typeof faqArticleCreateSchema>;

/**
 * PATCH /api/faq/articles/:id — only the fields present change.
 * @remarks `expectedVersion` is the version the editor started from: 409 when someone saved
 * in between. A patch that changes nothing writes nothing and keeps the version. `archived`
 * withdraws an article from search (and brings it back).
 */
export const faqArticlePatchSchema = z.object({
  expectedVersion: z.number().int().min(1),
  categoryId: idSchema.optional(),
  title_ja: titleJaSchema.optional(),
  body_ja: bodyJaSchema.optional(),
  title_en: titleEnSchema.optional(),
  body_en: bodyEnSchema.optional(),
  tags: tagsSchema.optional(),
  archived: z.boolean().optional(),
  changeSummary: changeSummarySchema.optional(),
});
export type FaqArticlePatch = z.input<typeof faqArticlePatchSchema>;

/** An article with both languages as stored (Markdown). */
export const faqArticleSchema = z.object({
  id: idSchema,
  categoryId: idSchema,
  title_ja: z.string(),
  body_ja: z.string(),
  title_en: z.string(),
  body_en: z.string(),
  tags: z.array(z.string()),
  version: z.number().int(),
  archived: z.boolean(),
  updatedBy: idSchema.nullable(),
  updatedByName: z.string().nullable(),
  updatedAt: instantSchema,
  createdAt: instantSchema,
});
export type FaqArticleDto = z.infer<typeof faqArticleSchema>;

/**
 * GET /api/faq/articles/:id, and the answer to create and update: the article with its
 * Markdown rendered to HTML that is safe to insert (no scripts, event handlers, styles,
 * frames or `javascript:` links; an empty string for an empty body).
 */
export const faqArticleDetailSchema = faqArticleSchema.extend({
  renderedHtml_ja: z.string(),
  renderedHtml_en: z.string(),
});
export type FaqArticleDetail = z.infer<typeof faqArticleDetailSchema>;

/** `true` or `false` in a query string. */
const queryFlagSchema = z.enum(['true', 'false']);

/**
 * GET /api/faq/articles — search, or list when `q` is empty.
 * @remarks Words of `q` (split at spaces) must all appear, in either language, the title,
 * tags or body; width, case and katakana/hiragana do not matter. Title matches rank first;
 * `lang` picks the language of each hit's `title` and `excerpt` (falling back to Japanese
 * when the article has no English) and is preferred in ranking. Without `q`, articles come
 * by category, most recently updated first. `includeArchived` is for editors.
 */
export const faqSearchQuerySchema = z.object({
  q: z.string().trim().max(faqLimits.searchQuery).optional(),
  categoryId: idSchema.optional(),
  lang: faqLanguageSchema.default('ja'),
  limit: z.coerce.number().int().min(1).max(faqLimits.searchLimit).default(20),
  includeArchived: queryFlagSchema.optional(),
});
export type FaqSearchQuery = z.input<typeof faqSearchQuerySchema>;

/** One hit of a search: enough for a result list beside the call. */
export const faqSearchHitSchema = z.object({
  id: idSchema,
  categoryId: idSchema,
  /** The language of `title` and `excerpt`. */
  language: faqLanguageSchema,
  title: z.string(),
  /** Plain text around the first match (or the start of the body); never HTML. */
  excerpt: z.string(),
  title_ja: z.string(),
  title_en: z.string(),
  tags: z.array(z.string()),
  version: z.number().int(),
  archived: z.boolean(),
  updatedAt: instantSchema,
  /** Relevance when searching (higher is better); `null` when listing. */
  score: z.number().nullable(),
});
export type FaqSearchHit = z.infer<typeof faqSearchHitSchema>;

export const faqSearchResultSchema = z.object({
  items: z.array(faqSearchHitSchema),
  /** More articles match than `limit`: the agent should type more. */
  hasMore: z.boolean(),
});
export type FaqSearchResult = z.infer<typeof faqSearchResultSchema>;

/** One version of an article: the full text then, who saved it, when, and what changed. */
export const faqArticleVersionSchema = z.object({
  version: z.number().int(),
  changedBy: idSchema.nullable(),
  changedByName: z.string().nullable(),
  changedAt: instantSchema,
  changedFields: z.array(faqFieldSchema),
  changeSummary: z.string(),
  categoryId: idSchema,
  title_ja: z.string(),
  body_ja: z.string(),
  title_en: z.string(),
  body_en: z.string(),
  tags: z.array(z.string()),
  archived: z.boolean(),
});
export type FaqArticleVersionDto = z.infer<typeof faqArticleVersionSchema>;

/** GET /api/faq/articles/:id/versions — newest first. */
export const faqArticleVersionListSchema = z.object({ items: z.array(faqArticleVersionSchema) });
export type FaqArticleVersionList = z.infer<typeof faqArticleVersionListSchema>;

/** GET /api/faq/export query: JSON (default) or CSV for Excel (UTF-8 with BOM). */
export const faqExportQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
});
export type FaqExportQuery = z.input<typeof faqExportQuerySchema>;

/** GET /api/faq/export as JSON: every current (not archived) article and the categories. */
export const faqExportSchema = z.object({
  exportedAt: instantSchema,
  categories: z.array(faqCategorySchema),
  articles: z.array(faqArticleSchema),
});
export type FaqExport = z.infer<typeof faqExportSchema>;
