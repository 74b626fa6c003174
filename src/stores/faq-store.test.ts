import { delay, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api/api-client';
import { installMockService } from '../testing/msw/install-mock-service';
import { server } from '../testing/msw/server';
import { signedInClient } from '../testing/msw/signed-in-client';
import { createFaqStore, type FaqStore } from './faq-store';

installMockService();

/** The searches the mock service receives (the `q` of each), with their requests. */
function recordSearches(): { q: string | null; request: Request }[] {
  const seen: { q: string | null; request: Request }[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname === '/api/faq/articles') seen.push({ q: url.searchParams.get('q'), request });
  });
  return seen;
}

/** Makes the search for `q` answer only after `ms`; other searches answer at once. */
function slowSearchFor(q: string, ms: number): void {
  server.use(
    http.get('/api/faq/articles', async ({ request }) => {
      if (new URL(request.url).searchParams.get('q') === q) await delay(ms);
    }),
  );
}

async function settled(store: FaqStore, query: string): Promise<void> {
  await vi.waitFor(() => {
    expect(store.getState().searching).toBe(false);
    expect(store.getState().resultsFor?.query).toBe(query);
  });
}

describe('FAQ store', () => {
  it('lists articles by category for an empty box, with the categories', async () => {
    const { client } = await signedInClient('1001');
    const store = createFaqStore({ client, debounceMs: 10 });
    store.getState().start('ja');
    await settled(store, '');
    await vi.waitFor(() => expect(store.getState().categories.map((category) => category.name_ja)).toContain('料金・お支払い'));
    expect(store.getState().results.length).toBe(20);
    expect(store.getState().results.every((hit) => hit.score === null)).toBe(true);
    expect(store.getState().hasMore).toBe(true);
  });

  it('sends one search once the agent pauses, not one per keystroke', async () => {
    const { client } = await signedInClient('1001');
    const store = createFaqStore({ client, debounceMs: 50 });
    store.getState().start('ja');
    await settled(store, '');
    const searches = recordSearches();
    for (const typed of ['解', '解約', '解約金']) store.getState().setQuery(typed);
    await settled(store, '解約金');
    expect(searches.map((search) => search.q)).toEqual(['解約金']);
    expect(store.getState().results[0]?.title).toBe('解約の手続きと解約金');
  });

  it('cancels the search the agent has typed past', async () => {
    const { client } = await signedInClient('1001');
    const store = createFaqStore({ client, debounceMs: 0 });
    store.getState().start('ja');
    await settled(store, '');
    slowSearchFor('パスワード', 500);
    const searches = recordSearches();
    store.getState().setQuery('パスワード');
    await vi.waitFor(() => expect(searches.map((search) => search.q)).toEqual(['パスワード']));
    store.getState().setQuery('解約');
    await settled(store, '解約');
    expect(searches[0]?.request.signal.aborted).toBe(true);
    expect(searches[1]?.request.signal.aborted).toBe(false);
  });

  it('drops an older answer that arrives after a newer one, even when the request could not be cancelled', async () => {
    await signedInClient('1001');
    // A client whose requests cannot be aborted: the late answer does arrive.
    const client = new ApiClient({ reportUnexpected: () => undefined, fetch: (input, init) => globalThis.fetch(input, { ...init, signal: null }) });
    const store = createFaqStore({ client, debounceMs: 0 });
    store.getState().start('ja');
    await settled(store, '');
    slowSearchFor('パスワード', 200);
    const searches = recordSearches();
    const answered: string[] = [];
    server.events.on('response:mocked', ({ request }) => {
      const q = new URL(request.url).searchParams.get('q');
      if (q !== null) answered.push(q);
    });
    store.getState().setQuery('パスワード');
    await vi.waitFor(() => expect(searches).toHaveLength(1));
    store.getState().setQuery('解約');
    await settled(store, '解約');
    await vi.waitFor(() => expect(answered).toEqual(['解約', 'パスワード']));
    await delay(20);
    expect(store.getState().resultsFor?.query).toBe('解約');
    expect(store.getState().results[0]?.title).toBe('解約の手続きと解約金');
  });

  it('searches in the agent language: English titles and excerpts first', async () => {
    const { client } = await signedInClient('1001');
    const store = createFaqStore({ client, debounceMs: 0 });
    store.getState().start('en');
    store.getState().setQuery('password');
    await settled(store, 'password');
    expect(store.getState().results[0]).toMatchObject({ language: 'en', title: 'Resetting a forgotten password' });
  });

  it('opens the latest article asked for, even when an earlier one answers later', async () => {
    const { client } = await signedInClient('1001');
    const store = createFaqStore({ client, debounceMs: 0 });
    store.getState().start('ja');
    await settled(store, '');
    const [first, second] = store.getState().results;
    if (!first || !second) throw new Error('two articles expected');
    server.use(
      http.get('/api/faq/articles/:id', async ({ params }) => {
        if (params.id === first.id) await delay(200);
      }),
    );
    store.getState().openArticle(first.id);
    store.getState().openArticle(second.id);
    await vi.waitFor(() => expect(store.getState().article).toMatchObject({ status: 'open', id: second.id }));
    await delay(300);
    expect(store.getState().article).toMatchObject({ status: 'open', id: second.id });
  });
});
