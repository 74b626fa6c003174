import type { AccessModule } from './access-case';

/**
 * FAQ: tenant-wide knowledge, so group does not matter; every signed-in user reads and
 * searches, administrators and supervisors (of either group) write, see history and export.
 */
export const faqAccessCases: AccessModule = async (_testApp, callers) => {
  const admin = await callers.get('admin');
  const categories = await admin.get('/api/faq/categories');
  const categoryId = categories.json<{ items: { id: string }[] }>().items[0]?.id;
  if (categories.statusCode !== 200 || !categoryId) throw new Error(`fixture FAQ categories: ${categories.statusCode} ${categories.body}`);
  const created = await admin.post('/api/faq/articles', { categoryId, title_ja: 'アクセス確認の記事', body_ja: '本文です。', tags: ['確認'] });
  if (created.statusCode !== 201) throw new Error(`fixture FAQ article: ${created.statusCode} ${created.body}`);
  const article = created.json<{ id: string; version: number }>();
  const signedIn = ['admin', 'sv-a', 'sv-b', 'agent-a', 'agent-b'] as const;
  const editors = ['admin', 'sv-a', 'sv-b'] as const;

  return [
    { method: 'GET', route: '/api/faq/categories', url: '/api/faq/categories', allowed: signedIn, what: 'list FAQ categories' },
    { method: 'GET', route: '/api/faq/articles', url: '/api/faq/articles?q=パスワード&lang=ja', allowed: signedIn, what: 'search the FAQ' },
    { method: 'GET', route: '/api/faq/articles', url: '/api/faq/articles?includeArchived=true', allowed: editors, what: 'list FAQ articles with archived ones' },
    { method: 'GET', route: '/api/faq/articles/:id', url: `/api/faq/articles/${article.id}`, allowed: signedIn, what: 'read an FAQ article' },
    {
      method: 'POST',
      route: '/api/faq/articles',
      url: '/api/faq/articles',
      body: { categoryId, title_ja: '新しい記事', body_ja: '新しい本文' },
      allowed: editors,
      what: 'create an FAQ article',
    },
    {
      method: 'PATCH',
      route: '/api/faq/articles/:id',
      url: `/api/faq/articles/${article.id}`,
      // Saving what is already there keeps the version, so every allowed caller can repeat it.
      body: { expectedVersion: article.version, tags: ['確認'] },
      allowed: editors,
      what: 'edit an FAQ article',
    },
    { method: 'GET', route: '/api/faq/articles/:id/versions', url: `/api/faq/articles/${article.id}/versions`, allowed: editors, what: "read an FAQ article's history" },
    { method: 'GET', route: '/api/faq/export', url: '/api/faq/export', allowed: editors, what: 'export the FAQ as JSON' },
    { method: 'GET', route: '/api/faq/export', url: '/api/faq/export?format=csv', allowed: editors, what: 'export the FAQ as CSV' },
  ];
};
