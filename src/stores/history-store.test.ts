import { delay, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { demoAccount } from '../testing/msw/demo-directory';
import { installMockService } from '../testing/msw/install-mock-service';
import { server } from '../testing/msw/server';
import { signedInClient } from '../testing/msw/signed-in-client';
import { callSearchOf, createHistoryStore, customerSearchOf, type HistoryStore } from './history-store';

installMockService();

async function storeOf(username: string, pageSize = 20): Promise<HistoryStore> {
  const { client } = await signedInClient(username);
  return createHistoryStore({ client, agentId: () => demoAccount(username).id, debounceMs: 0, pageSize, refreshAfterCallMs: 0 });
}

describe('what the agent types', () => {
  it('searches calls by number when it looks like one, else by the notes', () => {
    expect(callSearchOf('  ')).toEqual({});
    expect(callSearchOf('03-1234-5678')).toEqual({ number: '03-1234-5678' });
    expect(callSearchOf('０９０－１２３４－５６７８')).toEqual({ number: '０９０－１２３４－５６７８' });
    expect(callSearchOf('1002')).toEqual({ number: '1002' });
    expect(callSearchOf('折り返し')).toEqual({ q: '折り返し' });
    expect(callSearchOf('5月の請求')).toEqual({ q: '5月の請求' });
  });

  it('searches customers by a whole number only, else by name, kana and notes', () => {
    expect(customerSearchOf('')).toEqual({});
    expect(customerSearchOf('ヤマダ')).toEqual({ q: 'ヤマダ' });
    expect(customerSearchOf('０３－１２３４－５６７８')).toEqual({ phone: '03-1234-5678' });
    expect(customerSearchOf('090-1234')).toBeUndefined();
  });
});

describe('history store', () => {
  it('lists only my own calls, page by page with the cursor', async () => {
    const store = await storeOf('1002', 4);
    store.getState().start();
    await vi.waitFor(() => expect(store.getState().calls.status).toBe('ready'));
    expect(store.getState().calls.items).toHaveLength(4);
    for (const expected of [8, 10]) {
      store.getState().loadMoreCalls();
      await vi.waitFor(() => expect(store.getState().calls.items).toHaveLength(expected));
    }
    await vi.waitFor(() => expect(store.getState().calls.status).toBe('ready'));
    expect(store.getState().calls.nextCursor).toBeNull();
    const calls = store.getState().calls.items;
    expect(new Set(calls.map((call) => call.agentName))).toEqual(new Set(['鈴木 一郎']));
    expect(new Set(calls.map((call) => call.id)).size).toBe(10);
    expect(calls.map((call) => call.startedAt)).toEqual([...calls.map((call) => call.startedAt)].sort().reverse());
  });

  it('drops an older search answer that arrives after a newer one', async () => {
    const store = await storeOf('1001');
    store.getState().start();
    await vi.waitFor(() => expect(store.getState().customers.status).toBe('ready'));
    server.use(
      http.get('/api/customers', async ({ request }) => {
        if (new URL(request.url).searchParams.get('q') === 'ヤマダ') await delay(200);
      }),
    );
    store.getState().setCustomerQuery('ヤマダ');
    await delay(30);
    store.getState().setCustomerQuery('カブシキガイシャ');
    await vi.waitFor(() => expect(store.getState().customers.itemsFor).toBe('カブシキガイシャ'));
    await delay(250);
    expect(store.getState().customers.itemsFor).toBe('カブシキガイシャ');
    expect(store.getState().customers.items.map((customer) => customer.name)).toContain('株式会社みなと物流');
    expect(store.getState().customers.items.map((customer) => customer.name)).not.toContain('山田 太郎');
  });

  it('does not ask the service for part of a phone number', async () => {
    const store = await storeOf('1001');
    store.getState().start();
    await vi.waitFor(() => expect(store.getState().customers.status).toBe('ready'));
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => asked.push(new URL(request.url).pathname));
    store.getState().setCustomerQuery('03-52');
    await vi.waitFor(() => expect(store.getState().customers.status).toBe('incomplete-number'));
    await delay(20);
    expect(asked).toEqual([]);
  });

  it('explains a refused search', async () => {
    const store = await storeOf('1001');
    store.getState().start();
    await vi.waitFor(() => expect(store.getState().calls.status).toBe('ready'));
    server.use(http.get('/api/call-records', () => Response.error()));
    store.getState().refreshCalls();
    await vi.waitFor(() => expect(store.getState().calls).toMatchObject({ status: 'failed', error: { kind: 'network' } }));
  });
});
