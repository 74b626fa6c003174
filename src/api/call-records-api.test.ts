import { beforeEach, describe, expect, it } from 'vitest';
import type { CallRecordDto } from '../contract/call-records';
import type { LiveEvent } from '../contract/events';
import { demoCallCategories, demoDispositions } from '../testing/msw/demo-call-codes';
import { demoCustomerIds } from '../testing/msw/demo-customers';
import { demoAccount, demoGroupIds } from '../testing/msw/demo-directory';
import { faults } from '../testing/msw/faults';
import { installMockService } from '../testing/msw/install-mock-service';
import { mockDatabase } from '../testing/msw/mock-database';
import { server } from '../testing/msw/server';
import { signedInClient } from '../testing/msw/signed-in-client';
import type { ApiResult } from './api-error';
import { CallRecordsApi } from './call-records-api';

installMockService();

// The service's clock stands still during a test, so times computed apart agree to the millisecond.
beforeEach(() => {
  const frozen = Date.now();
  mockDatabase.now = () => frozen;
});

async function callRecordsAs(username: string) {
  const { client, reportUnexpected } = await signedInClient(username);
  return { api: new CallRecordsApi(client), reportUnexpected };
}

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function fieldPaths(result: ApiResult<unknown>): readonly string[] {
  return !result.ok && result.error.kind === 'http' ? (result.error.fields?.map((field) => field.path) ?? []) : [];
}

/** Every record the reader may see, page by page to the end. */
async function allPages(api: CallRecordsApi, limit: number): Promise<{ records: CallRecordDto[]; pages: number }> {
  const records: CallRecordDto[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = valueOf(await api.searchCallRecords({ limit, ...(cursor === undefined ? {} : { cursor }) }));
    records.push(...page.items);
    pages += 1;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages < 100);
  return { records, pages };
}

const at = (secondsAgo: number) => new Date(mockDatabase.now() - secondsAgo * 1000).toISOString();
const agent1001 = demoAccount('1001');

describe('CallRecordsApi against the mock CTI service', () => {
  it('files the events of a call idempotently by SIP Call-ID and folds the record from them', async () => {
    const { api } = await callRecordsAs('1001');
    const callId = 'a84b4c76e66710@pc33.atlanta.example/1';
    const offered = { direction: 'inbound', remoteNumber: '03-1234-5678', localNumber: '03-6700-1000', queue: '東京窓口' } as const;

    const first = valueOf(await api.fileCallEvent(callId, { ...offered, phase: 'offered', at: at(120) }));
    expect(first).toMatchObject({ phase: 'offered', version: 1, changed: true });
    // The hang-up arrives before the answer: the record is the same as in order.
    expect(valueOf(await api.fileCallEvent(callId, { ...offered, phase: 'ended', at: at(30) }))).toMatchObject({ phase: 'ended', changed: true });
    expect(valueOf(await api.fileCallEvent(callId, { ...offered, phase: 'answered', at: at(110) }))).toMatchObject({ phase: 'ended', changed: true });
    const replay = valueOf(await api.fileCallEvent(callId, { ...offered, phase: 'answered', at: at(110) }));
    expect(replay).toEqual({ callRecordId: first.callRecordId, version: 1, phase: 'ended', changed: false });

    expect(valueOf(await api.getCallRecord(first.callRecordId))).toMatchObject({
      sipCallId: callId,
      agentId: agent1001.id,
      agentName: '佐藤 花子',
      groupId: demoGroupIds.tokyo,
      remoteNumber: '+81312345678',
      localNumber: '+81367001000',
      customerId: demoCustomerIds.yamadaTokyo,
      customerName: '山田 太郎',
      queue: '東京窓口',
      durationSeconds: 80,
      heldSeconds: 0,
      endReason: 'completed',
      version: 1,
    });
  });

  it('gives a queue call to the agent who answers it first, and links the two legs of a transfer', async () => {
    const base = mockDatabase.now();
    const ago = (seconds: number) => new Date(base - seconds * 1000).toISOString();
    const { api: sato } = await callRecordsAs('1001');
    const ringing = { direction: 'inbound', remoteNumber: '0312345678', queue: '東京窓口' } as const;
    const offered = valueOf(await sato.fileCallEvent('queue-1@x', { ...ringing, phase: 'offered', at: ago(60) }));
    const { api: suzuki } = await callRecordsAs('1002');
    expect(valueOf(await suzuki.fileCallEvent('queue-1@x', { ...ringing, phase: 'answered', at: ago(50) }))).toMatchObject({ callRecordId: offered.callRecordId, phase: 'answered', changed: true });
    valueOf(await suzuki.fileCallEvent('queue-1@x', { ...ringing, phase: 'transferred', at: ago(20), transferredTo: '1003', linkedSipCallId: 'consult-1@x' }));
    valueOf(await suzuki.fileCallEvent('consult-1@x', { direction: 'outbound', remoteNumber: '1003', phase: 'offered', at: ago(25) }));
    const { api: sato2 } = await callRecordsAs('1001');
    expect(await sato2.fileCallEvent('queue-1@x', { ...ringing, phase: 'answered', at: ago(49) })).toMatchObject({ ok: false, error: { status: 403, code: 'forbidden' } });

    const { api: supervisor } = await callRecordsAs('sv1');
    const call = valueOf(await supervisor.getCallRecord(offered.callRecordId));
    expect(call).toMatchObject({ agentName: '鈴木 一郎', phase: 'transferred', transferredTo: '1003', offeredAt: ago(60), answeredAt: ago(50), endReason: null });
    const consultation = valueOf(await supervisor.searchCallRecords({ number: '1003' })).items[0];
    expect(consultation).toMatchObject({ sipCallId: 'consult-1@x', linkedCallId: call.id });
    expect(call.linkedCallId).toBe(consultation?.id);
  });

  it('publishes each change of a call to the supervisors of its group only', async () => {
    const heard: Record<string, LiveEvent[]> = { sv1: [], sv2: [] };
    for (const username of ['sv1', 'sv2'] as const) {
      mockDatabase.subscribe(demoAccount(username), (event) => {
        // Signing in publishes the agent's state too; this test is about calls.
        if (event.type === 'call') heard[username]?.push(event);
      });
    }
    const { api } = await callRecordsAs('1002');
    const event = { direction: 'outbound', remoteNumber: '090-1234-5678', phase: 'offered', at: at(10) } as const;
    valueOf(await api.fileCallEvent('outbound-1@tsunagu', event));
    valueOf(await api.fileCallEvent('outbound-1@tsunagu', event));
    expect(heard.sv1).toEqual([expect.objectContaining({ type: 'call', sipCallId: 'outbound-1@tsunagu', phase: 'offered', remoteNumber: '+819012345678', groupId: demoGroupIds.tokyo })]);
    expect(heard.sv2).toEqual([]);
  });

  it('names every invalid field of a call event, and refuses events from anyone but an agent', async () => {
    const { api } = await callRecordsAs('1001');
    const wrongFields = await api.fileCallEvent('c-1@x', { phase: 'offered', direction: 'inbound', at: at(-3600), remoteNumber: 'call me maybe' });
    expect(wrongFields).toMatchObject({ ok: false, error: { kind: 'http', status: 400, code: 'validation' } });
    expect(fieldPaths(wrongFields)).toEqual(['body.at', 'body.remoteNumber']);
    const badPhase = await api.fileCallEvent('c-1@x', { phase: 'ringing' as 'offered', direction: 'inbound', at: 'yesterday', remoteNumber: null });
    expect(fieldPaths(badPhase)).toEqual(['body.phase', 'body.at']);
    expect(fieldPaths(await api.fileCallEvent('not a call id', { phase: 'offered', direction: 'inbound', at: at(1), remoteNumber: null }))).toEqual(['params.sipCallId']);

    const { api: supervisor } = await callRecordsAs('sv1');
    expect(await supervisor.fileCallEvent('c-2@x', { phase: 'offered', direction: 'inbound', at: at(1), remoteNumber: null })).toMatchObject({
      ok: false,
      error: { status: 403, code: 'forbidden' },
    });
  });

  it('saves the agent’s part with the loaded version and refuses a stale one with 409', async () => {
    const { api } = await callRecordsAs('1001');
    const record = valueOf(await api.searchCallRecords({ agentId: agent1001.id, limit: 1 })).items[0];
    if (!record) throw new Error('1001 has no demo calls');
    const category = demoCallCategories[0];
    const disposition = demoDispositions[1];
    const saved = valueOf(
      await api.updateCallRecord(record.id, { expectedVersion: record.version, categoryId: category?.id, dispositionId: disposition?.id, notes: '住所変更のご依頼。書類を送付。', followUpAt: '2031-04-01' }),
    );
    expect(saved).toMatchObject({ version: record.version + 1, categoryId: category?.id, dispositionId: disposition?.id, notes: '住所変更のご依頼。書類を送付。', followUpAt: '2031-04-01' });
    expect(valueOf(await api.updateCallRecord(record.id, { expectedVersion: saved.version, notes: saved.notes })).version).toBe(saved.version);

    const stale = await api.updateCallRecord(record.id, { expectedVersion: record.version, notes: 'lost edit' });
    expect(stale).toMatchObject({ ok: false, error: { kind: 'http', status: 409, code: 'conflict' } });
    expect(valueOf(await api.getCallRecord(record.id)).notes).toBe('住所変更のご依頼。書類を送付。');
  });

  it('names the fields of a refused change: unknown or retired codes, another group’s customer, malformed values', async () => {
    const { api } = await callRecordsAs('1001');
    const record = valueOf(await api.searchCallRecords({ agentId: agent1001.id, limit: 1 })).items[0];
    if (!record) throw new Error('1001 has no demo calls');
    const retired = demoCallCategories.find((category) => !category.active);
    const refused = await api.updateCallRecord(record.id, {
      expectedVersion: record.version,
      categoryId: retired?.id,
      dispositionId: demoCallCategories[0]?.id,
      customerId: demoCustomerIds.yamadaOsaka,
    });
    expect(refused).toMatchObject({ ok: false, error: { status: 400, code: 'validation' } });
    expect(fieldPaths(refused)).toEqual(['body.categoryId', 'body.dispositionId', 'body.customerId']);
    expect(fieldPaths(await api.updateCallRecord(record.id, { expectedVersion: 0, followUpAt: '2031-02-30', notes: 'x'.repeat(10_001) }))).toEqual([
      'body.expectedVersion',
      'body.notes',
      'body.followUpAt',
    ]);
  });

  it('keeps each group to its own records and each agent to their own calls', async () => {
    const { api: tokyo } = await callRecordsAs('1001');
    const colleagues = valueOf(await tokyo.searchCallRecords({ agentId: demoAccount('1002').id, limit: 1 })).items[0];
    if (!colleagues) throw new Error('1002 has no demo calls');
    expect(await tokyo.updateCallRecord(colleagues.id, { expectedVersion: colleagues.version, notes: 'x' })).toMatchObject({ ok: false, error: { status: 403 } });
    const { api: osaka } = await callRecordsAs('sv2');
    expect(await osaka.getCallRecord(colleagues.id)).toMatchObject({ ok: false, error: { status: 403, code: 'forbidden' } });
    expect(await osaka.getCallRecord('00000000-0000-4000-8000-000000000999')).toMatchObject({ ok: false, error: { status: 404, code: 'not-found' } });
    expect(fieldPaths(await osaka.getCallRecord('not-an-id'))).toEqual(['params.id']);
    expect(valueOf(await osaka.searchCallRecords({ limit: 200 })).items.every((record) => record.groupId === demoGroupIds.osaka)).toBe(true);
  });

  it('pages through every record of the group, newest first, to the end', async () => {
    const { api } = await callRecordsAs('1003');
    const everything = valueOf(await api.searchCallRecords({ limit: 200 }));
    expect(everything.items).toHaveLength(30);
    expect(everything.nextCursor).toBeNull();
    const paged = await allPages(api, 7);
    expect(paged.pages).toBe(5);
    expect(paged.records.map((record) => record.id)).toEqual(everything.items.map((record) => record.id));
    const starts = paged.records.map((record) => Date.parse(record.startedAt));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));

    const { api: admin } = await callRecordsAs('admin');
    expect((await allPages(admin, 25)).records).toHaveLength(60);
  });

  it('filters by a number in any format, by notes and by day, and refuses a cursor or number it cannot read', async () => {
    const { api } = await callRecordsAs('sv1');
    const byNumber = valueOf(await api.searchCallRecords({ number: '０３－１２３４－５６７８', limit: 200 })).items;
    expect(byNumber.length).toBeGreaterThan(0);
    expect(byNumber.every((record) => record.remoteNumber === '+81312345678' && record.customerId === demoCustomerIds.yamadaTokyo)).toBe(true);
    const withheld = valueOf(await api.searchCallRecords({ number: 'anonymous', limit: 200 })).items;
    expect(withheld.length).toBeGreaterThan(0);
    expect(withheld.every((record) => record.remoteNumber === null)).toBe(true);
    const newest = valueOf(await api.searchCallRecords({ limit: 1 })).items[0];
    if (!newest) throw new Error('no demo calls');
    valueOf(await api.updateCallRecord(newest.id, { expectedVersion: newest.version, notes: '至急折り返し希望（VIP のお客様）' }));
    expect(valueOf(await api.searchCallRecords({ q: 'vip', limit: 200 })).items.map((record) => record.id)).toEqual([newest.id]);
    expect(valueOf(await api.searchCallRecords({ from: '2001-01-01', to: '2001-12-31' })).items).toEqual([]);

    expect(fieldPaths(await api.searchCallRecords({ cursor: 'bm90IG91cnM' }))).toEqual(['querystring.cursor']);
    expect(fieldPaths(await api.searchCallRecords({ number: 'call me' }))).toEqual(['querystring.number']);
    expect(fieldPaths(await api.searchCallRecords({ limit: 0, agentId: 'me' }))).toEqual(['querystring.limit', 'querystring.agentId']);
  });

  it('exports the matching records as CSV for Excel: byte-order mark, header in the chosen language, formulas defused', async () => {
    const { api } = await callRecordsAs('1001');
    const record = valueOf(await api.searchCallRecords({ agentId: agent1001.id, limit: 1 })).items[0];
    if (!record) throw new Error('1001 has no demo calls');
    valueOf(await api.updateCallRecord(record.id, { expectedVersion: record.version, notes: '=HYPERLINK("http://x.invalid","クリック")' }));

    const file = valueOf(await api.exportCallRecordsCsv({ agentId: agent1001.id }));
    expect(file.filename).toMatch(/^call-records-\d{8}\.csv$/);
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    const lines = file.text.split('\r\n');
    expect(lines[0]).toMatch(/^開始日時,発着信,相手番号,自番号,担当者,/);
    expect(lines).toHaveLength(10 + 2);
    expect(lines.at(-1)).toBe('');
    expect(file.text).toContain(`"'=HYPERLINK(""http://x.invalid"",""クリック"")"`);
    expect(file.blob.size).toBe(new TextEncoder().encode(file.text).length + 3);

    const english = valueOf(await api.exportCallRecordsCsv({ lang: 'en', number: '03-1234-5678' }));
    expect(english.text.split('\r\n')[0]).toMatch(/^Started at,Direction,Remote number,/);
    expect(fieldPaths(await api.exportCallRecordsCsv({ number: 'call me' }))).toEqual(['querystring.number']);
  });

  it('reports a proxy’s error page, a server error and a lost connection during an export like any other request', async () => {
    const { api, reportUnexpected } = await callRecordsAs('1001');
    server.use(faults.badGateway('get', '/api/call-records/export.csv'));
    expect(await api.exportCallRecordsCsv()).toMatchObject({ ok: false, error: { kind: 'http', status: 502 } });
    server.use(faults.serverError('get', '/api/call-records/export.csv'));
    expect(await api.exportCallRecordsCsv()).toMatchObject({ ok: false, error: { kind: 'http', status: 500, code: 'internal' } });
    expect(reportUnexpected).toHaveBeenCalledTimes(2);
    server.use(faults.unreachable('get', '/api/call-records/export.csv'));
    expect(await api.exportCallRecordsCsv()).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('lists the inquiry categories and dispositions in display order, retired ones included', async () => {
    const { api } = await callRecordsAs('1004');
    const categories = valueOf(await api.listCallCategories());
    expect(categories.map((category) => category.nameJa)).toEqual(demoCallCategories.map((category) => category.nameJa));
    expect(categories.filter((category) => !category.active)).toHaveLength(1);
    expect(valueOf(await api.listDispositions()).map((code) => code.nameEn)).toEqual(['Resolved', 'Call back', 'Documents sent', 'Escalated', 'No action needed']);
  });

  it('sends the CSRF token with every change and is refused without it', async () => {
    const { api } = await callRecordsAs('1001');
    const sent: { method: string; csrf: string | null }[] = [];
    server.events.on('request:start', ({ request }) => sent.push({ method: request.method, csrf: request.headers.get('x-csrf-token') }));
    valueOf(await api.fileCallEvent('csrf-1@x', { phase: 'offered', direction: 'inbound', at: at(5), remoteNumber: null }));
    valueOf(await api.listDispositions());
    expect(sent).toEqual([
      { method: 'PUT', csrf: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown },
      { method: 'GET', csrf: null },
    ]);

    const { client } = await signedInClient('1001');
    client.setCsrfToken(undefined);
    expect(await new CallRecordsApi(client).fileCallEvent('csrf-2@x', { phase: 'offered', direction: 'inbound', at: at(5), remoteNumber: null })).toMatchObject({
      ok: false,
      error: { status: 403, code: 'csrf' },
    });
  });

  const someId = '00000000-0000-4000-8000-000000000999';
  const operations: [string, 'get' | 'put' | 'patch', string, (api: CallRecordsApi) => Promise<ApiResult<unknown>>][] = [
    ['fileCallEvent', 'put', '/api/call-records/by-call-id/:sipCallId/events', (api) => api.fileCallEvent('x@y', { phase: 'offered', direction: 'inbound', at: at(1), remoteNumber: null })],
    ['searchCallRecords', 'get', '/api/call-records', (api) => api.searchCallRecords()],
    ['getCallRecord', 'get', '/api/call-records/:id', (api) => api.getCallRecord(someId)],
    ['updateCallRecord', 'patch', '/api/call-records/:id', (api) => api.updateCallRecord(someId, { expectedVersion: 1 })],
    ['exportCallRecordsCsv', 'get', '/api/call-records/export.csv', (api) => api.exportCallRecordsCsv()],
    ['listCallCategories', 'get', '/api/call-records/categories', (api) => api.listCallCategories()],
    ['listDispositions', 'get', '/api/call-records/dispositions', (api) => api.listDispositions()],
  ];

  it.each(operations)('%s turns an answer that breaks the contract into invalid-response, reported once', async (_name, method, path, call) => {
    const { api, reportUnexpected } = await callRecordsAs('1001');
    server.use(faults.malformed(method, path, { items: [{ id: 'not-a-uuid' }], nextCursor: 7, version: 'one' }));
    const result = await call(api);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response', status: 200 } });
    expect(reportUnexpected).toHaveBeenCalledTimes(1);
  });
});
