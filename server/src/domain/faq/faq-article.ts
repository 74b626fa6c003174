import type { FaqField } from '../../../../src/contract/faq';

/**
 * What an editor writes: both languages (Markdown bodies), the category and tags.
 * @remarks Japanese is required; English may be empty, and readers then fall back to Japanese.
 */
export interface FaqContent {
  readonly categoryId: string;
  readonly titleJa: string;
  readonly bodyJa: string;
  readonly titleEn: string;
  readonly bodyEn: string;
  readonly tags: readonly string[];
  /** Withdrawn from search; kept with its history. */
  readonly archived: boolean;
}

/** An FAQ article (FAQ・マニュアル) as stored: tenant-wide knowledge, not group-private. */
export interface FaqArticle extends FaqContent {
  readonly id: string;
  readonly tenantId: string;
  readonly version: number;
  readonly updatedBy: string | null;
  readonly updatedByName: string | null;
  readonly updatedAt: Date;
  readonly createdAt: Date;
}

/** One saved version: the full content then, who saved it, when and what changed. */
export interface FaqArticleVersion extends FaqContent {
  readonly articleId: string;
  readonly version: number;
  readonly changedBy: string | null;
  readonly changedByName: string | null;
  readonly changedAt: Date;
  readonly changedFields: readonly FaqField[];
  readonly changeSummary: string;
}

/** A section articles are filed under (e.g. マイナンバーカード, 料金・お支払い). */
export interface FaqCategory {
  readonly id: string;
  readonly nameJa: string;
  readonly nameEn: string;
  readonly sortOrder: number;
  /** Current (not archived) articles in it. */
  readonly articleCount: number;
}

/** The name each content field has in the API (and in a version's `changedFields`). */
const fieldNames: Readonly<Record<keyof FaqContent, FaqField>> = {
  categoryId: 'categoryId',
  titleJa: 'title_ja',
  bodyJa: 'body_ja',
  titleEn: 'title_en',
  bodyEn: 'body_en',
  tags: 'tags',
  archived: 'archived',
};

const contentKeys = Object.keys(fieldNames) as (keyof FaqContent)[];

/** Every field, as a new article's first version lists them. */
export const allFaqFields: readonly FaqField[] = contentKeys.map((key) => fieldNames[key]);

/**
 * The fields whose values differ between two contents, in a fixed order.
 * @remarks Tags compare as an ordered list: reordering them is a change the editor made.
 */
export function changedFaqFields(before: FaqContent, after: FaqContent): FaqField[] {
  return contentKeys
    .filter((key) => {
      const a = before[key];
      const b = after[key];
      if (Array.isArray(a) && Array.isArray(b)) return a.length !== b.length || a.some((tag, index) => tag !== b[index]);
      return a !== b;
    })
    .map((key) => fieldNames[key]);
}

/** Tags as an editor meant them: trimmed, without blanks or repeats, in their order. */
export function cleanFaqTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag.length > 0))];
}
