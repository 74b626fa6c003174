import type { FaqArticle, FaqCategory } from './faq-article';

/** Byte order mark: without it Excel reads UTF-8 as Shift_JIS and garbles Japanese. */
const bom = '\ufeff';

const header = ['id', 'category_ja', 'category_en', 'title_ja', 'body_ja', 'title_en', 'body_en', 'tags', 'version', 'updated_at', 'updated_by'];

/**
 * One CSV cell, always quoted (bodies hold commas, quotes and line breaks).
 * @remarks A cell that begins like a formula (= + - @, tab, CR) gets a leading apostrophe, so
 * a spreadsheet shows it as text instead of evaluating it (CSV injection). The JSON export
 * keeps the text exactly.
 */
function cell(value: string): string {
  const inert = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return `"${inert.replaceAll('"', '""')}"`;
}

/**
 * The current FAQ set as CSV for Excel: UTF-8 with BOM, CRLF line ends (RFC 4180), one row
 * per article, both languages, tags joined by commas.
 */
export function faqExportCsv(articles: readonly FaqArticle[], categories: readonly FaqCategory[]): string {
  const categoryById = new Map(categories.map((category) => [category.id, category]));
  const lines = [header.map(cell).join(',')];
  for (const article of articles) {
    const category = categoryById.get(article.categoryId);
    lines.push(
      [
        article.id,
        category?.nameJa ?? '',
        category?.nameEn ?? '',
        article.titleJa,
        article.bodyJa,
        article.titleEn,
        article.bodyEn,
        article.tags.join(', '),
        String(article.version),
        article.updatedAt.toISOString(),
        article.updatedByName ?? '',
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${bom}${lines.join('\r\n')}\r\n`;
}
