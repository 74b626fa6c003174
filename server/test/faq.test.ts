import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaqArticleDetail, FaqArticleVersionList, FaqCategoryList, FaqExport, FaqSearchResult } from '../../src/contract/faq';
import { rows } from '../src/db/rows';
import { faqSeed } from '../src/seed/faq-seed';
import { createTestApp, type TestApp, type TestClient } from './test-app';

let testApp: TestApp;
let admin: TestClient;
let sv1: TestClient;
let sv2: TestClient;
let agent: TestClient;
let categories: FaqCategoryList['items'];

beforeAll(async () => {
  testApp = await createTestApp();
  [admin, sv1, sv2, agent] = await Promise.all([testApp.login('admin'), testApp.login('sv1'), testApp.login('sv2'), testApp.login('1001')]);
  categories = (await agent.get('/api/faq/categories')).json<FaqCategoryList>().items;
});

afterAll(async () => {
  await testApp.close();
});

function categoryId(nameJa: string): string {
  const found = categories.find((category) => category.name_ja === nameJa);
  if (!found) throw new Error(`no FAQ category ${nameJa}`);
  return found.id;
}

async function search(client: TestClient, query: Record<string, string>): Promise<FaqSearchResult> {
  const response = await client.get(`/api/faq/articles?${new URLSearchParams(query).toString()}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<FaqSearchResult>();
}

async function create(client: TestClient, article: Record<string, unknown>): Promise<FaqArticleDetail> {
  const response = await client.post('/api/faq/articles', { categoryId: categoryId('ログイン・パスワード'), body_ja: '本文', ...article });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<FaqArticleDetail>();
}

async function counts(): Promise<{ articles: number; versions: number; audit: number }> {
  const [row] = await rows<{ articles: number; versions: number; audit: number }>(
    testApp.database.db,
    sql`select (select count(*)::int from faq_articles) as articles,
               (select count(*)::int from faq_article_versions) as versions,
               (select count(*)::int from audit_log where resource_type = 'faq-article') as audit`,
  );
  if (!row) throw new Error('no counts');
  return row;
}

describe('FAQ demo seed', () => {
  it('holds 200 bilingual articles in 7 categories, each with its first version', async () => {
    expect(categories).toHaveLength(7);
    expect(categories.map((category) => category.name_ja)).toEqual(expect.arrayContaining(['マイナンバーカード', '住所・氏名の変更', '料金・お支払い', 'ログイン・パスワード']));
    const [seeded] = await rows<{ articles: number; english: number; titles: number; first_versions: number }>(
      testApp.database.db,
      sql`select count(*)::int as articles, count(*) filter (where title_en <> '' and body_en <> '')::int as english,
                 count(distinct title_ja)::int as titles,
                 (select count(*)::int from faq_article_versions where version = 1) as first_versions
            from faq_articles where tenant_id = ${testApp.seed.tenantId}`,
    );
    expect(seeded).toEqual({ articles: 200, english: 200, titles: 200, first_versions: 200 });
  });

  it('seeds in well under two seconds', async () => {
    const empty = await createTestApp({ moduleSeeds: [] });
    try {
      const started = performance.now();
      await faqSeed()(empty.database.db, empty.seed);
      expect(performance.now() - started).toBeLessThan(2000);
      const [count] = await rows<{ n: number }>(empty.database.db, sql`select count(*)::int as n from faq_articles`);
      expect(count?.n).toBe(200);
    } finally {
      await empty.close();
    }
  });
});

describe('FAQ search', () => {
  it.each([
    ['パスワード', 'パスワードの再設定の手順を教えてください'],
    ['住所変更', '住所変更の手順を教えてください'],
    ['マイナンバー', 'マイナンバーカードの新規申請の手順を教えてください'],
    ['住所', '住所変更の手順を教えてください'],
  ])('finds %s in Japanese, title matches first', async (q, expected) => {
    const result = await search(agent, { q, limit: '50' });
    expect(result.items.map((hit) => hit.title)).toContain(expected);
    expect(result.items[0]?.title_ja).toContain(q);
    expect(result.items[0]?.language).toBe('ja');
    // Scores never increase down the list.
    const scores = result.items.map((hit) => hit.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('folds width, case and katakana/hiragana on both sides', async () => {
    const katakana = (await search(agent, { q: 'パスワード', limit: '50' })).items.map((hit) => hit.id);
    expect(katakana.length).toBeGreaterThan(3);
    expect((await search(agent, { q: 'ぱすわーど', limit: '50' })).items.map((hit) => hit.id)).toEqual(katakana);
    expect((await search(agent, { q: 'ﾊﾟｽﾜｰﾄﾞ', limit: '50' })).items.map((hit) => hit.id)).toEqual(katakana);
    const english = (await search(agent, { q: 'PASSWORD', lang: 'en' })).items.map((hit) => hit.id);
    expect((await search(agent, { q: 'ｐａｓｓｗｏｒｄ', lang: 'en' })).items.map((hit) => hit.id)).toEqual(english);
  });

  it('finds English, answering in English when lang=en', async () => {
    const result = await search(agent, { q: 'password reset', lang: 'en' });
    expect(result.items.length).toBeGreaterThan(0);
    const [first] = result.items;
    expect(first?.language).toBe('en');
    expect(first?.title.toLowerCase()).toContain('password reset');
    expect(first?.title).toBe(first?.title_en);
    expect(first?.excerpt).not.toMatch(/[#*`]/u);
  });

  it('needs every word (AND), in any language of the article', async () => {
    const result = await search(agent, { q: 'マイナンバーカード 紛失', limit: '50' });
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.items[0]?.title_ja).toContain('紛失');
    const mixed = await search(agent, { q: '住所変更 deadline', limit: '50' });
    expect(mixed.items.map((hit) => hit.title_ja)).toContain('住所変更に期限はありますか');
  });

  it('ranks a title match above a body match', async () => {
    const inBody = await create(sv1, { title_ja: '体操の案内', body_ja: 'ラジオ体操ぴよぴよの時間について' });
    const inTitle = await create(sv1, { title_ja: 'ぴよぴよ体操とは', body_ja: '朝の体操です。' });
    const result = await search(agent, { q: 'ぴよぴよ' });
    expect(result.items.map((hit) => hit.id)).toEqual([inTitle.id, inBody.id]);
    expect(result.items[1]?.excerpt).toContain('ぴよぴよ');
  });

  it('filters by category', async () => {
    const myNumber = categoryId('マイナンバーカード');
    const result = await search(agent, { q: 'パスワード', categoryId: myNumber, limit: '50' });
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.items.every((hit) => hit.categoryId === myNumber)).toBe(true);
    const all = await search(agent, { q: 'パスワード', limit: '50' });
    expect(all.items.length).toBeGreaterThan(result.items.length);
  });

  it('lists by category without a query, and caps the limit at 50', async () => {
    const page = await search(agent, { limit: '50' });
    expect(page.items).toHaveLength(50);
    expect(page.hasMore).toBe(true);
    expect(page.items.every((hit) => hit.score === null)).toBe(true);
    expect(page.items[0]?.categoryId).toBe(categories[0]?.id);
    const tooMany = await agent.get('/api/faq/articles?limit=51');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ error: { code: 'validation', fields: [{ path: 'querystring.limit' }] } });
  });

  it('falls back to Japanese for an article without English', async () => {
    const japaneseOnly = await create(sv2, { title_ja: '和文のみの記事もぐもぐ', body_ja: 'もぐもぐ' });
    const [hit] = (await search(agent, { q: 'もぐもぐ', lang: 'en' })).items;
    expect(hit).toMatchObject({ id: japaneseOnly.id, language: 'ja', title: '和文のみの記事もぐもぐ', title_en: '' });
  });

  it('takes LIKE wildcards literally', async () => {
    expect((await search(agent, { q: '%' })).items).toEqual([]);
    expect((await search(agent, { q: '_' })).items).toEqual([]);
    const percent = await create(sv1, { title_ja: '割引率100%のご案内' });
    expect((await search(agent, { q: '100%' })).items.map((hit) => hit.id)).toEqual([percent.id]);
  });

  it('answers each keystroke of search-as-you-type quickly', async () => {
    const keystrokes = ['ま', 'まい', 'まいな', 'マイナン', 'マイナンバ', 'マイナンバー', 'マイナンバーカ', 'マイナンバーカード', 'マイナンバーカード 更', 'マイナンバーカード 更新'];
    const started = performance.now();
    for (const q of keystrokes) await search(agent, { q, limit: '10' });
    // A generous bound for slow CI machines; locally each search takes a few milliseconds.
    expect((performance.now() - started) / keystrokes.length).toBeLessThan(250);
  });
});

describe('FAQ articles', () => {
  it('renders Markdown to sanitised HTML', async () => {
    const body = [
      '## 手順',
      '1. **ログイン**します',
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[危険](javascript:alert(1)) [隠し](&#106;avascript:alert(1)) [公式](https://example.com/faq)',
      '<iframe src="https://evil.example"></iframe>',
      '<a href="https://example.com" style="color:red" onclick="steal()">link</a>',
    ].join('\n\n');
    const created = await create(sv1, { title_ja: 'サニタイズ確認', body_ja: body, body_en: '![x](javascript:alert(1)) <svg onload=alert(1)>' });
    const response = await agent.get(`/api/faq/articles/${created.id}`);
    expect(response.statusCode).toBe(200);
    const article = response.json<FaqArticleDetail>();
    expect(article.body_ja).toBe(body);
    for (const html of [article.renderedHtml_ja, article.renderedHtml_en]) {
      const tags = html.match(/<[a-z][^>]*>/gu) ?? [];
      expect(tags.filter((tag) => /^<(script|iframe|style|svg|object|embed)/u.test(tag))).toEqual([]);
      expect(tags.filter((tag) => /\son[a-z]+=|\sstyle=/u.test(tag))).toEqual([]);
      expect(tags.filter((tag) => /javascript:/iu.test(tag))).toEqual([]);
    }
    expect(article.renderedHtml_ja).toContain('<h2>手順</h2>');
    expect(article.renderedHtml_ja).toContain('<strong>ログイン</strong>');
    expect(article.renderedHtml_ja).toContain('&lt;script&gt;');
    expect(article.renderedHtml_ja).toContain('<a href="https://example.com/faq" rel="noopener noreferrer" target="_blank">公式</a>');
  });

  it('keeps every version with who, when and what changed', async () => {
    const created = await create(admin, { title_ja: '版管理の記事', body_ja: '初版の本文', tags: ['版'] });
    expect(created.version).toBe(1);
    const second = await sv1.patch(`/api/faq/articles/${created.id}`, { expectedVersion: 1, title_ja: '版管理の記事（改訂）', tags: ['版', '改訂'], changeSummary: '題名を改訂' });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ version: 2, title_ja: '版管理の記事（改訂）', updatedByName: 'SV 中村 (東京)' });
    const third = await sv2.patch(`/api/faq/articles/${created.id}`, { expectedVersion: 2, archived: true });
    expect(third.json()).toMatchObject({ version: 3, archived: true });

    const history = (await admin.get(`/api/faq/articles/${created.id}/versions`)).json<FaqArticleVersionList>().items;
    expect(history.map((v) => [v.version, v.changedBy, v.changedFields])).toEqual([
      [3, testApp.seed.userIds.sv2, ['archived']],
      [2, testApp.seed.userIds.sv1, ['title_ja', 'tags']],
      [1, testApp.seed.userIds.admin, ['categoryId', 'title_ja', 'body_ja', 'title_en', 'body_en', 'tags', 'archived']],
    ]);
    expect(history[1]).toMatchObject({ changeSummary: '題名を改訂', title_ja: '版管理の記事（改訂）', body_ja: '初版の本文', changedByName: 'SV 中村 (東京)' });
    expect(history[2]).toMatchObject({ title_ja: '版管理の記事', tags: ['版'] });
    expect(new Date(history[0]?.changedAt ?? 0).getTime()).toBeGreaterThanOrEqual(new Date(history[1]?.changedAt ?? 0).getTime());

    const audit = await testApp.services.audit.search({ tenantId: testApp.seed.tenantId, resourceType: 'faq-article', resourceId: created.id, limit: 10 });
    expect(audit.map((entry) => [entry.action, entry.actorName, entry.detail?.changedFields])).toEqual([
      ['update', 'sv2', ['archived']],
      ['update', 'sv1', ['title_ja', 'tags']],
      ['create', 'admin', undefined],
    ]);

    // Archived: gone from search, still readable, listed for editors who ask.
    expect((await search(agent, { q: '版管理' })).items).toEqual([]);
    expect((await agent.get(`/api/faq/articles/${created.id}`)).statusCode).toBe(200);
    expect((await search(sv1, { q: '版管理', includeArchived: 'true' })).items.map((hit) => hit.id)).toEqual([created.id]);
    expect((await agent.get('/api/faq/articles?includeArchived=true')).statusCode).toBe(403);
  });

  it('writes nothing for a save that changes nothing', async () => {
    const created = await create(sv1, { title_ja: '変更なしの記事', tags: ['a', 'b'] });
    const before = await counts();
    const same = await sv2.patch(`/api/faq/articles/${created.id}`, { expectedVersion: 1, title_ja: '変更なしの記事', tags: ['a', 'b', 'a'] });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ version: 1 });
    expect(await counts()).toEqual(before);
  });

  it('refuses a save based on an old version (409), also when two race', async () => {
    const created = await create(sv1, { title_ja: '同時編集の記事' });
    const [first, second] = await Promise.all([
      sv1.patch(`/api/faq/articles/${created.id}`, { expectedVersion: 1, body_ja: 'SV1の本文' }),
      sv2.patch(`/api/faq/articles/${created.id}`, { expectedVersion: 1, body_ja: 'SV2の本文' }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const refused = first.statusCode === 409 ? first : second;
    expect(refused.json()).toMatchObject({ error: { code: 'conflict' } });
    const history = (await admin.get(`/api/faq/articles/${created.id}/versions`)).json<FaqArticleVersionList>().items;
    expect(history.map((v) => v.version)).toEqual([2, 1]);
    const stale = await admin.patch(`/api/faq/articles/${created.id}`, { expectedVersion: 1, title_ja: '遅れた保存' });
    expect(stale.statusCode).toBe(409);
  });

  it('answers invalid input with a 400 per field and writes nothing', async () => {
    const before = await counts();
    const fieldsOf = (response: LightMyRequestResponse) => response.json<{ error: { fields: { path: string }[] } }>().error.fields.map((field) => field.path);
    const invalid = await sv1.post('/api/faq/articles', {
      categoryId: 'not-a-uuid',
      title_ja: '   ',
      body_ja: 'あ'.repeat(50_001),
      body_en: 'a'.repeat(50_001),
      tags: Array.from({ length: 21 }, (_, index) => `tag${index}`),
    });
    expect(invalid.statusCode).toBe(400);
    expect(fieldsOf(invalid)).toEqual(['body.categoryId', 'body.title_ja', 'body.body_ja', 'body.body_en', 'body.tags']);
    const longTag = await sv1.post('/api/faq/articles', { categoryId: categoryId('ログイン・パスワード'), title_ja: '題名', body_ja: ' \n ', tags: ['ok', 'x'.repeat(31)] });
    expect(longTag.statusCode).toBe(400);
    expect(fieldsOf(longTag)).toEqual(['body.body_ja', 'body.tags.1']);

    const unknownCategory = await sv1.post('/api/faq/articles', { categoryId: randomUUID(), title_ja: '題名', body_ja: '本文' });
    expect(unknownCategory.statusCode).toBe(400);
    expect(unknownCategory.json()).toMatchObject({ error: { code: 'validation', fields: [{ path: 'body.categoryId', message: 'unknown category' }] } });

    const created = await create(sv1, { title_ja: '検証用の記事' });
    const afterCreate = await counts();
    const badPatch = await sv1.patch(`/api/faq/articles/${created.id}`, { title_ja: '', tags: ['ok', 'a,b'] });
    expect(badPatch.statusCode).toBe(400);
    expect(fieldsOf(badPatch)).toEqual(['body.expectedVersion', 'body.title_ja', 'body.tags.1']);
    const badCategory = await sv1.patch(`/api/faq/articles/${created.id}`, { expectedVersion: 1, categoryId: randomUUID() });
    expect(badCategory.json()).toMatchObject({ error: { fields: [{ path: 'body.categoryId' }] } });

    expect(afterCreate).toEqual({ articles: before.articles + 1, versions: before.versions + 1, audit: before.audit + 1 });
    expect(await counts()).toEqual(afterCreate);
    expect((await agent.get(`/api/faq/articles/${created.id}`)).json()).toMatchObject({ version: 1, title_ja: '検証用の記事' });
  });

  it('lets agents read but not write, see history or export', async () => {
    const created = await create(sv2, { title_ja: 'エージェント権限の確認' });
    expect((await agent.get(`/api/faq/articles/${created.id}`)).statusCode).toBe(200);
    const attempts = await Promise.all([
      agent.post('/api/faq/articles', { categoryId: categoryId('ログイン・パスワード'), title_ja: '題名', body_ja: '本文' }),
      agent.patch(`/api/faq/articles/${created.id}`, { expectedVersion: 1, title_ja: '書き換え' }),
      agent.get(`/api/faq/articles/${created.id}/versions`),
      agent.get('/api/faq/export'),
    ]);
    expect(attempts.map((response) => response.statusCode)).toEqual([403, 403, 403, 403]);
    expect((await agent.get(`/api/faq/articles/${created.id}`)).json()).toMatchObject({ version: 1, title_ja: 'エージェント権限の確認' });
  });

  it("never shows another tenant's articles", async () => {
    const db = testApp.database.db;
    const [other] = await rows<{ id: string }>(db, sql`insert into tenants (name, seat_limit) values ('別テナント', 5) returning id`);
    const [category] = await rows<{ id: string }>(db, sql`insert into faq_categories (tenant_id, name_ja, name_en) values (${other?.id ?? ''}, '他社', 'Other') returning id`);
    const [foreign] = await rows<{ id: string }>(
      db,
      sql`insert into faq_articles (tenant_id, category_id, title_ja, body_ja) values (${other?.id ?? ''}, ${category?.id ?? ''}, '他社のパスワード記事', '本文') returning id`,
    );
    expect((await agent.get(`/api/faq/articles/${foreign?.id ?? ''}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/faq/articles/${foreign?.id ?? ''}/versions`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/faq/articles/${foreign?.id ?? ''}`, { expectedVersion: 1, title_ja: '乗っ取り' })).statusCode).toBe(404);
    expect((await search(agent, { q: '他社のパスワード' })).items).toEqual([]);
    expect((await agent.get('/api/faq/categories')).json<FaqCategoryList>().items.map((c) => c.name_ja)).not.toContain('他社');
    expect((await agent.get(`/api/faq/articles/${randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('FAQ export', () => {
  it('exports the current set as JSON, audited', async () => {
    const response = await sv1.get('/api/faq/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/u);
    const exported = response.json<FaqExport>();
    expect(Date.now() - new Date(exported.exportedAt).getTime()).toBeLessThan(60_000);
    expect(exported.categories).toHaveLength(7);
    const [current] = await rows<{ n: number }>(testApp.database.db, sql`select count(*)::int as n from faq_articles where tenant_id = ${testApp.seed.tenantId} and not archived`);
    expect(exported.articles).toHaveLength(current?.n ?? -1);
    expect(exported.articles.every((article) => !article.archived)).toBe(true);
    const [entry] = await testApp.services.audit.search({ tenantId: testApp.seed.tenantId, action: 'export', limit: 1 });
    expect(entry).toMatchObject({ actorName: 'sv1', resourceType: 'faq-article', detail: { format: 'json', articles: current?.n } });
  });

  it('exports CSV for Excel: UTF-8 with BOM, quoted cells, formulas neutralised', async () => {
    const tricky = await create(admin, { title_ja: '=HYPERLINK("http://evil")', body_ja: '「引用」と"二重引用符", カンマ\n改行', tags: ['CSV', '確認'] });
    const response = await admin.get('/api/faq/export?format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="faq-\d{8}T\d{4}\.csv"$/u);
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = response.rawPayload.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('"id","category_ja","category_en","title_ja","body_ja","title_en","body_en","tags","version","updated_at","updated_by"');
    expect(text).toContain(`"${tricky.id}","ログイン・パスワード","Login and passwords","'=HYPERLINK(""http://evil"")","「引用」と""二重引用符"", カンマ\n改行","","","CSV, 確認","1",`);
    expect(text).toContain('"マイナンバーカードの新規申請の手順を教えてください"');
    const [entry] = await testApp.services.audit.search({ tenantId: testApp.seed.tenantId, action: 'export', limit: 1 });
    expect(entry).toMatchObject({ actorName: 'admin', detail: { format: 'csv' } });
  });

  it('is described in the OpenAPI document', async () => {
    const openapi = await testApp.app.inject({ method: 'GET', url: '/api/docs/json' });
    const paths = Object.keys(openapi.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/faq/articles', '/api/faq/articles/{id}', '/api/faq/articles/{id}/versions', '/api/faq/categories', '/api/faq/export']));
  });
});
