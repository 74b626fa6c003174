import type { FaqField, FaqLanguage } from '../../../../src/contract/faq';
import type { FaqArticle, FaqArticleVersion, FaqCategory, FaqContent } from './faq-article';

/** A search as the repository runs it, already checked by the service. */
export interface FaqSearch {
  readonly tenantId: string;
  /** Words that must all appear somewhere in the article; none lists the articles. */
  readonly terms: readonly string[];
  readonly categoryId: string | undefined;
  /** Titles in this language rank a little higher. */
  readonly language: FaqLanguage;
  readonly includeArchived: boolean;
  readonly limit: number;
}

/** Part of a body (Markdown) around the first match, or its start. */
export interface FaqBodyWindow {
  readonly text: string;
  /** The window is the beginning of the body. */
  readonly atStart: boolean;
}

/** One article found, best first. */
export interface FaqSearchMatch {
  readonly id: string;
  readonly categoryId: string;
  readonly titleJa: string;
  readonly titleEn: string;
  readonly tags: readonly string[];
  readonly version: number;
  readonly archived: boolean;
  readonly updatedAt: Date;
  readonly bodyWindowJa: FaqBodyWindow;
  readonly bodyWindowEn: FaqBodyWindow;
  /** Relevance; `null` when listing without terms. */
  readonly score: number | null;
}

/** Who saves a version, when, and their note. */
export interface FaqAuthorship {
  readonly userId: string;
  readonly at: Date;
  readonly summary: string;
}

/** What became of an update. */
export type FaqUpdateOutcome =
  | { readonly kind: 'updated'; readonly article: FaqArticle; readonly changedFields: readonly FaqField[] }
  | { readonly kind: 'unchanged'; readonly article: FaqArticle }
  | { readonly kind: 'stale'; readonly currentVersion: number }
  | { readonly kind: 'not-found' };

/**
 * Storage of FAQ articles; implemented over PostgreSQL in `server/src/db`.
 * @remarks Every method is scoped to one tenant. Creating and updating write the article and
 * its version row in one transaction.
 */
export interface FaqRepository {
  categories(tenantId: string): Promise<FaqCategory[]>;
  categoryExists(tenantId: string, categoryId: string): Promise<boolean>;
  search(search: FaqSearch): Promise<FaqSearchMatch[]>;
  find(tenantId: string, id: string): Promise<FaqArticle | undefined>;
  /** Inserts the article as version 1, listing every field as changed. */
  create(tenantId: string, content: FaqContent, authorship: FaqAuthorship): Promise<FaqArticle>;
  /**
   * Applies `changes` when the stored version is still `expectedVersion` (checked under a row
   * lock, so of two concurrent updates from the same version exactly one wins); writes
   * nothing when no field actually changes.
   */
  update(tenantId: string, id: string, expectedVersion: number, changes: Partial<FaqContent>, authorship: FaqAuthorship): Promise<FaqUpdateOutcome>;
  /** Every version of an article, newest first; empty when there is no such article. */
  versions(tenantId: string, id: string): Promise<FaqArticleVersion[]>;
  /** The current set: every article not archived, by category and title. */
  current(tenantId: string): Promise<FaqArticle[]>;
}
