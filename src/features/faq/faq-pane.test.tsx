import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { delay, http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { FaqApi } from '../../api/faq-api';
import { useLocaleStore } from '../../i18n/locale-store';
import { createFaqStore } from '../../stores/faq-store';
import { FaqStoreProvider } from '../../stores/faq-store-context';
import { demoFaqIds } from '../../testing/msw/demo-faq';
import { faults } from '../../testing/msw/faults';
import { installMockService } from '../../testing/msw/install-mock-service';
import { mockDatabase } from '../../testing/msw/mock-database';
import { server } from '../../testing/msw/server';
import { signedInClient } from '../../testing/msw/signed-in-client';
import { FaqPane } from './faq-pane';

installMockService();

/** The FAQ panel as agent 1001 sees it, over the mock service. */
async function renderFaq() {
  const { client } = await signedInClient('1001');
  const store = createFaqStore({ client, debounceMs: 20 });
  render(
    <FaqStoreProvider store={store}>
      <FaqPane />
    </FaqStoreProvider>,
  );
  // The list for an empty box (by category) is there before the agent types.
  await waitFor(() => expect(screen.getAllByTestId('faq-result').length).toBeGreaterThan(0));
  return { store, user: userEvent.setup() };
}

function resultTitles(): string[] {
  return screen.getAllByTestId('faq-result').map((option) => option.querySelector('span')?.textContent ?? '');
}

/** Types `query` into the box and waits for its own answer (not one for the letters typed before). */
async function searchFor(user: ReturnType<typeof userEvent.setup>, query: string, firstTitle: string): Promise<void> {
  const box = screen.getByTestId('faq-search');
  await user.clear(box);
  await user.type(box, query);
  await waitFor(() => expect(screen.getByRole('listbox').getAttribute('aria-busy')).toBe('false'));
  await waitFor(() => expect(resultTitles()[0]).toBe(firstTitle));
}

async function expectNoAxeViolations(): Promise<void> {
  // jsdom has no layout, so contrast is checked in the browser (e2e), not here.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);
}

beforeEach(() => {
  useLocaleStore.getState().setLocale('ja');
});

describe('FAQ panel', () => {
  it('finds an article from a Japanese query as the agent types, with the words highlighted, and opens it', async () => {
    const { user } = await renderFaq();
    await searchFor(user, '住所変更', '住所変更の手続き');
    const first = screen.getAllByTestId('faq-result')[0];
    if (!first) throw new Error('no result');
    expect(within(first).getByText('住所・名義の変更')).toBeTruthy();
    expect(first.querySelector('mark')?.textContent).toBe('住所変更');
    expect(screen.getByTestId('faq-status').textContent).toMatch(/^\d+件$/u);

    await user.click(first);
    expect((await screen.findByTestId('faq-article-title')).textContent).toBe('住所変更の手続き');
    const article = screen.getByTestId('faq-article');
    expect(within(article).getByText('新しい住所を郵便番号から伺う')).toBeTruthy();
    expect(within(article).getByTestId('faq-article-category').textContent).toBe('住所・名義の変更');
  });

  it('searches in English with English titles, and says when an article is in Japanese only', async () => {
    useLocaleStore.getState().setLocale('en');
    const { user } = await renderFaq();
    expect(screen.getByLabelText('Search the FAQ')).toBe(screen.getByTestId('faq-search'));
    await searchFor(user, 'address', 'Changing the address');
    await user.click(screen.getAllByTestId('faq-result')[0] ?? document.body);
    expect((await screen.findByTestId('faq-article-title')).textContent).toBe('Changing the address');
    expect(screen.getByText('Ask for the new address starting with the postcode')).toBeTruthy();

    await searchFor(user, '領収書', '領収書の発行');
    const receipt = screen.getAllByTestId('faq-result')[0];
    if (!receipt) throw new Error('no result');
    expect(within(receipt).getByText('Japanese only')).toBeTruthy();
    await user.click(receipt);
    await waitFor(() => expect(screen.getByTestId('faq-article-title').textContent).toBe('領収書の発行'));
    expect(screen.getByText('This article is in Japanese only.')).toBeTruthy();
  });

  it('narrows the results to the chosen category', async () => {
    const { user } = await renderFaq();
    await user.type(screen.getByTestId('faq-search'), '変更');
    await waitFor(() => expect(resultTitles()).toEqual(expect.arrayContaining(['住所変更の手続き', 'プラン変更の手続き'])));
    const everywhere = screen.getAllByTestId('faq-result').length;
    const categories = new Set(screen.getAllByTestId('faq-result').map((option) => option.querySelector('span.mt-1 span')?.textContent));
    expect(categories.size).toBeGreaterThan(1);

    await user.selectOptions(screen.getByTestId('faq-category'), demoFaqIds.category('address'));
    await waitFor(() => expect(screen.getAllByTestId('faq-result').length).toBeLessThan(everywhere));
    for (const option of screen.getAllByTestId('faq-result')) expect(within(option).getByText('住所・名義の変更')).toBeTruthy();
    expect(resultTitles()).toContain('住所変更の手続き');
    expect(resultTitles()).not.toContain('プラン変更の手続き');
  });

  it('is operated from the keyboard: arrows choose, Enter opens, Esc returns to the box', async () => {
    const { user } = await renderFaq();
    await searchFor(user, 'パスワード', 'パスワードを忘れた場合の再設定');
    const box = screen.getByTestId('faq-search');
    expect(box.getAttribute('role')).toBe('combobox');
    expect(document.activeElement).toBe(box);

    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
    expect(options[1]?.getAttribute('aria-selected')).toBe('false');
    expect(box.getAttribute('aria-activedescendant')).toBe(options[0]?.id);

    await user.keyboard('{Enter}');
    expect((await screen.findByTestId('faq-article-title')).textContent).toBe('パスワードを忘れた場合の再設定');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('faq-article')));
    expect(screen.getByRole('article', { name: 'パスワードを忘れた場合の再設定' })).toBeTruthy();

    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(box);
  });

  it('shows the article updated date in Japan time and never lets active content in', async () => {
    const editor = await signedInClient('sv1');
    // 2026-03-31 15:30 UTC is already 1 April, 00:30 in Tokyo.
    mockDatabase.now = () => Date.parse('2026-03-31T15:30:00Z');
    const created = await new FaqApi(editor.client).createFaqArticle({
      categoryId: demoFaqIds.category('system'),
      title_ja: '画面が固まったときの対処',
      body_ja: '再読み込みしてください。<img src=x onerror="window.hacked=1"> [危険](javascript:alert(1)) [手順書](https://manual.example.jp/reload)',
    });
    mockDatabase.now = Date.now;
    if (!created.ok) throw new Error(created.error.message);

    const { user } = await renderFaq();
    await searchFor(user, '画面が固まった', '画面が固まったときの対処');
    await user.click(screen.getAllByTestId('faq-result')[0] ?? document.body);
    await screen.findByTestId('faq-article-title');
    expect(screen.getByTestId('faq-article-updated').textContent).toBe('更新: 2026/04/01 00:30（日本時間）');
    const body = screen.getByTestId('faq-article-body');
    expect(body.querySelector('img')).toBeNull();
    expect(body.querySelector('[onerror]')).toBeNull();
    expect([...body.querySelectorAll('a')].map((link) => [link.getAttribute('href'), link.getAttribute('rel')])).toEqual([['https://manual.example.jp/reload', 'noopener noreferrer']]);
  });

  it('sanitises the article again, in case the service or a proxy lets active content through', async () => {
    const { user } = await renderFaq();
    const original = await new FaqApi((await signedInClient('1001')).client).getFaqArticle(demoFaqIds.receipts);
    if (!original.ok) throw new Error(original.error.message);
    server.use(
      http.get('/api/faq/articles/:id', () =>
        HttpResponse.json({
          ...original.value,
          renderedHtml_ja:
            '<p>領収書<script>window.hacked = 1</script></p><img src="x" onerror="window.hacked = 1"><a href="javascript:window.hacked = 1">押す</a><iframe src="https://evil.example"></iframe><a href="https://help.example.jp" target="_blank">ヘルプ</a>',
        }),
      ),
    );
    await searchFor(user, '領収書', '領収書の発行');
    await user.click(screen.getAllByTestId('faq-result')[0] ?? document.body);
    await screen.findByTestId('faq-article-title');
    const body = screen.getByTestId('faq-article-body');
    expect(body.querySelector('script, iframe, [onerror]')).toBeNull();
    expect([...body.querySelectorAll('a')].map((link) => [link.getAttribute('href'), link.getAttribute('rel')])).toEqual([
      [null, null],
      ['https://help.example.jp', 'noopener noreferrer'],
    ]);
    expect(body.textContent).toContain('領収書');
  });

  it('keeps the newest results when an older search answers late', async () => {
    server.use(
      http.get('/api/faq/articles', async ({ request }) => {
        // The first search is slow; the handler then falls through to the mock service.
        if (new URL(request.url).searchParams.get('q') === 'パスワード') await delay(300);
      }),
    );
    const started: string[] = [];
    server.events.on('request:start', ({ request }) => {
      const q = new URL(request.url).searchParams.get('q');
      if (q !== null) started.push(q);
    });
    const { user } = await renderFaq();
    const box = screen.getByTestId('faq-search');
    await user.type(box, 'パスワード');
    await waitFor(() => expect(started).toContain('パスワード'));
    await user.clear(box);
    await user.type(box, '解約');
    await waitFor(() => expect(resultTitles()[0]).toBe('解約の手続きと解約金'));
    await delay(400);
    expect(resultTitles()[0]).toBe('解約の手続きと解約金');
    expect(resultTitles()).not.toContain('パスワードを忘れた場合の再設定');
  });

  it('passes axe checks with results, an active option and an open article', async () => {
    const { user } = await renderFaq();
    await searchFor(user, '解約', '解約の手続きと解約金');
    await user.keyboard('{ArrowDown}{Enter}');
    await screen.findByTestId('faq-article-title');
    await expectNoAxeViolations();
  });

  it('says when nothing matches', async () => {
    const { user } = await renderFaq();
    await user.type(screen.getByTestId('faq-search'), 'ぴよぴよ');
    await waitFor(() => expect(screen.getByTestId('faq-status').textContent).toBe('「ぴよぴよ」に該当する記事はありません。'));
    expect(screen.queryAllByTestId('faq-result')).toHaveLength(0);
  });

  it('explains a failing service and searches again on request', async () => {
    const { user } = await renderFaq();
    server.use(faults.serverError('get', '/api/faq/articles'));
    await user.type(screen.getByTestId('faq-search'), '解約');
    expect((await screen.findByTestId('faq-error')).textContent).toContain('FAQを検索できませんでした。 CTIサービスでエラーが発生しました (500)。');

    server.resetHandlers();
    await user.click(screen.getByRole('button', { name: '再試行' }));
    await waitFor(() => expect(resultTitles()[0]).toBe('解約の手続きと解約金'));
    expect(screen.queryByTestId('faq-error')).toBeNull();
  });

  it('explains an unreachable service in English', async () => {
    useLocaleStore.getState().setLocale('en');
    const { user } = await renderFaq();
    server.use(faults.unreachable('get', '/api/faq/articles'));
    await user.type(screen.getByTestId('faq-search'), 'plan');
    expect((await screen.findByTestId('faq-error')).textContent).toContain('The FAQ could not be searched. Cannot reach the CTI service. Check the network.');
  });
});
