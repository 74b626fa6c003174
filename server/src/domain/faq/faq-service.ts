import type { Role } from '../../../../src/contract/common';
import type { FaqLanguage } from '../../../../src/contract/faq';
import { auditEntry, type AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { DomainError, notFound } from '../errors';
import { requireRole } from '../identity/access-policy';
import type { Actor, RequestOrigin } from '../identity/actor';
import { cleanFaqTags, type FaqArticle, type FaqArticleVersion, type FaqCategory, type FaqContent } from './faq-article';
import { faqExcerpt } from './faq-excerpt';
import type { FaqRepository, FaqSearchMatch } from './faq-repository';
import { faqSearchTerms } from './faq-search-terms';

/** Who maintains the FAQ (B7); everyone else of the tenant reads it. */
const editors: readonly Role[] = ['administrator', 'supervisor'];

/** The audit log's name for an article. */
const resourceType = 'faq-article';

/** A new article as an editor submits it (already checked against the contract). */
export interface FaqDraft {
  readonly categoryId: string;
  readonly titleJa: string;
  readonly bodyJa: string;
  readonly titleEn: string;
  readonly bodyEn: string;
  readonly tags: readonly string[];
  readonly changeSummary?: string | undefined;
}

/** Changes to an article: only the fields given change. */
export interface FaqPatch extends Partial<FaqContent> {
  /** The version the editor started from. */
  readonly expectedVersion: number;
  readonly changeSummary?: string | undefined;
}

/** A search from the agent's FAQ panel or the maintenance screen. */
export interface FaqSearchRequest {
  readonly q?: string | undefined;
  readonly categoryId?: string | undefined;
  readonly language: FaqLanguage;
  readonly limit: number;
  readonly includeArchived: boolean;
}

/** A search hit with its title and excerpt in the reader's language where there is one. */
export interface FaqHit extends FaqSearchMatch {
  readonly language: FaqLanguage;
  readonly title: string;
  readonly excerpt: string;
}

/** A page of hits; `hasMore` when more matched than the limit. */
export interface FaqSearchResults {
  readonly hits: readonly FaqHit[];
  readonly hasMore: boolean;
}

/** The current FAQ set as exported on request (B7). */
export interface FaqExportSet {
  readonly exportedAt: Date;
  readonly categories: readonly FaqCategory[];
  readonly articles: readonly FaqArticle[];
}

/**
 * FAQ and manual (FAQ・マニュアル): search beside the call (A10), maintenance with versions
 * and export (B7).
 *
 * @remarks
 * Articles are tenant-wide knowledge, not personal data: every signed-in user of the tenant
 * reads and searches them, unaudited (the panel searches on every keystroke). Administrators
 * and supervisors of any group create, edit, archive, read the history and export; writes
 * and exports are audited. Each save is a new version, kept with who, when and which fields
 * changed; an editor working from an old version is refused (409) instead of overwriting.
 */
export class FaqService {
  constructor(
    private readonly repository: FaqRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The tenant's categories in display order. */
  async categories(actor: Actor): Promise<FaqCategory[]> {
    return this.repository.categories(actor.tenantId);
  }

  /** Finds articles containing every word of `q` (or lists them), best first. */
  async search(actor: Actor, request: FaqSearchRequest): Promise<FaqSearchResults> {
    if (request.includeArchived) requireRole(actor, ...editors);
    const matches = await this.repository.search({
      tenantId: actor.tenantId,
      terms: faqSearchTerms(request.q),
      categoryId: request.categoryId,
      language: request.language,
      includeArchived: request.includeArchived,
      limit: request.limit + 1,
    });
    return {
      hits: matches.slice(0, request.limit).map((match) => toHit(match, request.language)),
      hasMore: matches.length > request.limit,
    };
  }

  /** One article, archived or not. */
  async read(actor: Actor, id: string): Promise<FaqArticle> {
    const article = await this.repository.find(actor.tenantId, id);
    if (!article) throw notFound('FAQ article');
    return article;
  }

  /** Creates an article as version 1. */
  async create(actor: Actor, origin: RequestOrigin, draft: FaqDraft): Promise<FaqArticle> {
    requireRole(actor, ...editors);
    await this.requireCategory(actor, draft.categoryId);
    const article = await this.repository.create(
      actor.tenantId,
      {
        categoryId: draft.categoryId,
        titleJa: draft.titleJa,
        bodyJa: draft.bodyJa,
        titleEn: draft.titleEn,
        bodyEn: draft.bodyEn,
        tags: cleanFaqTags(draft.tags),
        archived: false,
      },
      { userId: actor.userId, at: this.clock(), summary: draft.changeSummary ?? '' },
    );
    await this.audit.record(auditEntry(actor, origin, 'create', resourceType, article.id, { version: article.version }));
    return article;
  }

  /**
   * Applies an editor's changes when nobody saved since `expectedVersion`.
   * @throws DomainError `conflict` when the article moved on; `not-found`.
   */
  async update(actor: Actor, origin: RequestOrigin, id: string, patch: FaqPatch): Promise<FaqArticle> {
    requireRole(actor, ...editors);
    if (patch.categoryId !== undefined) await this.requireCategory(actor, patch.categoryId);
    // Only the fields given: an absent field must not overwrite the stored one with undefined.
    const changes: { -readonly [K in keyof FaqContent]?: FaqContent[K] } = {};
    if (patch.categoryId !== undefined) changes.categoryId = patch.categoryId;
    if (patch.titleJa !== undefined) changes.titleJa = patch.titleJa;
    if (patch.bodyJa !== undefined) changes.bodyJa = patch.bodyJa;
    if (patch.titleEn !== undefined) changes.titleEn = patch.titleEn;
    if (patch.bodyEn !== undefined) changes.bodyEn = patch.bodyEn;
    if (patch.tags !== undefined) changes.tags = cleanFaqTags(patch.tags);
    if (patch.archived !== undefined) changes.archived = patch.archived;
    const outcome = await this.repository.update(actor.tenantId, id, patch.expectedVersion, changes, {
      userId: actor.userId,
      at: this.clock(),
      summary: patch.changeSummary ?? '',
    });
    switch (outcome.kind) {
      case 'not-found':
        throw notFound('FAQ article');
      case 'stale':
        throw new DomainError(
          'conflict',
          `the article was saved by someone else since version ${patch.expectedVersion} (now version ${outcome.currentVersion}); reload it and apply your changes again`,
        );
      case 'unchanged':
        return outcome.article;
      case 'updated':
        await this.audit.record(
          auditEntry(actor, origin, 'update', resourceType, id, { version: outcome.article.version, changedFields: [...outcome.changedFields] }),
        );
        return outcome.article;
      default:
        return exhaustive(outcome);
    }
  }

  /** Every version of an article, newest first. */
  async versions(actor: Actor, id: string): Promise<FaqArticleVersion[]> {
    requireRole(actor, ...editors);
    const versions = await this.repository.versions(actor.tenantId, id);
    if (versions.length === 0) throw notFound('FAQ article');
    return versions;
  }

  /** The current set (not archived), audited as an export. */
  async exportCurrent(actor: Actor, origin: RequestOrigin, format: 'json' | 'csv'): Promise<FaqExportSet> {
    requireRole(actor, ...editors);
    const exportedAt = this.clock();
    const [categories, articles] = await Promise.all([this.repository.categories(actor.tenantId), this.repository.current(actor.tenantId)]);
    await this.audit.record(auditEntry(actor, origin, 'export', resourceType, null, { format, articles: articles.length }));
    return { exportedAt, categories, articles };
  }

  private async requireCategory(actor: Actor, categoryId: string): Promise<void> {
    if (!(await this.repository.categoryExists(actor.tenantId, categoryId))) {
      throw new DomainError('validation', 'some fields are invalid', [{ path: 'categoryId', message: 'unknown category' }]);
    }
  }
}

function toHit(match: FaqSearchMatch, preferred: FaqLanguage): FaqHit {
  const language: FaqLanguage = preferred === 'en' && match.titleEn !== '' ? 'en' : 'ja';
  const [own, other] = language === 'en' ? [match.bodyWindowEn, match.bodyWindowJa] : [match.bodyWindowJa, match.bodyWindowEn];
  return {
    ...match,
    language,
    title: language === 'en' ? match.titleEn : match.titleJa,
    excerpt: faqExcerpt(own.text.trim() !== '' ? own : other),
    score: match.score === null ? null : Math.round(match.score * 1000) / 1000,
  };
}

function exhaustive(value: never): never {
  throw new Error(`unexpected outcome ${JSON.stringify(value)}`);
}
