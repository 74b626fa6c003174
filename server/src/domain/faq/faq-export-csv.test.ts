import { describe, expect, it } from 'vitest';
import type { FaqArticle, FaqCategory } from './faq-article';
import { faqExportCsv } from './faq-export-csv';

const category: FaqCategory = { id: 'c1', nameJa: '料金・お支払い', nameEn: 'Billing', sortOrder: 10, articleCount: 1 };
const article: FaqArticle = {
  id: 'a1',
  tenantId: 't1',
  categoryId: 'c1',
  titleJa: '請求書の再発行',
  bodyJa: '「PDF」は"無料", 郵送は有料\n2行目',
  titleEn: 'Reissuing an invoice',
  bodyEn: '',
  tags: ['請求書', '再発行'],
  archived: false,
  version: 3,
  updatedBy: 'u1',
  updatedByName: 'SV 中村',
  updatedAt: new Date('2026-11-23T00:00:00Z'),
  createdAt: new Date('2026-11-01T00:00:00Z'),
};

describe('faqExportCsv', () => {
  it('writes UTF-8 with BOM, CRLF rows and every cell quoted', () => {
    const csv = faqExportCsv([article], [category]);
    expect(csv.startsWith('\ufeff"id","category_ja"')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [, row] = csv.slice(1).split('\r\n');
    expect(row).toBe(
      '"a1","料金・お支払い","Billing","請求書の再発行","「PDF」は""無料"", 郵送は有料\n2行目","Reissuing an invoice","","請求書, 再発行","3","2026-11-23T00:00:00.000Z","SV 中村"',
    );
  });

  it('keeps spreadsheet formulas from running', () => {
    const csv = faqExportCsv([{ ...article, titleJa: '=1+1', titleEn: '@SUM(A1)', bodyEn: '+81 3', bodyJa: '-ok' }], [category]);
    expect(csv).toContain(`"'=1+1","'-ok","'@SUM(A1)","'+81 3"`);
  });

  it('writes the header alone when there is nothing to export', () => {
    expect(faqExportCsv([], [])).toBe('\ufeff"id","category_ja","category_en","title_ja","body_ja","title_en","body_en","tags","version","updated_at","updated_by"\r\n');
  });
});
