import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallEventResult } from '../../src/contract/call-records';
import type { CustomerDetail, CustomerDto, CustomerLookupResult, CustomerPage } from '../../src/contract/customers';
import type { ErrorResponse } from '../../src/contract/errors';
import { rows } from '../src/db/rows';
import { readCallParty } from '../src/domain/call-records/call-party';
import { searchForms, toKatakana } from '../src/domain/customers/kana';
import { parsePhoneNumber } from '../src/domain/customers/phone-number';
import { callRecordsSeed } from '../src/seed/call-records-seed';
import { customersSeed } from '../src/seed/customers-seed';
import { createTestApp, type TestApp, type TestClient } from './test-app';

let testApp: TestApp | undefined;

/** The app without demo customers, so every customer is the test's own. */
async function start(options: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  testApp = await createTestApp({ moduleSeeds: [customersSeed({ customers: 0 }), callRecordsSeed({ callsPerAgent: 0 })], ...options });
  return testApp;
}

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

function fieldPaths(response: { json: () => unknown }): string[] {
  return ((response.json() as ErrorResponse).error.fields ?? []).map((field) => field.path);
}

async function create(client: TestClient, body: Record<string, unknown>): Promise<CustomerDto> {
  const response = await client.post('/api/customers', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<CustomerDto>();
}

async function customerCount(app: TestApp): Promise<number> {
  const [row] = await rows<{ count: number }>(app.database.db, sql`select count(*)::int as count from customers`);
  return row?.count ?? -1;
}

/** An ended inbound call of `agent` from `number`, `minutes` ago. */
async function callFrom(agent: TestClient, sipCallId: string, number: string, minutes: number): Promise<string> {
  const at = (offset: number) => new Date(Date.now() - (minutes - offset) * 60_000).toISOString();
  const url = `/api/call-records/by-call-id/${encodeURIComponent(sipCallId)}/events`;
  const offered = await agent.put(url, { phase: 'offered', at: at(0), direction: 'inbound', remoteNumber: number });
  await agent.put(url, { phase: 'ended', at: at(1), direction: 'inbound', remoteNumber: number });
  return offered.json<CallEventResult>().callRecordId;
}

describe('phone numbers', () => {
  it.each([
    ['03-1234-5678', '+81312345678', '03-1234-5678'],
    ['0312345678', '+81312345678', '03-1234-5678'],
    ['+81 3-1234-5678', '+81312345678', '03-1234-5678'],
    ['+81-3-1234-5678', '+81312345678', '03-1234-5678'],
    ['(03) 1234-5678', '+81312345678', '03-1234-5678'],
    ['０３－１２３４－５６７８', '+81312345678', '03-1234-5678'],
    ['03ー1234ー5678', '+81312345678', '03-1234-5678'],
    ['090-1234-5678', '+819012345678', '090-1234-5678'],
    ['09012345678', '+819012345678', '090-1234-5678'],
    ['+81 90 1234 5678', '+819012345678', '090-1234-5678'],
    ['080.1234.5678', '+818012345678', '080-1234-5678'],
    ['06-6123-4567', '+81661234567', '06-6123-4567'],
    ['045-123-4567', '+81451234567', '045-123-4567'],
    ['0120-123-456', '+81120123456', '0120-123-456'],
    ['tel:+81-3-1234-5678', '+81312345678', '03-1234-5678'],
    ['+1 650-253-0000', '+16502530000', '(650) 253-0000'],
  ])('%s is %s', (typed, e164, national) => {
    expect(parsePhoneNumber(typed)).toMatchObject({ e164, national });
  });

  it.each(['03-1234-567', '090-1234-56789', '1234', 'abc', '03-1234-5678 内線12', '', '+', '+81 0'])('%s is refused', (typed) => {
    expect(parsePhoneNumber(typed)).toBeUndefined();
  });

  it('tells mobiles from landlines', () => {
    expect(parsePhoneNumber('070-1234-5678')?.mobile).toBe(true);
    expect(parsePhoneNumber('03-1234-5678')?.mobile).toBe(false);
  });

  it('reads call parties: numbers, extensions, withheld', () => {
    expect(readCallParty('sip:03-1234-5678@pbx.example;user=phone')).toEqual({ kind: 'phone', value: '+81312345678' });
    expect(readCallParty('1002')).toEqual({ kind: 'extension', value: '1002' });
    expect(readCallParty('非通知')).toEqual({ kind: 'withheld', value: null });
    expect(readCallParty('Anonymous')).toEqual({ kind: 'withheld', value: null });
    expect(readCallParty('電話')).toBeUndefined();
  });

  it('reads フリガナ in either kana', () => {
    expect(toKatakana('やまだ たろう')).toBe('ヤマダ タロウ');
    expect(toKatakana('ﾔﾏﾀﾞ')).toBe('ヤマダ');
    expect(searchForms('やまだ　たろう')).toEqual(['やまだたろう', 'ヤマダタロウ']);
    expect(searchForms('山田 太郎')).toEqual(['山田太郎']);
  });
});

describe('creating customers', () => {
  it('stores numbers in E.164, フリガナ in katakana, in the creator’s group; audited', async () => {
    const { login, seed, services } = await start();
    const agent = await login('1001');
    const customer = await create(agent, {
      name: '山田 太郎',
      nameKana: 'やまだ たろう',
      email: 'taro.yamada@example.jp',
      address: '東京都千代田区丸の内1丁目1番1号',
      notes: '折り返しは午前中を希望',
      phones: [{ number: '03-1234-5678' }, { number: '０９０－１２３４－５６７８' }, { number: '+81 45-123-4567', label: 'work' }],
    });
    expect(customer).toMatchObject({
      groupId: seed.groupIds.a,
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      version: 1,
      phones: [
        { e164: '+81312345678', national: '03-1234-5678', label: 'other' },
        { e164: '+819012345678', national: '090-1234-5678', label: 'mobile' },
        { e164: '+81451234567', national: '045-123-4567', label: 'work' },
      ],
    });
    const created = await services.audit.search({ tenantId: seed.tenantId, action: 'create', resourceType: 'customer', resourceId: customer.id, limit: 5 });
    expect(created.map((entry) => entry.actorName)).toEqual(['1001']);
  });

  it('refuses every invalid field at once, by path, and writes nothing', async () => {
    const app = await start();
    const agent = await app.login('1001');
    const cases: [Record<string, unknown>, string[]][] = [
      [{ name: '' }, ['body.name']],
      [{ name: '   ' }, ['body.name']],
      [{ name: 'あ'.repeat(101) }, ['body.name']],
      [{ name: '山田', nameKana: '山田' }, ['body.nameKana']],
      [{ name: '山田', email: 'not-mail' }, ['body.email']],
      [{ name: '山田', address: '東'.repeat(301) }, ['body.address']],
      [{ name: '山田', notes: 'x'.repeat(10_001) }, ['body.notes']],
      [{ name: '山田', phones: [{ number: '03-1234-567' }] }, ['body.phones.0.number']],
      [{ name: '山田', phones: [{ number: '090-1234-5678', label: 'pager' }] }, ['body.phones.0.label']],
      [{ name: '山田', phones: Array.from({ length: 11 }, (_, i) => ({ number: `090-1234-56${String(i).padStart(2, '0')}` })) }, ['body.phones']],
      [{ name: '山田', phones: [{ number: '090-1234-5678' }, { number: '09012345678' }, { number: 'abc' }] }, ['body.phones.1.number', 'body.phones.2.number']],
      [{ name: '山田', groupId: 'group-a' }, ['body.groupId']],
    ];
    for (const [body, paths] of cases) {
      const response = await agent.post('/api/customers', body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(fieldPaths(response)).toEqual(expect.arrayContaining(paths));
    }
    const invalidPhone = await agent.post('/api/customers', { name: '山田', phones: [{ number: '03-1234-567' }] });
    expect(invalidPhone.json<ErrorResponse>().error.fields?.[0]?.message).toMatch(/not a valid phone number/);
    expect(await customerCount(app)).toBe(0);
  });

  it('gives a number to one customer per group: a second one is a conflict on that field', async () => {
    const app = await start();
    const [agent, otherGroup, admin] = await Promise.all([app.login('1001'), app.login('1004'), app.login('admin')]);
    await create(agent, { name: '佐藤 花子', phones: [{ number: '03-1111-2222' }] });
    const taken = await agent.post('/api/customers', { name: '佐藤 次郎', phones: [{ number: '090-3333-4444' }, { number: '0311112222' }] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'conflict', fields: [{ path: 'body.phones.1.number' }] } });
    expect(await customerCount(app)).toBe(1);
    // The same number in the other group is another customer of another client team.
    await create(otherGroup, { name: '佐藤 花子', phones: [{ number: '+81 3-1111-2222' }] });
    await create(admin, { name: '管理者登録', groupId: app.seed.groupIds.b });
    const unknownGroup = await admin.post('/api/customers', { name: '所属なし', groupId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownGroup.statusCode).toBe(400);
    expect(fieldPaths(unknownGroup)).toEqual(['body.groupId']);
    expect((await agent.post('/api/customers', { name: '越境', groupId: app.seed.groupIds.b })).statusCode).toBe(403);
  });
});

describe('reading customers', () => {
  it('shows a customer with their recent calls to their group only, and audits each read', async () => {
    const app = await start();
    const [agent, otherGroup, otherSupervisor, admin] = await Promise.all(['1001', '1004', 'sv2', 'admin'].map((name) => app.login(name)));
    if (!agent || !otherGroup || !otherSupervisor || !admin) throw new Error('logins failed');
    const customer = await create(agent, { name: '鈴木 一郎', phones: [{ number: '03-5555-0001' }] });
    const call = await callFrom(agent, 'c1@pbx', '0355550001', 20);

    const detail = await agent.get(`/api/customers/${customer.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json<CustomerDetail>().recentCallRecords).toMatchObject([{ id: call, customerId: customer.id, customerName: '鈴木 一郎', remoteNumber: '+81355550001' }]);
    expect((await otherGroup.get(`/api/customers/${customer.id}`)).statusCode).toBe(403);
    expect((await otherSupervisor.get(`/api/customers/${customer.id}`)).statusCode).toBe(403);
    expect((await otherGroup.patch(`/api/customers/${customer.id}`, { expectedVersion: 1, notes: '他グループ' })).statusCode).toBe(403);
    expect((await admin.get(`/api/customers/${customer.id}`)).statusCode).toBe(200);
    expect((await agent.get('/api/customers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);

    const reads = await app.services.audit.search({ tenantId: app.seed.tenantId, action: 'read', resourceType: 'customer', resourceId: customer.id, limit: 10 });
    expect(reads.map((entry) => entry.actorName).sort()).toEqual(['1001', 'admin']);
    expect(reads.find((entry) => entry.actorName === '1001')?.detail).toEqual({ callRecordIds: [call] });
  });

  it('pops the customers with exactly the calling number in my groups, with their last 5 calls', async () => {
    const app = await start();
    const [agent, otherGroup] = await Promise.all([app.login('1001'), app.login('1004')]);
    const customer = await create(agent, { name: '高橋 美咲', nameKana: 'タカハシ ミサキ', phones: [{ number: '090-7777-8888' }] });
    await create(otherGroup, { name: '高橋 健', phones: [{ number: '090-7777-8888' }] });
    const calls: string[] = [];
    for (let n = 0; n < 7; n += 1) calls.push(await callFrom(agent, `pop-${String(n)}@pbx`, '09077778888', 60 - n * 5));

    const pop = await agent.get(`/api/customers/lookup?number=${encodeURIComponent('+81 90-7777-8888')}`);
    expect(pop.statusCode).toBe(200);
    const result = pop.json<CustomerLookupResult>();
    expect(result.e164).toBe('+819077778888');
    expect(result.items.map((item) => item.name)).toEqual(['高橋 美咲']);
    expect(result.items[0]?.recentCallRecords.map((record) => record.id)).toEqual(calls.slice(2).reverse());

    const other = (await otherGroup.get('/api/customers/lookup?number=sip:09077778888@pbx')).json<CustomerLookupResult>();
    expect(other.items.map((item) => item.name)).toEqual(['高橋 健']);
    expect((await agent.get('/api/customers/lookup?number=03-0000-0000')).json<CustomerLookupResult>().items).toEqual([]);
    expect((await agent.get('/api/customers/lookup?number=1002')).json()).toEqual({ e164: null, items: [] });

    const reads = await app.services.audit.search({ tenantId: app.seed.tenantId, action: 'read', resourceType: 'customer', resourceId: customer.id, limit: 5 });
    expect(reads[0]?.detail).toMatchObject({ via: 'lookup', callRecordIds: calls.slice(2).reverse() });
    const lookups = await app.services.audit.search({ tenantId: app.seed.tenantId, action: 'search', resourceType: 'customer', actorId: app.seed.userIds['1001'], limit: 5 });
    expect(lookups.map((entry) => entry.detail)).toContainEqual({ lookup: '+819077778888', ids: [customer.id] });
  });

  it('links a new call to the customer of its number in the agent’s group', async () => {
    const app = await start();
    const agent = await app.login('1001');
    const otherGroup = await app.login('1004');
    await create(otherGroup, { name: '別グループの顧客', phones: [{ number: '06-6123-4567' }] });
    const customer = await create(agent, { name: '伊藤 さくら', phones: [{ number: '06-6123-4567' }] });
    const call = await callFrom(agent, 'link@pbx', '+81661234567', 3);
    const record = (await agent.get(`/api/call-records/${call}`)).json<{ customerId: string }>();
    expect(record.customerId).toBe(customer.id);
  });
});

describe('searching customers', () => {
  it('finds by name, フリガナ in either kana, notes and number in any format, newest first, page by page', async () => {
    const app = await start();
    const [agent, otherGroup, supervisor] = await Promise.all([app.login('1001'), app.login('1004'), app.login('sv1')]);
    const yamada = await create(agent, { name: '山田 太郎', nameKana: 'ヤマダ タロウ', phones: [{ number: '03-1234-5678' }] });
    const tanaka = await create(agent, { name: '田中 花子', nameKana: 'タナカ ハナコ', notes: '住所変更の件で連絡待ち', phones: [{ number: '090-1234-5678' }] });
    const yamamoto = await create(agent, { name: '山本 健', nameKana: 'ヤマモト ケン' });
    await create(otherGroup, { name: '山田 次郎', nameKana: 'ヤマダ ジロウ', phones: [{ number: '03-1234-5678' }] });

    const search = async (client: TestClient, query: string) => {
      const response = await client.get(`/api/customers?${query}`);
      expect(response.statusCode, query).toBe(200);
      return response.json<CustomerPage>().items.map((item) => item.id);
    };
    expect(await search(agent, '')).toEqual([yamamoto.id, tanaka.id, yamada.id]);
    expect(await search(agent, `q=${encodeURIComponent('山田')}`)).toEqual([yamada.id]);
    expect(await search(agent, `q=${encodeURIComponent('山田太郎')}`)).toEqual([yamada.id]);
    expect(await search(agent, `q=${encodeURIComponent('やまだ')}`)).toEqual([yamada.id]);
    expect(await search(agent, `q=${encodeURIComponent('ﾔﾏ')}`)).toEqual([yamamoto.id, yamada.id]);
    expect(await search(agent, `q=${encodeURIComponent('住所変更')}`)).toEqual([tanaka.id]);
    expect(await search(agent, `phone=${encodeURIComponent('+81 3-1234-5678')}`)).toEqual([yamada.id]);
    expect(await search(agent, 'phone=09012345678')).toEqual([tanaka.id]);
    expect(await search(supervisor, `q=${encodeURIComponent('山')}&phone=0312345678`)).toEqual([yamada.id]);
    expect(await search(otherGroup, `q=${encodeURIComponent('山田')}`)).toHaveLength(1);

    const first = (await agent.get('/api/customers?limit=2')).json<CustomerPage>();
    expect(first.items.map((item) => item.id)).toEqual([yamamoto.id, tanaka.id]);
    const second = (await agent.get(`/api/customers?limit=2&cursor=${first.nextCursor ?? ''}`)).json<CustomerPage>();
    expect(second).toMatchObject({ items: [{ id: yamada.id }], nextCursor: null });

    const invalid = await agent.get('/api/customers?phone=03-1234');
    expect(invalid.statusCode).toBe(400);
    expect(fieldPaths(invalid)).toEqual(['querystring.phone']);
    const searches = await app.services.audit.search({ tenantId: app.seed.tenantId, action: 'search', resourceType: 'customer', actorId: app.seed.userIds['1001'], limit: 20 });
    expect(searches.map((entry) => entry.detail)).toContainEqual({ filters: { q: '住所変更' }, count: 1, ids: [tanaka.id] });
  });

  it('pages through the demo customers of a group without repeats', async () => {
    const app = await start({ moduleSeeds: undefined });
    const supervisor = await app.login('sv2');
    const seen: CustomerDto[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: CustomerPage = (await supervisor.get(`/api/customers?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).json<CustomerPage>();
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(500);
    expect(new Set(seen.map((item) => item.id)).size).toBe(500);
    expect(seen.every((item) => item.groupId === app.seed.groupIds.b)).toBe(true);
  });
});

describe('editing customers', () => {
  it('changes fields and replaces the numbers with a new version', async () => {
    const app = await start();
    const agent = await app.login('1002');
    const customer = await create(agent, { name: '木村 拓也', phones: [{ number: '03-2222-3333' }] });
    const edited = await agent.patch(`/api/customers/${customer.id}`, {
      expectedVersion: 1,
      nameKana: 'きむら たくや',
      email: null,
      notes: '転居予定',
      phones: [{ number: '080-2222-3333', label: 'mobile' }, { number: '0322223333', label: 'home' }],
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      version: 2,
      name: '木村 拓也',
      nameKana: 'キムラ タクヤ',
      notes: '転居予定',
      phones: [
        { e164: '+818022223333', label: 'mobile' },
        { e164: '+81322223333', label: 'home' },
      ],
    });
    const same = await agent.patch(`/api/customers/${customer.id}`, { expectedVersion: 2, name: '木村 拓也', notes: '転居予定' });
    expect(same.json()).toMatchObject({ version: 2 });
  });

  it('refuses a stale version, keeps both changes of two people saving at once, and writes nothing invalid', async () => {
    const app = await start();
    const [agent, supervisor] = await Promise.all([app.login('1001'), app.login('sv1')]);
    const customer = await create(agent, { name: '松本 恵子', phones: [{ number: '03-4444-5555' }] });
    const [mine, theirs] = await Promise.all([
      agent.patch(`/api/customers/${customer.id}`, { expectedVersion: 1, notes: 'メールでの連絡を希望' }),
      supervisor.patch(`/api/customers/${customer.id}`, { expectedVersion: 1, address: '東京都新宿区西新宿2丁目8番1号' }),
    ]);
    expect([mine.statusCode, theirs.statusCode].sort()).toEqual([200, 409]);
    const retry = mine.statusCode === 409 ? agent.patch(`/api/customers/${customer.id}`, { expectedVersion: 2, notes: 'メールでの連絡を希望' }) : supervisor.patch(`/api/customers/${customer.id}`, { expectedVersion: 2, address: '東京都新宿区西新宿2丁目8番1号' });
    expect((await retry).statusCode).toBe(200);
    const merged = (await agent.get(`/api/customers/${customer.id}`)).json<CustomerDetail>();
    expect(merged).toMatchObject({ version: 3, notes: 'メールでの連絡を希望', address: '東京都新宿区西新宿2丁目8番1号' });

    const invalid = await agent.patch(`/api/customers/${customer.id}`, { expectedVersion: 3, name: '', email: 'x', nameKana: '松本' });
    expect(invalid.statusCode).toBe(400);
    expect(fieldPaths(invalid)).toEqual(expect.arrayContaining(['body.name', 'body.email', 'body.nameKana']));
    const domainInvalid = await agent.patch(`/api/customers/${customer.id}`, { expectedVersion: 3, notes: '書き換え', phones: [{ number: '03-4444-5555' }, { number: '03-4444-555' }] });
    expect(fieldPaths(domainInvalid)).toEqual(['body.phones.1.number']);
    await create(agent, { name: '別の顧客', phones: [{ number: '090-3456-1111' }] });
    const taken = await agent.patch(`/api/customers/${customer.id}`, { expectedVersion: 3, notes: '書き換え', phones: [{ number: '090-3456-1111' }] });
    expect(taken.statusCode).toBe(409);
    expect(fieldPaths(taken)).toEqual(['body.phones.0.number']);
    expect((await agent.patch(`/api/customers/${customer.id}`, { expectedVersion: 2, notes: '古い版' })).statusCode).toBe(409);
    const after = (await agent.get(`/api/customers/${customer.id}`)).json<CustomerDetail>();
    expect(after).toMatchObject({ version: 3, notes: 'メールでの連絡を希望', phones: [{ e164: '+81344445555' }] });
    const changes = await app.services.audit.search({ tenantId: app.seed.tenantId, action: 'update', resourceType: 'customer', resourceId: customer.id, limit: 10 });
    expect(changes).toHaveLength(2);
  });
});

describe('demo customers', () => {
  it('are 1,000 Japanese customers over both groups with valid numbers, the same on every run', async () => {
    const app = await start({ moduleSeeds: undefined });
    const found = await rows<{ name: string; name_kana: string; group_id: string; numbers: string[] }>(
      app.database.db,
      sql`select c.name, c.name_kana, c.group_id, array_agg(p.e164 order by p.position) as numbers
            from customers c join customer_phones p on p.customer_id = c.id group by c.id order by c.name, c.name_kana, c.group_id`,
    );
    expect(found).toHaveLength(1000);
    expect(found.filter((row) => row.group_id === app.seed.groupIds.a)).toHaveLength(500);
    expect(found.every((row) => /^[\p{Script=Han}ぁ-ん]+ [\p{Script=Han}ぁ-ん]+$/u.test(row.name) && /^[ァ-ヶー]+ [ァ-ヶー]+$/u.test(row.name_kana))).toBe(true);
    const numbers = found.flatMap((row) => row.numbers);
    expect(numbers.every((number) => parsePhoneNumber(number)?.e164 === number)).toBe(true);
    expect(numbers.some((number) => number.startsWith('+813'))).toBe(true);
    expect(numbers.some((number) => number.startsWith('+816'))).toBe(true);
    expect(numbers.some((number) => /^\+81[789]0/.test(number))).toBe(true);
    const [calls] = await rows<{ count: number; agents: number; oldest: number }>(
      app.database.db,
      sql`select count(*)::int as count, count(distinct agent_id)::int as agents, (extract(epoch from min(started_at)) * 1000)::float8 as oldest from call_records`,
    );
    expect(calls?.count).toBeGreaterThanOrEqual(200);
    expect(calls?.agents).toBe(6);
    expect(Date.now() - (calls?.oldest ?? 0)).toBeLessThan(31 * 86_400_000);
    await app.close();
    testApp = undefined;

    const again = await start({ moduleSeeds: [customersSeed()] });
    const names = await rows<{ name: string }>(again.database.db, sql`select name from customers order by name, name_kana, group_id`);
    expect(names.map((row) => row.name)).toEqual(found.map((row) => row.name));
  });
});
