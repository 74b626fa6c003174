import { describe, expect, it } from 'vitest';
import { demoFaqArticles } from '../testing/msw/demo-faq-articles';
import { demoFaqIds } from '../testing/msw/demo-faq';
import { faults } from '../testing/msw/faults';
import { installMockService } from '../testing/msw/install-mock-service';
import { server } from '../testing/msw/server';
import { signedInClient } from '../testing/msw/signed-in-client';
import type { ApiResult } from './api-error';
import { FaqApi } from './faq-api';

installMockService();

async function faqAs(username: string) {
  const { client, reportUnexpected } = await signedInClient(username);
  return { api: new FaqApi(client), reportUnexpected };
}

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function fieldPaths(result: ApiResult<unknown>): readonly string[] {
  return !result.ok && result.error.kind === 'http' ? (result.error.fields?.map((field) => field.path) ?? []) : [];
}

const accountSection = demoFaqIds.category('account');

describe('FaqApi against the mock CTI service', () => {
  it('lists the sections in display order with their current article counts', async () => {
    const { api } = await faqAs('1004');
    const categories = valueOf(await api.listFaqCategories());
    expect(categories.map((category) => category.name_ja)).toEqual(['アカウント・ログイン', '料金・お支払い', '契約・各種手続き', '住所・名義の変更', '電話応対の基本', 'システム操作']);
    expect(categories.reduce((sum, category) => sum + category.articleCount, 0)).toBe(demoFaqArticles.length);
  });

  it('finds a word whatever its width, case or kana, titles first', async () => {
    const { api } = await faqAs('1001');
    for (const q of ['パスワード', 'ﾊﾟｽﾜｰﾄﾞ', 'ぱすわーど', 'パスワード　']) {
      const found = valueOf(await api.searchFaqArticles({ q }));
      expect(found.items[0]?.title, q).toBe('パスワードを忘れた場合の再設定');
      const scores = found.items.map((hit) => hit.score ?? 0);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const firstBodyOnly = found.items.findIndex((hit) => !hit.title_ja.includes('パスワード'));
      expect(firstBodyOnly).toBeGreaterThan(0);
      expect(found.items.slice(firstBodyOnly).every((hit) => !hit.title_ja.includes('パスワード'))).toBe(true);
    }
    const english = valueOf(await api.searchFaqArticles({ q: 'PASSWORD', lang: 'en' }));
    expect(english.items[0]).toMatchObject({ language: 'en', title: 'Resetting a forgotten password', title_ja: 'パスワードを忘れた場合の再設定' });
    expect(english.items[0]?.excerpt).not.toMatch(/[#*|]/);
  });

  it('needs every word to match, falls back to Japanese where there is no English, and says when there is more', async () => {
    const { api } = await faqAs('1001');
    expect(valueOf(await api.searchFaqArticles({ q: 'パスワード ロック' })).items.map((hit) => hit.title_ja)).toEqual(['アカウントのロック解除', 'マイページにログインできない']);
    const receipt = valueOf(await api.searchFaqArticles({ q: '領収書', lang: 'en' })).items[0];
    expect(receipt).toMatchObject({ id: demoFaqIds.receipts, language: 'ja', title: '領収書の発行', title_en: '' });
    const some = valueOf(await api.searchFaqArticles({ limit: 3 }));
    expect(some).toMatchObject({ hasMore: true });
    expect(some.items.map((hit) => [hit.categoryId, hit.score])).toEqual([
      [accountSection, null],
      [accountSection, null],
      [accountSection, null],
    ]);
    expect(valueOf(await api.searchFaqArticles({ categoryId: demoFaqIds.category('calls'), limit: 50 })).items).toHaveLength(6);
    expect(fieldPaths(await api.searchFaqArticles({ limit: 51, lang: 'fr' as 'en' }))).toEqual(['querystring.lang', 'querystring.limit']);
  });

  it('keeps archived articles out of search, except for editors who ask for them', async () => {
    const { api: agent } = await faqAs('1002');
    expect(valueOf(await agent.searchFaqArticles({ q: 'FAX' })).items).toEqual([]);
    expect(await agent.searchFaqArticles({ q: 'FAX', includeArchived: true })).toMatchObject({ ok: false, error: { status: 403, code: 'forbidden' } });
    expect(valueOf(await agent.getFaqArticle(demoFaqIds.archived))).toMatchObject({ archived: true });
    const { api: supervisor } = await faqAs('sv2');
    expect(valueOf(await supervisor.searchFaqArticles({ q: 'FAX', includeArchived: true })).items.map((hit) => hit.id)).toEqual([demoFaqIds.archived]);
  });

  it('reads an article with both bodies rendered to safe HTML', async () => {
    const { api } = await faqAs('1001');
    const article = valueOf(await api.getFaqArticle(demoFaqIds.passwordReset));
    expect(article).toMatchObject({ version: 3, updatedByName: 'SV 小林 (大阪)', archived: false });
    expect(article.renderedHtml_ja).toContain('<h2>ご案内の流れ</h2>');
    expect(article.renderedHtml_ja).toContain('<strong>本人確認のうえ</strong>');
    expect(article.renderedHtml_en).toContain('<ol>');
    expect(valueOf(await api.getFaqArticle(demoFaqIds.receipts)).renderedHtml_en).toBe('');
    expect(await api.getFaqArticle('00000000-0000-4000-8000-000000000999')).toMatchObject({ ok: false, error: { status: 404, code: 'not-found' } });
    expect(fieldPaths(await api.getFaqArticle('nope'))).toEqual(['params.id']);
  });

  it('lets editors create an article, never rendering its scripts or unsafe links', async () => {
    const { api: agent } = await faqAs('1001');
    const draft = {
      categoryId: demoFaqIds.category('system'),
      title_ja: '録音の再生方法',
      body_ja: '<script>alert(1)</script>\n[再生](javascript:alert(1)) と [マニュアル](https://example.jp/manual)\n<img src=x onerror=alert(1)>',
      tags: ['録音', '録音', ' 再生 '],
    };
    expect(await agent.createFaqArticle(draft)).toMatchObject({ ok: false, error: { status: 403, code: 'forbidden' } });

    const { api } = await faqAs('sv1');
    const created = valueOf(await api.createFaqArticle(draft));
    expect(created).toMatchObject({ version: 1, title_en: '', body_en: '', tags: ['録音', '再生'], updatedByName: 'SV 中村 (東京)' });
    const rendered = document.createElement('div');
    rendered.innerHTML = created.renderedHtml_ja;
    expect(rendered.querySelectorAll('script, img, iframe, style')).toHaveLength(0);
    expect([...rendered.querySelectorAll('*')].flatMap((element) => element.getAttributeNames()).filter((name) => name.startsWith('on'))).toEqual([]);
    expect([...rendered.querySelectorAll('a')].map((link) => link.getAttribute('href'))).toEqual(['https://example.jp/manual']);
    expect(created.renderedHtml_ja).toContain('&lt;script&gt;');
    expect(created.renderedHtml_ja).toContain('<a href="https://example.jp/manual" rel="noopener noreferrer" target="_blank">マニュアル</a>');
    expect(valueOf(await api.searchFaqArticles({ q: '録音' })).items[0]?.id).toBe(created.id);
  });

  it('names every invalid field of an article', async () => {
    const { api } = await faqAs('admin');
    const refused = await api.createFaqArticle({ categoryId: accountSection, title_ja: ' ', body_ja: '   ', tags: ['a,b'] });
    expect(refused).toMatchObject({ ok: false, error: { status: 400, code: 'validation' } });
    expect(fieldPaths(refused)).toEqual(['body.title_ja', 'body.body_ja', 'body.tags.0']);
    expect(fieldPaths(await api.createFaqArticle({ categoryId: '00000000-0000-4000-8000-000000000999', title_ja: '題', body_ja: '本文' }))).toEqual(['body.categoryId']);
    expect(fieldPaths(await api.updateFaqArticle(demoFaqIds.passwordReset, { expectedVersion: 3, categoryId: '00000000-0000-4000-8000-000000000998' }))).toEqual(['body.categoryId']);
  });

  it('saves a new version from the current one, keeps it for no change, refuses a stale one with 409, and keeps the history', async () => {
    const { api } = await faqAs('sv1');
    const current = valueOf(await api.getFaqArticle(demoFaqIds.cancellation));
    const saved = valueOf(await api.updateFaqArticle(current.id, { expectedVersion: current.version, title_en: 'Cancelling and the cancellation fee', tags: ['違約金', '解約'], changeSummary: '英語タイトルを修正' }));
    expect(saved).toMatchObject({ version: current.version + 1, title_en: 'Cancelling and the cancellation fee', updatedByName: 'SV 中村 (東京)' });
    expect(valueOf(await api.updateFaqArticle(current.id, { expectedVersion: saved.version, title_en: saved.title_en })).version).toBe(saved.version);

    const stale = await api.updateFaqArticle(current.id, { expectedVersion: current.version, body_ja: '古い版からの編集' });
    expect(stale).toMatchObject({ ok: false, error: { kind: 'http', status: 409, code: 'conflict' } });

    const history = valueOf(await api.listFaqArticleVersions(current.id));
    expect(history.map((version) => [version.version, version.changedFields, version.changeSummary])).toEqual([
      [3, ['title_en', 'tags'], '英語タイトルを修正'],
      [2, ['body_ja', 'body_en'], '解約金の改定（4月から）'],
      [1, ['categoryId', 'title_ja', 'body_ja', 'title_en', 'body_en', 'tags', 'archived'], ''],
    ]);
    expect(history[2]?.body_ja).toContain('1,000円');

    valueOf(await api.updateFaqArticle(current.id, { expectedVersion: saved.version, archived: true }));
    expect(valueOf(await api.searchFaqArticles({ q: '違約金' })).items).toEqual([]);
    const { api: agent } = await faqAs('1001');
    expect(await agent.listFaqArticleVersions(current.id)).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await agent.updateFaqArticle(current.id, { expectedVersion: 1 })).toMatchObject({ ok: false, error: { status: 403 } });
    const { api: admin } = await faqAs('admin');
    expect(await admin.listFaqArticleVersions('00000000-0000-4000-8000-000000000999')).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it('exports the current set as JSON and as CSV for Excel, to editors only', async () => {
    const { api } = await faqAs('sv2');
    const exported = valueOf(await api.exportFaq());
    expect(exported.articles).toHaveLength(demoFaqArticles.length);
    expect(exported.articles.some((article) => article.archived)).toBe(false);
    expect(exported.categories).toHaveLength(6);

    const csv = valueOf(await api.exportFaqCsv());
    expect(csv.filename).toMatch(/^faq-\d{8}T\d{4}\.csv$/);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('"id","category_ja","category_en","title_ja","body_ja","title_en","body_en","tags","version","updated_at","updated_by"');
    expect(csv.text.endsWith('\r\n')).toBe(true);
    expect(csv.text).toContain('"パスワード, ログイン, マイページ"');
    expect(csv.blob.size).toBe(new TextEncoder().encode(csv.text).length + 3);

    const { api: agent } = await faqAs('1005');
    expect(await agent.exportFaq()).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await agent.exportFaqCsv()).toMatchObject({ ok: false, error: { status: 403, code: 'forbidden' } });
  });

  it('sends the CSRF token with every change', async () => {
    const { api } = await faqAs('sv1');
    const sent: { method: string; csrf: string | null }[] = [];
    server.events.on('request:start', ({ request }) => sent.push({ method: request.method, csrf: request.headers.get('x-csrf-token') }));
    const created = valueOf(await api.createFaqArticle({ categoryId: accountSection, title_ja: '題', body_ja: '本文' }));
    valueOf(await api.updateFaqArticle(created.id, { expectedVersion: 1, body_ja: '新しい本文' }));
    valueOf(await api.getFaqArticle(created.id));
    expect(sent.map((request) => [request.method, request.csrf !== null])).toEqual([
      ['POST', true],
      ['PATCH', true],
      ['GET', false],
    ]);
  });

  const someId = demoFaqIds.passwordReset;
  const operations: [string, 'get' | 'post' | 'patch', string, (api: FaqApi) => Promise<ApiResult<unknown>>][] = [
    ['listFaqCategories', 'get', '/api/faq/categories', (api) => api.listFaqCategories()],
    ['searchFaqArticles', 'get', '/api/faq/articles', (api) => api.searchFaqArticles({ q: 'パスワード' })],
    ['getFaqArticle', 'get', '/api/faq/articles/:id', (api) => api.getFaqArticle(someId)],
    ['createFaqArticle', 'post', '/api/faq/articles', (api) => api.createFaqArticle({ categoryId: accountSection, title_ja: '題', body_ja: '本文' })],
    ['updateFaqArticle', 'patch', '/api/faq/articles/:id', (api) => api.updateFaqArticle(someId, { expectedVersion: 3 })],
    ['listFaqArticleVersions', 'get', '/api/faq/articles/:id/versions', (api) => api.listFaqArticleVersions(someId)],
    ['exportFaq', 'get', '/api/faq/export', (api) => api.exportFaq()],
    ['exportFaqCsv', 'get', '/api/faq/export', (api) => api.exportFaqCsv()],
  ];

  it.each(operations)('%s turns an answer that breaks the contract into invalid-response, reported once', async (_name, method, path, call) => {
    const { api, reportUnexpected } = await faqAs('sv1');
    server.use(faults.malformed(method, path, { items: [{ id: 'not-a-uuid' }], hasMore: 'yes', renderedHtml_ja: 1 }));
    expect(await call(api)).toMatchObject({ ok: false, error: { kind: 'invalid-response', status: 200 } });
    expect(reportUnexpected).toHaveBeenCalledTimes(1);
  });
});
