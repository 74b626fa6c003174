import { describe, expect, it } from 'vitest';
import type { CustomerDto } from '../contract/customers';
import { demoCustomerIds } from '../testing/msw/demo-customers';
import { demoGroupIds } from '../testing/msw/demo-directory';
import { faults } from '../testing/msw/faults';
import { installMockService } from '../testing/msw/install-mock-service';
import { server } from '../testing/msw/server';
import { signedInClient } from '../testing/msw/signed-in-client';
import type { ApiResult } from './api-error';
import { CustomersApi } from './customers-api';

installMockService();

async function customersAs(username: string) {
  const { client, reportUnexpected } = await signedInClient(username);
  return { api: new CustomersApi(client), reportUnexpected };
}

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function fieldPaths(result: ApiResult<unknown>): readonly string[] {
  return !result.ok && result.error.kind === 'http' ? (result.error.fields?.map((field) => field.path) ?? []) : [];
}

describe('CustomersApi against the mock CTI service', () => {
  it('pops up the customer of a number typed or presented in any format, with their last calls', async () => {
    const { api } = await customersAs('1001');
    for (const number of ['03-1234-5678', '0312345678', '+81 3-1234-5678', '０３－１２３４－５６７８', 'sip:0312345678@pbx.example;user=phone', '186-03-1234-5678']) {
      const popped = valueOf(await api.lookupCustomers(number));
      expect(popped.e164, number).toBe('+81312345678');
      expect(popped.items.map((customer) => customer.id)).toEqual([demoCustomerIds.yamadaTokyo]);
    }
    const [yamada] = valueOf(await api.lookupCustomers('03-1234-5678')).items;
    expect(yamada).toMatchObject({ name: '山田 太郎', nameKana: 'ヤマダ タロウ', phones: [{ e164: '+81312345678', national: '03-1234-5678', label: 'home' }, { label: 'mobile' }] });
    expect(yamada?.recentCallRecords.length).toBeGreaterThan(0);
    expect(yamada?.recentCallRecords.length).toBeLessThanOrEqual(5);
    expect(yamada?.recentCallRecords.every((call) => call.customerId === demoCustomerIds.yamadaTokyo && call.groupId === demoGroupIds.tokyo)).toBe(true);

    expect(valueOf(await api.lookupCustomers('1002'))).toEqual({ e164: null, items: [] });
    expect(valueOf(await api.lookupCustomers('080-9999-0000'))).toEqual({ e164: '+818099990000', items: [] });
    expect(fieldPaths(await api.lookupCustomers(''))).toEqual(['querystring.number']);
  });

  it('shows each group only its own customers, even for one number known to both', async () => {
    const lookup = async (username: string) => valueOf(await (await customersAs(username)).api.lookupCustomers('090-1234-5678')).items.map((customer) => customer.id);
    expect(await lookup('1001')).toEqual([demoCustomerIds.yamadaTokyo]);
    expect(await lookup('1004')).toEqual([demoCustomerIds.yamadaOsaka]);
    expect(await lookup('admin')).toEqual([demoCustomerIds.yamadaTokyo, demoCustomerIds.yamadaOsaka]);

    const { api } = await customersAs('sv2');
    expect(await api.getCustomer(demoCustomerIds.yamadaTokyo)).toMatchObject({ ok: false, error: { status: 403, code: 'forbidden' } });
    expect(await api.getCustomer('00000000-0000-4000-8000-000000000999')).toMatchObject({ ok: false, error: { status: 404, code: 'not-found' } });
    expect(valueOf(await api.searchCustomers({ limit: 200 })).items.every((customer) => customer.groupId === demoGroupIds.osaka)).toBe(true);
  });

  it('creates a customer with numbers normalised to E.164, labelled, and フリガナ in katakana', async () => {
    const { api } = await customersAs('1001');
    const created = valueOf(
      await api.createCustomer({ name: ' 森 さくら ', nameKana: 'もり さくら', email: 'sakura.mori@example.jp', phones: [{ number: '０９０－８７６５－４３２１' }, { number: '+81 45-123-4567' }] }),
    );
    expect(created).toMatchObject({
      groupId: demoGroupIds.tokyo,
      name: '森 さくら',
      nameKana: 'モリ サクラ',
      address: null,
      notes: '',
      phones: [
        { e164: '+819087654321', national: '090-8765-4321', label: 'mobile' },
        { e164: '+81451234567', national: '045-123-4567', label: 'other' },
      ],
      version: 1,
    });
    expect(valueOf(await api.searchCustomers({ limit: 1 })).items[0]?.id).toBe(created.id);
    expect(valueOf(await api.lookupCustomers('045-123-4567')).items.map((customer) => customer.id)).toEqual([created.id]);
  });

  it('names every invalid field of a new customer, and refuses a number taken in the group with 409', async () => {
    const { api } = await customersAs('1001');
    const schemaRefusal = await api.createCustomer({ name: '', email: 'not-mail', nameKana: 'Yamada', phones: [{ number: '' }] });
    expect(schemaRefusal).toMatchObject({ ok: false, error: { status: 400, code: 'validation' } });
    expect(fieldPaths(schemaRefusal)).toEqual(['body.name', 'body.nameKana', 'body.email', 'body.phones.0.number']);
    const numbers = await api.createCustomer({ name: '番号 違い', phones: [{ number: '03-1111-2222' }, { number: '03-123' }, { number: '0311112222' }] });
    expect(fieldPaths(numbers)).toEqual(['body.phones.1.number', 'body.phones.2.number']);

    const taken = await api.createCustomer({ name: '山田 次郎', phones: [{ number: '080-1111-2222' }, { number: '03 1234 5678' }] });
    expect(taken).toMatchObject({ ok: false, error: { status: 409, code: 'conflict' } });
    expect(fieldPaths(taken)).toEqual(['body.phones.1.number']);

    const { api: osaka } = await customersAs('1004');
    expect(valueOf(await osaka.createCustomer({ name: '山田 次郎', phones: [{ number: '03-1234-5678' }] })).groupId).toBe(demoGroupIds.osaka);
    expect(await osaka.createCustomer({ groupId: demoGroupIds.tokyo, name: '越境 太郎' })).toMatchObject({ ok: false, error: { status: 403 } });
  });

  it('edits a customer from the version loaded, keeps the version for no change, and refuses a stale one with 409', async () => {
    const { api } = await customersAs('sv1');
    const loaded = valueOf(await api.getCustomer(demoCustomerIds.minatoLogistics));
    expect(loaded.recentCallRecords.length).toBeLessThanOrEqual(10);
    const saved = valueOf(await api.updateCustomer(loaded.id, { expectedVersion: loaded.version, notes: '請求書は月末締め、翌月10日払い。', phones: [{ number: '03-5211-0800', label: 'work' }] }));
    expect(saved).toMatchObject({ version: loaded.version + 1, notes: '請求書は月末締め、翌月10日払い。', phones: [{ e164: '+81352110800', label: 'work' }] });
    expect(valueOf(await api.updateCustomer(loaded.id, { expectedVersion: saved.version, notes: saved.notes })).version).toBe(saved.version);

    const stale = await api.updateCustomer(loaded.id, { expectedVersion: loaded.version, name: '古い 版' });
    expect(stale).toMatchObject({ ok: false, error: { kind: 'http', status: 409, code: 'conflict' } });
    expect(fieldPaths(await api.updateCustomer(loaded.id, { expectedVersion: saved.version, phones: [{ number: '090-1234-5678' }] }))).toEqual(['body.phones.0.number']);
    expect(fieldPaths(await api.updateCustomer(loaded.id, { expectedVersion: saved.version, phones: [{ number: 'none' }] }))).toEqual(['body.phones.0.number']);
    expect(fieldPaths(await api.updateCustomer('nope', { expectedVersion: 1 }))).toEqual(['params.id']);
  });

  it('finds customers by name, フリガナ in either kana, or notes, ignoring spaces', async () => {
    const { api } = await customersAs('1001');
    const names = async (q: string) => valueOf(await api.searchCustomers({ q, limit: 200 })).items.map((customer) => customer.name);
    expect(await names('山田太郎')).toEqual(['山田 太郎']);
    expect(await names('やまだ たろう')).toEqual(['山田 太郎']);
    expect(await names('ﾐﾅﾄ')).toEqual(['株式会社みなと物流']);
    expect(await names('月末締め')).toEqual(['株式会社みなと物流']);
    expect(valueOf(await api.searchCustomers({ phone: '+81 90 1234 5678' })).items.map((customer) => customer.id)).toEqual([demoCustomerIds.yamadaTokyo]);
    expect(fieldPaths(await api.searchCustomers({ phone: '12' }))).toEqual(['querystring.phone']);
  });

  it('pages through every customer of the group, newest first, to the end', async () => {
    const { api } = await customersAs('1002');
    const everyone = valueOf(await api.searchCustomers({ limit: 200 }));
    expect(everyone.items.length).toBeGreaterThanOrEqual(15);
    const paged: CustomerDto[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = valueOf(await api.searchCustomers({ limit: 4, ...(cursor === undefined ? {} : { cursor }) }));
      paged.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined && pages < 50);
    expect(pages).toBe(Math.ceil(everyone.items.length / 4));
    expect(paged.map((customer) => customer.id)).toEqual(everyone.items.map((customer) => customer.id));
    const created = paged.map((customer) => Date.parse(customer.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(fieldPaths(await api.searchCustomers({ cursor: 'garbage' }))).toEqual(['querystring.cursor']);
  });

  it('sends the CSRF token with every change', async () => {
    const { api } = await customersAs('1001');
    const sent: { method: string; csrf: string | null }[] = [];
    server.events.on('request:start', ({ request }) => sent.push({ method: request.method, csrf: request.headers.get('x-csrf-token') }));
    valueOf(await api.createCustomer({ name: '新規 顧客' }));
    valueOf(await api.updateCustomer(demoCustomerIds.yamadaTokyo, { expectedVersion: 1 }));
    valueOf(await api.searchCustomers());
    expect(sent.map((request) => [request.method, request.csrf !== null])).toEqual([
      ['POST', true],
      ['PATCH', true],
      ['GET', false],
    ]);
  });

  const someId = '00000000-0000-4000-8000-000000000999';
  const operations: [string, 'get' | 'post' | 'patch', string, (api: CustomersApi) => Promise<ApiResult<unknown>>][] = [
    ['lookupCustomers', 'get', '/api/customers/lookup', (api) => api.lookupCustomers('03-1234-5678')],
    ['searchCustomers', 'get', '/api/customers', (api) => api.searchCustomers()],
    ['getCustomer', 'get', '/api/customers/:id', (api) => api.getCustomer(someId)],
    ['createCustomer', 'post', '/api/customers', (api) => api.createCustomer({ name: '壊れた 応答' })],
    ['updateCustomer', 'patch', '/api/customers/:id', (api) => api.updateCustomer(someId, { expectedVersion: 1 })],
  ];

  it.each(operations)('%s turns an answer that breaks the contract into invalid-response, reported once', async (_name, method, path, call) => {
    const { api, reportUnexpected } = await customersAs('1001');
    server.use(faults.malformed(method, path, { items: [{ id: 'not-a-uuid' }], e164: 81, phones: 'none' }));
    expect(await call(api)).toMatchObject({ ok: false, error: { kind: 'invalid-response', status: 200 } });
    expect(reportUnexpected).toHaveBeenCalledTimes(1);
  });
});
