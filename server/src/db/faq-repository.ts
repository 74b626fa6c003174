import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { FaqField } from '../../../src/contract/faq';
import { allFaqFields, changedFaqFields, type FaqArticle, type FaqArticleVersion, type FaqCategory, type FaqContent } from '../domain/faq/faq-article';
import type { FaqAuthorship, FaqRepository, FaqSearch, FaqSearchMatch, FaqUpdateOutcome } from '../domain/faq/faq-repository';
import type { Db } from './database';
import { rows } from './rows';
import { faqArticles, faqArticleVersions, faqCategories, users } from './schema';

/** Characters of body returned around the first match, for the excerpt. */
const windowLength = 300;
/** How far before the match the window starts, so the excerpt shows some context. */
const windowLead = 40;

/** The article's columns without the generated search text, which no reader needs. */
const articleColumns = {
  id: faqArticles.id,
  tenantId: faqArticles.tenantId,
  categoryId: faqArticles.categoryId,
  titleJa: faqArticles.titleJa,
  bodyJa: faqArticles.bodyJa,
  titleEn: faqArticles.titleEn,
  bodyEn: faqArticles.bodyEn,
  tags: faqArticles.tags,
  version: faqArticles.version,
  archived: faqArticles.archived,
  updatedBy: faqArticles.updatedBy,
  updatedAt: faqArticles.updatedAt,
  createdAt: faqArticles.createdAt,
  updatedByName: users.displayName,
};

function toArticle(row: FaqArticle): FaqArticle {
  return { ...row, tags: [...row.tags] };
}

function contentOf(article: FaqArticle): FaqContent {
  return {
    categoryId: article.categoryId,
    titleJa: article.titleJa,
    bodyJa: article.bodyJa,
    titleEn: article.titleEn,
    bodyEn: article.bodyEn,
    tags: article.tags,
    archived: article.archived,
  };
}

/** Reads one article with its editor's name, inside or outside a transaction. */
async function findArticle(db: Pick<Db, 'select'>, tenantId: string, id: string, lock = false): Promise<FaqArticle | undefined> {
  const query = db
    .select(articleColumns)
    .from(faqArticles)
    .leftJoin(users, eq(users.id, faqArticles.updatedBy))
    .where(and(eq(faqArticles.id, id), eq(faqArticles.tenantId, tenantId)));
  const [row] = await (lock ? query.for('update', { of: faqArticles }) : query);
  return row ? toArticle(row) : undefined;
}

/** A version row for `content` as saved by `authorship`. */
function versionRow(articleId: string, tenantId: string, version: number, content: FaqContent, changedFields: readonly FaqField[], authorship: FaqAuthorship) {
  return {
    articleId,
    tenantId,
    version,
    categoryId: content.categoryId,
    titleJa: content.titleJa,
    bodyJa: content.bodyJa,
    titleEn: content.titleEn,
    bodyEn: content.bodyEn,
    tags: [...content.tags],
    archived: content.archived,
    changedBy: authorship.userId,
    changedAt: authorship.at,
    changedFields: [...changedFields],
    changeSummary: authorship.summary,
  };
}

/**
 * FAQ articles over PostgreSQL.
 *
 * @remarks
 * Search: `search_text` is a generated column of both languages and the tags, folded by
 * `faq_fold` (NFKC, lower case, katakana → hiragana), with a trigram GIN index. Every query
 * word is folded the same way and must occur as a substring (`like`; both sides are already
 * lower case, and `like` is much cheaper than `ilike` on Japanese text), which the index
 * serves for words of three or more characters and a scan still answers for shorter ones.
 * Ranking, from the folded titles and tags stored beside it: per word, a hit in the
 * reader's-language title scores 3, the other title 2.5, a tag 1.5, only the body 0;
 * averaged over the words, plus the trigram similarity of the query to the reader's title,
 * so of equal matches the shorter, more specific title comes first.
 */
export class DbFaqRepository implements FaqRepository {
  constructor(private readonly db: Db) {}

  async categories(tenantId: string): Promise<FaqCategory[]> {
    const found = await rows<{ id: string; name_ja: string; name_en: string; sort_order: number; article_count: number }>(
      this.db,
      sql`select c.id, c.name_ja, c.name_en, c.sort_order, count(a.id)::int as article_count
            from faq_categories c
            left join faq_articles a on a.category_id = c.id and not a.archived
           where c.tenant_id = ${tenantId}
           group by c.id
           order by c.sort_order, c.name_ja`,
    );
    return found.map((row) => ({ id: row.id, nameJa: row.name_ja, nameEn: row.name_en, sortOrder: row.sort_order, articleCount: row.article_count }));
  }

  async categoryExists(tenantId: string, categoryId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: faqCategories.id })
      .from(faqCategories)
      .where(and(eq(faqCategories.id, categoryId), eq(faqCategories.tenantId, tenantId)))
      .limit(1);
    return row !== undefined;
  }

  async search(search: FaqSearch): Promise<FaqSearchMatch[]> {
    const patterns = search.terms.map((term) => sql`faq_contains_pattern(${term})`);
    const conditions: SQL[] = [sql`a.tenant_id = ${search.tenantId}`];
    if (!search.includeArchived) conditions.push(sql`not a.archived`);
    if (search.categoryId !== undefined) conditions.push(sql`a.category_id = ${search.categoryId}`);
    for (const pattern of patterns) conditions.push(sql`a.search_text like ${pattern}`);

    const query = search.terms.join(' ');
    const [ownTitle, otherTitle] = search.language === 'en' ? [sql`a.search_title_en`, sql`a.search_title_ja`] : [sql`a.search_title_ja`, sql`a.search_title_en`];
    const score =
      patterns.length === 0
        ? sql`null::float8`
        : sql`((${sql.join(
            patterns.map(
              (pattern) => sql`case when ${ownTitle} like ${pattern} then 3.0
                                    when ${otherTitle} like ${pattern} then 2.5
                                    when a.search_tags like ${pattern} then 1.5
                                    else 0 end`,
            ),
            sql` + `,
          )}) / ${patterns.length}
           + similarity(faq_fold(${query}), ${ownTitle}))::float8`;
    const order = patterns.length === 0 ? sql`c.sort_order, a.updated_at desc, a.id` : sql`score desc, a.updated_at desc, a.id`;
    // The excerpt's window starts near the longest word, the most telling one.
    const anchor = [...search.terms].sort((x, y) => y.length - x.length)[0] ?? '';
    const start = (foldedBody: SQL) => (anchor === '' ? sql`1` : sql`greatest(strpos(${foldedBody}, faq_fold(${anchor})) - ${windowLead}, 1)`);

    // Windows are cut only from the rows kept, after ranking and the limit.
    const found = await rows<{
      id: string;
      category_id: string;
      title_ja: string;
      title_en: string;
      tags: string[];
      version: number;
      archived: boolean;
      updated_at: Date | string;
      score: number | null;
      window_ja: string;
      from_ja: number;
      window_en: string;
      from_en: number;
    }>(
      this.db,
      sql`select hit.id, hit.category_id, hit.title_ja, hit.title_en, hit.tags, hit.version, hit.archived, hit.updated_at, hit.score,
                 w.from_ja, substr(hit.body_ja, w.from_ja, ${windowLength}) as window_ja,
                 w.from_en, substr(hit.body_en, w.from_en, ${windowLength}) as window_en
            from (select a.id, a.category_id, a.title_ja, a.title_en, a.body_ja, a.body_en, a.search_body_ja, a.search_body_en,
                         a.tags, a.version, a.archived, a.updated_at,
                         ${score} as score, c.sort_order
                    from faq_articles a
                    join faq_categories c on c.id = a.category_id
                   where ${sql.join(conditions, sql` and `)}
                   order by ${order}
                   limit ${search.limit}) hit
            cross join lateral (select ${start(sql`hit.search_body_ja`)} as from_ja, ${start(sql`hit.search_body_en`)} as from_en) w
           order by ${patterns.length === 0 ? sql`hit.sort_order, hit.updated_at desc, hit.id` : sql`hit.score desc, hit.updated_at desc, hit.id`}`,
    );
    return found.map((row) => ({
      id: row.id,
      categoryId: row.category_id,
      titleJa: row.title_ja,
      titleEn: row.title_en,
      tags: row.tags,
      version: row.version,
      archived: row.archived,
      updatedAt: new Date(row.updated_at),
      bodyWindowJa: { text: row.window_ja, atStart: row.from_ja === 1 },
      bodyWindowEn: { text: row.window_en, atStart: row.from_en === 1 },
      score: row.score,
    }));
  }

  async find(tenantId: string, id: string): Promise<FaqArticle | undefined> {
    return findArticle(this.db, tenantId, id);
  }

  async create(tenantId: string, content: FaqContent, authorship: FaqAuthorship): Promise<FaqArticle> {
    return this.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(faqArticles)
        .values({
          tenantId,
          categoryId: content.categoryId,
          titleJa: content.titleJa,
          bodyJa: content.bodyJa,
          titleEn: content.titleEn,
          bodyEn: content.bodyEn,
          tags: [...content.tags],
          archived: content.archived,
          version: 1,
          updatedBy: authorship.userId,
          updatedAt: authorship.at,
          createdAt: authorship.at,
        })
        .returning({ id: faqArticles.id });
      if (!inserted) throw new Error('FAQ article not inserted');
      await tx.insert(faqArticleVersions).values(versionRow(inserted.id, tenantId, 1, content, allFaqFields, authorship));
      const article = await findArticle(tx, tenantId, inserted.id);
      if (!article) throw new Error('FAQ article vanished after insert');
      return article;
    });
  }

  async update(tenantId: string, id: string, expectedVersion: number, changes: Partial<FaqContent>, authorship: FaqAuthorship): Promise<FaqUpdateOutcome> {
    return this.db.transaction(async (tx): Promise<FaqUpdateOutcome> => {
      // The row lock makes a concurrent update from the same version wait, then see it stale.
      const current = await findArticle(tx, tenantId, id, true);
      if (!current) return { kind: 'not-found' };
      if (current.version !== expectedVersion) return { kind: 'stale', currentVersion: current.version };
      const before = contentOf(current);
      const after: FaqContent = { ...before, ...changes };
      const changedFields = changedFaqFields(before, after);
      if (changedFields.length === 0) return { kind: 'unchanged', article: current };
      const version = current.version + 1;
      await tx
        .update(faqArticles)
        .set({
          categoryId: after.categoryId,
          titleJa: after.titleJa,
          bodyJa: after.bodyJa,
          titleEn: after.titleEn,
          bodyEn: after.bodyEn,
          tags: [...after.tags],
          archived: after.archived,
          version,
          updatedBy: authorship.userId,
          updatedAt: authorship.at,
        })
        .where(and(eq(faqArticles.id, id), eq(faqArticles.tenantId, tenantId)));
      await tx.insert(faqArticleVersions).values(versionRow(id, tenantId, version, after, changedFields, authorship));
      const article = await findArticle(tx, tenantId, id);
      if (!article) throw new Error('FAQ article vanished during update');
      return { kind: 'updated', article, changedFields };
    });
  }

  async versions(tenantId: string, id: string): Promise<FaqArticleVersion[]> {
    const found = await this.db
      .select({ version: faqArticleVersions, changedByName: users.displayName })
      .from(faqArticleVersions)
      .leftJoin(users, eq(users.id, faqArticleVersions.changedBy))
      .where(and(eq(faqArticleVersions.articleId, id), eq(faqArticleVersions.tenantId, tenantId)))
      .orderBy(desc(faqArticleVersions.version));
    return found.map(({ version: row, changedByName }) => ({
      articleId: row.articleId,
      version: row.version,
      categoryId: row.categoryId,
      titleJa: row.titleJa,
      bodyJa: row.bodyJa,
      titleEn: row.titleEn,
      bodyEn: row.bodyEn,
      tags: row.tags,
      archived: row.archived,
      changedBy: row.changedBy,
      changedByName,
      changedAt: row.changedAt,
      changedFields: row.changedFields as FaqField[],
      changeSummary: row.changeSummary,
    }));
  }

  async current(tenantId: string): Promise<FaqArticle[]> {
    const found = await this.db
      .select(articleColumns)
      .from(faqArticles)
      .innerJoin(faqCategories, eq(faqCategories.id, faqArticles.categoryId))
      .leftJoin(users, eq(users.id, faqArticles.updatedBy))
      .where(and(eq(faqArticles.tenantId, tenantId), eq(faqArticles.archived, false)))
      .orderBy(asc(faqCategories.sortOrder), asc(faqArticles.titleJa), asc(faqArticles.id));
    return found.map(toArticle);
  }
}
