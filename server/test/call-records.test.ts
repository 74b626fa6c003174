import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallCode, CallEventResult, CallRecordDto, CallRecordPage } from '../../src/contract/call-records';
import type { ErrorResponse } from '../../src/contract/errors';
import type { LiveEvent } from '../../src/contract/events';
import { openDatabase } from '../src/db/database';
import { migrate, migrationsDir } from '../src/db/migrate';
import { rows } from '../src/db/rows';
import { deriveCallTimeline, type CallEvent } from '../src/domain/call-records/call-timeline';
import { callRecordsSeed } from '../src/seed/call-records-seed';
import { customersSeed } from '../src/seed/customers-seed';
import { createTestApp, type TestApp, type TestClient } from './test-app';

/** 15:00 in Tokyo on a Friday: the service's clock in these tests. */
const now = new Date('2026-11-20T06:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

let testApp: TestApp | undefined;

/** The app with its categories and dispositions but no sample calls, so every record is the test's own. */
async function start(options: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  testApp = await createTestApp({ clock: () => now, moduleSeeds: [customersSeed({ customers: 0 }), callRecordsSeed({ callsPerAgent: 0 })], ...options });
  return testApp;
}

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

type EventBody = { phase: string; at: string; direction?: string; remoteNumber?: string | null } & Record<string, unknown>;

function fileEvent(agent: TestClient, sipCallId: string, body: EventBody) {
  return agent.put(`/api/call-records/by-call-id/${encodeURIComponent(sipCallId)}/events`, { direction: 'inbound', remoteNumber: '03-1234-5678', ...body });
}

async function record(client: TestClient, id: string): Promise<CallRecordDto> {
  const response = await client.get(`/api/call-records/${id}`);
  expect(response.statusCode).toBe(200);
  return response.json<CallRecordDto>();
}

async function codes(client: TestClient): Promise<{ categories: CallCode[]; dispositions: CallCode[] }> {
  const categories = (await client.get('/api/call-records/categories')).json<{ items: CallCode[] }>().items;
  const dispositions = (await client.get('/api/call-records/dispositions')).json<{ items: CallCode[] }>().items;
  return { categories, dispositions };
}

function fieldPaths(response: { json: () => unknown }): string[] {
  return ((response.json() as ErrorResponse).error.fields ?? []).map((field) => field.path);
}

/** Files a whole answered call of `agent` and returns its record id. */
async function answeredCall(agent: TestClient, sipCallId: string, extra: Partial<EventBody> = {}): Promise<string> {
  const offered = await fileEvent(agent, sipCallId, { phase: 'offered', at: minutesAgo(30), ...extra });
  expect(offered.statusCode).toBe(201);
  expect((await fileEvent(agent, sipCallId, { phase: 'answered', at: minutesAgo(29.5), ...extra })).statusCode).toBe(200);
  expect((await fileEvent(agent, sipCallId, { phase: 'ended', at: minutesAgo(25), ...extra })).statusCode).toBe(200);
  return offered.json<CallEventResult>().callRecordId;
}

describe('call events', () => {
  it('create the record on the first event and derive times, hold and talk time from the call', async () => {
    const { login, services, seed } = await start();
    const agent = await login('1001');
    const published: LiveEvent[] = [];
    services.liveEvents.subscribe({ userId: seed.userIds.admin ?? '', tenantId: seed.tenantId, username: 'admin', displayName: 'admin', role: 'administrator', groupIds: [], sipUser: null }, (event) =>
      published.push(event),
    );

    const first = await fileEvent(agent, 'call-1@pbx', { phase: 'offered', at: '2026-11-20T05:00:00.000Z', localNumber: '03-5200-1000', queue: '東京代表' });
    expect(first.statusCode).toBe(201);
    const { callRecordId, phase, changed, version } = first.json<CallEventResult>();
    expect({ phase, changed, version }).toEqual({ phase: 'offered', changed: true, version: 1 });
    for (const [phase, at] of [
      ['answered', '2026-11-20T05:00:10.000Z'],
      ['held', '2026-11-20T05:01:00.000Z'],
      ['resumed', '2026-11-20T05:01:45.000Z'],
      ['ended', '2026-11-20T05:05:10.000Z'],
    ] as const) {
      expect((await fileEvent(agent, 'call-1@pbx', { phase, at })).json<CallEventResult>()).toMatchObject({ callRecordId, phase, changed: true });
    }

    expect(await record(agent, callRecordId)).toMatchObject({
      sipCallId: 'call-1@pbx',
      agentId: seed.userIds['1001'],
      agentName: '佐藤 花子',
      groupId: seed.groupIds.a,
      direction: 'inbound',
      remoteNumber: '+81312345678',
      localNumber: '+81352001000',
      queue: '東京代表',
      phase: 'ended',
      startedAt: '2026-11-20T05:00:00.000Z',
      offeredAt: '2026-11-20T05:00:00.000Z',
      answeredAt: '2026-11-20T05:00:10.000Z',
      endedAt: '2026-11-20T05:05:10.000Z',
      heldSeconds: 45,
      durationSeconds: 300,
      endReason: 'completed',
      version: 1,
    });
    expect(published.flatMap((event) => (event.type === 'call' ? [event.phase] : []))).toEqual(['offered', 'answered', 'held', 'resumed', 'ended']);
  });

  it('are idempotent: a replay changes nothing, is not published and not audited again', async () => {
    const { login, services, seed, database } = await start();
    const agent = await login('1001');
    const id = await answeredCall(agent, 'replay@pbx');
    const before = await record(agent, id);
    const published: LiveEvent[] = [];
    services.liveEvents.subscribe({ userId: seed.userIds.admin ?? '', tenantId: seed.tenantId, username: 'admin', displayName: 'admin', role: 'administrator', groupIds: [], sipUser: null }, (event) =>
      published.push(event),
    );
    const changesBefore = await services.audit.search({ tenantId: seed.tenantId, resourceType: 'call-record', resourceId: id, action: 'update', limit: 50 });

    const replay = await fileEvent(agent, 'replay@pbx', { phase: 'answered', at: minutesAgo(29.5) });
    expect(replay.statusCode).toBe(200);
    expect(replay.json<CallEventResult>()).toMatchObject({ callRecordId: id, changed: false, phase: 'ended' });

    const after = await record(agent, id);
    expect(after).toEqual(before);
    expect(published).toEqual([]);
    const [events] = await rows<{ count: number }>(database.db, sql`select count(*)::int as count from call_record_events where call_record_id = ${id}`);
    expect(events?.count).toBe(3);
    const changesAfter = await services.audit.search({ tenantId: seed.tenantId, resourceType: 'call-record', resourceId: id, action: 'update', limit: 50 });
    expect(changesAfter).toHaveLength(changesBefore.length);
  });

  it('may arrive out of order: an end before its answer still ends the call correctly', async () => {
    const { login } = await start();
    const agent = await login('1001');
    const ended = await fileEvent(agent, 'late@pbx', { phase: 'ended', at: '2026-11-20T05:10:00.000Z' });
    const id = ended.json<CallEventResult>().callRecordId;
    // Only the end is known: an inbound call that ended unanswered looks abandoned for now.
    expect(await record(agent, id)).toMatchObject({ phase: 'ended', endedAt: '2026-11-20T05:10:00.000Z', endReason: 'abandoned', durationSeconds: null });

    await fileEvent(agent, 'late@pbx', { phase: 'resumed', at: '2026-11-20T05:08:00.000Z' });
    await fileEvent(agent, 'late@pbx', { phase: 'answered', at: '2026-11-20T05:06:00.000Z' });
    await fileEvent(agent, 'late@pbx', { phase: 'held', at: '2026-11-20T05:07:00.000Z' });
    await fileEvent(agent, 'late@pbx', { phase: 'offered', at: '2026-11-20T05:05:50.000Z' });

    expect(await record(agent, id)).toMatchObject({
      phase: 'ended',
      startedAt: '2026-11-20T05:05:50.000Z',
      offeredAt: '2026-11-20T05:05:50.000Z',
      answeredAt: '2026-11-20T05:06:00.000Z',
      endedAt: '2026-11-20T05:10:00.000Z',
      heldSeconds: 60,
      durationSeconds: 240,
      endReason: 'completed',
    });
  });

  it('record transfers and link the two legs, whichever arrives first', async () => {
    const { login } = await start();
    const agent = await login('1001');
    const original = await answeredCall(agent, 'original@pbx');
    await fileEvent(agent, 'original@pbx', { phase: 'transferred', at: minutesAgo(26), transferredTo: '1002', linkedSipCallId: 'consult@pbx' });
    const consult = await fileEvent(agent, 'consult@pbx', { phase: 'offered', at: minutesAgo(27), direction: 'outbound', remoteNumber: '1002' });
    const consultId = consult.json<CallEventResult>().callRecordId;
    expect(await record(agent, original)).toMatchObject({ endReason: 'transferred', transferredTo: '1002', linkedCallId: consultId });
    expect(await record(agent, consultId)).toMatchObject({ remoteNumber: '1002', direction: 'outbound', linkedCallId: original });
  });

  it('are filed by the agent of the call only; an unanswered call passes to the agent who answers it', async () => {
    const { login, seed } = await start();
    const [agent, colleague, supervisor, admin] = await Promise.all(['1001', '1002', 'sv1', 'admin'].map((name) => login(name)));
    if (!agent || !colleague || !supervisor || !admin) throw new Error('logins failed');
    const id = await answeredCall(agent, 'mine@pbx');
    expect((await fileEvent(colleague, 'mine@pbx', { phase: 'held', at: minutesAgo(27) })).statusCode).toBe(403);
    expect((await fileEvent(colleague, 'mine@pbx', { phase: 'answered', at: minutesAgo(29) })).statusCode).toBe(403);
    expect((await fileEvent(supervisor, 'new@pbx', { phase: 'offered', at: minutesAgo(1) })).statusCode).toBe(403);
    expect((await fileEvent(admin, 'new@pbx', { phase: 'offered', at: minutesAgo(1) })).statusCode).toBe(403);
    expect((await record(agent, id)).agentId).toBe(seed.userIds['1001']);

    // A queue rang 1001 and 1002 together (one Call-ID); 1001's branch was cancelled, 1002 answered.
    await fileEvent(agent, 'queue@pbx', { phase: 'offered', at: minutesAgo(10) });
    await fileEvent(agent, 'queue@pbx', { phase: 'ended', at: minutesAgo(9.9) });
    const answered = await fileEvent(colleague, 'queue@pbx', { phase: 'answered', at: minutesAgo(9.9) });
    expect(answered.statusCode).toBe(200);
    await fileEvent(colleague, 'queue@pbx', { phase: 'ended', at: minutesAgo(5) });
    const taken = await record(colleague, answered.json<CallEventResult>().callRecordId);
    expect(taken).toMatchObject({ agentId: seed.userIds['1002'], phase: 'ended', endReason: 'completed', durationSeconds: 294 });
  });

  it('refuse invalid events field by field and write nothing', async () => {
    const { login, database } = await start();
    const agent = await login('1001');
    const cases: [EventBody, string][] = [
      [{ phase: 'ringing', at: minutesAgo(1) }, 'body.phase'],
      [{ phase: 'offered', at: 'yesterday' }, 'body.at'],
      [{ phase: 'offered', at: new Date(now.getTime() + 3600_000).toISOString() }, 'body.at'],
      [{ phase: 'offered', at: new Date(now.getTime() - 8 * 86_400_000).toISOString() }, 'body.at'],
      [{ phase: 'offered', at: minutesAgo(1), direction: 'sideways' }, 'body.direction'],
      [{ phase: 'offered', at: minutesAgo(1), remoteNumber: '03-1234-567!' }, 'body.remoteNumber'],
      [{ phase: 'offered', at: minutesAgo(1), remoteNumber: '+12' }, 'body.remoteNumber'],
      [{ phase: 'offered', at: minutesAgo(1), localNumber: '' }, 'body.localNumber'],
      [{ phase: 'ended', at: minutesAgo(1), endReason: 'bored' }, 'body.endReason'],
      [{ phase: 'offered', at: minutesAgo(1), queue: 'q'.repeat(65) }, 'body.queue'],
    ];
    for (const [body, path] of cases) {
      const response = await fileEvent(agent, 'invalid@pbx', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldPaths(response)).toContain(path);
    }
    const badId = await agent.put('/api/call-records/by-call-id/has%20space/events', { phase: 'offered', at: minutesAgo(1), direction: 'inbound', remoteNumber: null });
    expect(badId.statusCode).toBe(400);
    expect(fieldPaths(badId)).toContain('params.sipCallId');
    const [count] = await rows<{ count: number }>(database.db, sql`select count(*)::int as count from call_records`);
    expect(count?.count).toBe(0);
  });

  it('keep withheld numbers (非通知) and extensions as what they are', async () => {
    const { login } = await start();
    const agent = await login('1001');
    const withheld = await fileEvent(agent, 'anon@pbx', { phase: 'offered', at: minutesAgo(2), remoteNumber: 'anonymous' });
    expect((await record(agent, withheld.json<CallEventResult>().callRecordId)).remoteNumber).toBeNull();
    const internal = await fileEvent(agent, 'ext@pbx', { phase: 'offered', at: minutesAgo(2), remoteNumber: 'sip:1004@127.0.0.1' });
    expect((await record(agent, internal.json<CallEventResult>().callRecordId)).remoteNumber).toBe('1004');
    const prefixed = await fileEvent(agent, '184@pbx', { phase: 'offered', at: minutesAgo(2), direction: 'outbound', remoteNumber: '184-090-1234-5678' });
    expect((await record(agent, prefixed.json<CallEventResult>().callRecordId)).remoteNumber).toBe('+819012345678');
  });
});

describe('calls between agents', () => {
  /** Files offered, answered and ended of one side of `sipCallId` and returns its record id. */
  async function side(agent: TestClient, sipCallId: string, direction: 'inbound' | 'outbound', remoteNumber: string): Promise<string> {
    const offered = await fileEvent(agent, sipCallId, { phase: 'offered', at: minutesAgo(20), direction, remoteNumber });
    expect(offered.statusCode, `${direction} offered`).toBe(201);
    for (const [phase, at] of [
      ['answered', minutesAgo(19.9)],
      ['ended', minutesAgo(15)],
    ] as const) {
      expect((await fileEvent(agent, sipCallId, { phase, at, direction, remoteNumber })).statusCode, `${direction} ${phase}`).toBe(200);
    }
    return offered.json<CallEventResult>().callRecordId;
  }

  it('give one record per side: the caller an outbound one, the callee an inbound one, linked to each other', async () => {
    const { login, seed, database } = await start();
    const [callee, caller, supervisor] = await Promise.all([login('1001'), login('1002'), login('sv1')]);
    // 1002 dials extension 1001: both softphones file the same Call-ID, each its own direction.
    const outbound = await side(caller, 'internal@pbx', 'outbound', '1001');
    const inbound = await side(callee, 'internal@pbx', 'inbound', '1002');
    expect(inbound).not.toBe(outbound);

    const shared = { sipCallId: 'internal@pbx', phase: 'ended', answeredAt: minutesAgo(19.9), durationSeconds: 294, endReason: 'completed', version: 1 };
    expect(await record(caller, outbound)).toMatchObject({ ...shared, direction: 'outbound', agentId: seed.userIds['1002'], remoteNumber: '1001', linkedCallId: inbound });
    expect(await record(callee, inbound)).toMatchObject({ ...shared, direction: 'inbound', agentId: seed.userIds['1001'], remoteNumber: '1002', linkedCallId: outbound });
    const listed = (await supervisor.get(`/api/call-records?number=1001`)).json<CallRecordPage>().items;
    expect(listed.map((item) => [item.id, item.direction])).toEqual([[outbound, 'outbound']]);

    // Replays of either side change nothing and create nothing.
    for (const [agent, direction, remoteNumber, id] of [
      [caller, 'outbound', '1001', outbound],
      [callee, 'inbound', '1002', inbound],
    ] as const) {
      const replay = await fileEvent(agent, 'internal@pbx', { phase: 'answered', at: minutesAgo(19.9), direction, remoteNumber });
      expect(replay.statusCode).toBe(200);
      expect(replay.json<CallEventResult>()).toMatchObject({ callRecordId: id, changed: false, phase: 'ended', version: 1 });
    }
    const counts = await rows<{ direction: string; events: number }>(
      database.db,
      sql`select r.direction, count(e.id)::int as events from call_records r join call_record_events e on e.call_record_id = r.id where r.sip_call_id = 'internal@pbx' group by r.direction order by r.direction`,
    );
    expect(counts).toEqual([
      { direction: 'inbound', events: 3 },
      { direction: 'outbound', events: 3 },
    ]);

    // Each agent completes their own record only, each with its own version.
    expect((await callee.patch(`/api/call-records/${inbound}`, { expectedVersion: 1, notes: '内線: 請求の件を引き継ぎ' })).statusCode).toBe(200);
    expect((await callee.patch(`/api/call-records/${outbound}`, { expectedVersion: 1, notes: '相手の記録' })).statusCode).toBe(403);
    expect((await caller.patch(`/api/call-records/${inbound}`, { expectedVersion: 2, notes: '相手の記録' })).statusCode).toBe(403);
    expect((await caller.patch(`/api/call-records/${outbound}`, { expectedVersion: 1, notes: '内線: 請求の件を相談' })).statusCode).toBe(200);
    expect(await record(callee, inbound)).toMatchObject({ version: 2, notes: '内線: 請求の件を引き継ぎ', agentId: seed.userIds['1001'] });
    expect(await record(caller, outbound)).toMatchObject({ version: 2, notes: '内線: 請求の件を相談', agentId: seed.userIds['1002'] });

    // Neither may file events on the other's side.
    expect((await caller.put(`/api/call-records/by-call-id/internal%40pbx/events`, { phase: 'held', at: minutesAgo(18), direction: 'inbound', remoteNumber: '1002' })).statusCode).toBe(403);
    expect((await callee.put(`/api/call-records/by-call-id/internal%40pbx/events`, { phase: 'answered', at: minutesAgo(19), direction: 'outbound', remoteNumber: '1001' })).statusCode).toBe(403);
  });

  it('link the sides whichever files first, and keep the takeover of a queue call within its inbound side', async () => {
    const { login, seed } = await start();
    const [rung, answering, caller] = await Promise.all([login('1001'), login('1003'), login('1002')]);
    // The callee's softphone is quicker: its inbound side exists before the caller's outbound one.
    // 1002 calls the group's queue, which rings 1001 and 1003 on one Call-ID; 1003 answers.
    const offered = await fileEvent(rung, 'queue-internal@pbx', { phase: 'offered', at: minutesAgo(10), remoteNumber: '1002', queue: '東京代表' });
    expect(offered.statusCode).toBe(201);
    const inbound = offered.json<CallEventResult>().callRecordId;
    const outbound = await side(caller, 'queue-internal@pbx', 'outbound', '0352001000');
    expect((await fileEvent(rung, 'queue-internal@pbx', { phase: 'ended', at: minutesAgo(9.9), remoteNumber: '1002' })).statusCode).toBe(200);
    const answered = await fileEvent(answering, 'queue-internal@pbx', { phase: 'answered', at: minutesAgo(9.9), remoteNumber: '1002' });
    expect(answered.statusCode).toBe(200);
    expect(answered.json<CallEventResult>().callRecordId).toBe(inbound);
    expect((await fileEvent(answering, 'queue-internal@pbx', { phase: 'ended', at: minutesAgo(5), remoteNumber: '1002' })).statusCode).toBe(200);
    // Once answered, the inbound side is 1003's: 1001 can no longer take it back.
    expect((await fileEvent(rung, 'queue-internal@pbx', { phase: 'answered', at: minutesAgo(9.8), remoteNumber: '1002' })).statusCode).toBe(403);

    expect(await record(answering, inbound)).toMatchObject({ direction: 'inbound', agentId: seed.userIds['1003'], queue: '東京代表', endReason: 'completed', durationSeconds: 294, linkedCallId: outbound });
    expect(await record(caller, outbound)).toMatchObject({ direction: 'outbound', agentId: seed.userIds['1002'], remoteNumber: '+81352001000', linkedCallId: inbound });
    expect((await answering.patch(`/api/call-records/${inbound}`, { expectedVersion: 1, notes: '代表番号への内線' })).statusCode).toBe(200);
    expect((await rung.patch(`/api/call-records/${inbound}`, { expectedVersion: 2, notes: '鳴っただけ' })).statusCode).toBe(403);
  });

  it('link a transfer to the agent’s own consultation call; the colleague’s side of it links back to that call', async () => {
    const { login } = await start();
    const [agent, colleague] = await Promise.all([login('1001'), login('1002')]);
    const original = await answeredCall(agent, 'customer@pbx');
    // 1001 consults 1002 (a call between agents: two sides), then transfers the customer to them.
    const consultation = await fileEvent(agent, 'consult-1002@pbx', { phase: 'offered', at: minutesAgo(27), direction: 'outbound', remoteNumber: '1002' });
    const answer = await fileEvent(colleague, 'consult-1002@pbx', { phase: 'offered', at: minutesAgo(27), direction: 'inbound', remoteNumber: '1001' });
    const mine = consultation.json<CallEventResult>().callRecordId;
    const theirs = answer.json<CallEventResult>().callRecordId;
    expect((await record(agent, mine)).linkedCallId).toBe(theirs);
    await fileEvent(agent, 'customer@pbx', { phase: 'transferred', at: minutesAgo(26), transferredTo: '1002', linkedSipCallId: 'consult-1002@pbx' });

    expect(await record(agent, original)).toMatchObject({ endReason: 'transferred', linkedCallId: mine });
    expect((await record(agent, mine)).linkedCallId).toBe(original);
    expect((await record(colleague, theirs)).linkedCallId).toBe(mine);
  });

  it('keep the records made before one side per call valid, and allow one record per side from then on', async () => {
    const before = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-migrations-'));
    const database = await openDatabase({ memory: true });
    try {
      for (const name of (await readdir(migrationsDir)).filter((file) => file < '0008')) await copyFile(path.join(migrationsDir, name), path.join(before, name));
      await migrate(database, before);
      const [tenant] = await rows<{ id: string }>(database.db, sql`insert into tenants (name, seat_limit) values ('既存センター', 5) returning id`);
      const [group] = await rows<{ id: string }>(database.db, sql`insert into groups (tenant_id, name) values (${tenant?.id}, '第一') returning id`);
      const insert = (direction: string) =>
        database.db.execute(sql`insert into call_records (tenant_id, group_id, sip_call_id, direction, phase, started_at)
                                values (${tenant?.id}, ${group?.id}, 'old@pbx', ${direction}, 'ended', now())`);
      await insert('outbound');
      await expect(insert('inbound')).rejects.toThrow();

      expect((await migrate(database))[0]).toBe('0008_call_record_sides.sql');
      const kept = await rows<{ direction: string }>(database.db, sql`select direction from call_records where sip_call_id = 'old@pbx'`);
      expect(kept).toEqual([{ direction: 'outbound' }]);
      await insert('inbound');
      await expect(insert('inbound')).rejects.toThrow();
      const sides = await rows<{ direction: string }>(database.db, sql`select direction from call_records where sip_call_id = 'old@pbx' order by direction`);
      expect(sides).toEqual([{ direction: 'inbound' }, { direction: 'outbound' }]);
    } finally {
      await database.close();
      await rm(before, { recursive: true, force: true });
    }
  });
});

describe("the agent's part of a record", () => {
  it('saves category, notes, disposition, follow-up and customer with a new version', async () => {
    const { login } = await start();
    const agent = await login('1001');
    const id = await answeredCall(agent, 'notes@pbx');
    const { categories, dispositions } = await codes(agent);
    const category = categories.find((code) => code.nameJa === '住所変更');
    const callBack = dispositions.find((code) => code.nameJa === '折り返し');
    const customer = (await agent.post('/api/customers', { name: '山田 太郎', phones: [{ number: '090-1111-2222' }] })).json<{ id: string }>();
    const saved = await agent.patch(`/api/call-records/${id}`, {
      expectedVersion: 1,
      categoryId: category?.id,
      notes: '転居に伴う住所変更。必要書類を案内。',
      dispositionId: callBack?.id,
      followUpAt: '2026-11-24',
      customerId: customer.id,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      version: 2,
      categoryId: category?.id,
      notes: '転居に伴う住所変更。必要書類を案内。',
      dispositionId: callBack?.id,
      followUpAt: '2026-11-24',
      customerId: customer.id,
      customerName: '山田 太郎',
    });
    const cleared = await agent.patch(`/api/call-records/${id}`, { expectedVersion: 2, followUpAt: null, categoryId: null });
    expect(cleared.json()).toMatchObject({ version: 3, followUpAt: null, categoryId: null, notes: '転居に伴う住所変更。必要書類を案内。' });
  });

  it('refuses a stale version with 409 and loses no write when two people save at once', async () => {
    const { login } = await start();
    const [agent, supervisor] = await Promise.all([login('1001'), login('sv1')]);
    const id = await answeredCall(agent, 'race@pbx');
    const { categories } = await codes(agent);
    const complaint = categories.find((code) => code.nameJa === '苦情');

    const [mine, theirs] = await Promise.all([
      agent.patch(`/api/call-records/${id}`, { expectedVersion: 1, notes: '担当者メモ' }),
      supervisor.patch(`/api/call-records/${id}`, { expectedVersion: 1, categoryId: complaint?.id }),
    ]);
    const statuses = [mine.statusCode, theirs.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = mine.statusCode === 409 ? mine : theirs;
    expect(loser.json()).toMatchObject({ error: { code: 'conflict' } });
    expect((await record(agent, id)).version).toBe(2);

    // The one refused reloads and makes their change again: both changes are kept.
    const retry = mine.statusCode === 409 ? agent.patch(`/api/call-records/${id}`, { expectedVersion: 2, notes: '担当者メモ' }) : supervisor.patch(`/api/call-records/${id}`, { expectedVersion: 2, categoryId: complaint?.id });
    expect((await retry).statusCode).toBe(200);
    expect(await record(agent, id)).toMatchObject({ version: 3, notes: '担当者メモ', categoryId: complaint?.id });
    expect((await agent.patch(`/api/call-records/${id}`, { expectedVersion: 2, notes: '古い版からの上書き' })).statusCode).toBe(409);
    expect((await record(agent, id)).notes).toBe('担当者メモ');
  });

  it('refuses invalid fields with field-level messages and writes nothing', async () => {
    const { login } = await start();
    const agent = await login('1001');
    const id = await answeredCall(agent, 'validate@pbx');
    await agent.patch(`/api/call-records/${id}`, { expectedVersion: 1, notes: '元のメモ' });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [Record<string, unknown>, string[]][] = [
      [{ notes: 'x' }, ['body.expectedVersion']],
      [{ expectedVersion: 0 }, ['body.expectedVersion']],
      [{ expectedVersion: 2, notes: 'あ'.repeat(10_001) }, ['body.notes']],
      [{ expectedVersion: 2, categoryId: 'not-an-id' }, ['body.categoryId']],
      [{ expectedVersion: 2, dispositionId: 42 }, ['body.dispositionId']],
      [{ expectedVersion: 2, followUpAt: '2026-13-01' }, ['body.followUpAt']],
      [{ expectedVersion: 2, followUpAt: '24/11/2026' }, ['body.followUpAt']],
      [{ expectedVersion: 2, customerId: 'someone' }, ['body.customerId']],
      [{ expectedVersion: 2, notes: '新しいメモ', categoryId: unknown, dispositionId: unknown, customerId: unknown }, ['body.categoryId', 'body.dispositionId', 'body.customerId']],
    ];
    for (const [body, paths] of cases) {
      const response = await agent.patch(`/api/call-records/${id}`, body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 100)).toBe(400);
      expect(fieldPaths(response)).toEqual(expect.arrayContaining(paths));
    }
    expect(await record(agent, id)).toMatchObject({ version: 2, notes: '元のメモ', categoryId: null, dispositionId: null, customerId: null });
  });

  it('is edited by the agent of the call, their supervisor and administrators only', async () => {
    const { login } = await start();
    const [agent, colleague, otherGroup, supervisor, otherSupervisor, admin] = await Promise.all(['1001', '1002', '1004', 'sv1', 'sv2', 'admin'].map((name) => login(name)));
    if (!agent || !colleague || !otherGroup || !supervisor || !otherSupervisor || !admin) throw new Error('logins failed');
    const id = await answeredCall(agent, 'who-edits@pbx');
    expect((await colleague.patch(`/api/call-records/${id}`, { expectedVersion: 1, notes: '同僚' })).statusCode).toBe(403);
    expect((await otherGroup.patch(`/api/call-records/${id}`, { expectedVersion: 1, notes: '他グループ' })).statusCode).toBe(403);
    expect((await otherSupervisor.patch(`/api/call-records/${id}`, { expectedVersion: 1, notes: '他SV' })).statusCode).toBe(403);
    expect((await supervisor.patch(`/api/call-records/${id}`, { expectedVersion: 1, notes: 'SV確認済み' })).statusCode).toBe(200);
    expect((await admin.patch(`/api/call-records/${id}`, { expectedVersion: 2, notes: '管理者確認済み' })).statusCode).toBe(200);
    expect((await colleague.get(`/api/call-records/${id}`)).statusCode).toBe(200);
  });
});

describe('reading and searching records', () => {
  it('keeps groups apart and audits every read', async () => {
    const { login, services, seed } = await start();
    const [agent, otherGroup, otherSupervisor, admin] = await Promise.all(['1001', '1004', 'sv2', 'admin'].map((name) => login(name)));
    if (!agent || !otherGroup || !otherSupervisor || !admin) throw new Error('logins failed');
    const id = await answeredCall(agent, 'private@pbx');
    expect((await otherGroup.get(`/api/call-records/${id}`)).statusCode).toBe(403);
    expect((await otherSupervisor.get(`/api/call-records/${id}`)).statusCode).toBe(403);
    expect((await otherGroup.get('/api/call-records')).json<CallRecordPage>().items).toEqual([]);
    expect((await otherGroup.get('/api/call-records/export.csv')).body.split('\r\n').filter(Boolean)).toHaveLength(1);
    expect((await admin.get(`/api/call-records/${id}`)).statusCode).toBe(200);
    expect((await agent.get(`/api/call-records/${id}`)).statusCode).toBe(200);
    expect((await otherGroup.get('/api/call-records/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);

    const reads = await services.audit.search({ tenantId: seed.tenantId, action: 'read', resourceType: 'call-record', resourceId: id, limit: 10 });
    expect(reads.map((entry) => entry.actorName).sort()).toEqual(['1001', 'admin']);
  });

  it('filters by date, agent, number in any format, category, disposition and Japanese text, page by page', async () => {
    const { login, services, seed } = await start();
    const [agent, colleague, supervisor] = await Promise.all([login('1001'), login('1002'), login('sv1')]);
    const { categories, dispositions } = await codes(agent);
    const address = categories.find((code) => code.nameJa === '住所変更')?.id;
    const resolved = dispositions.find((code) => code.nameJa === '解決')?.id;
    const call = async (who: TestClient, sipCallId: string, at: string, remoteNumber: string, notes: string, categoryId?: string) => {
      const offered = await fileEvent(who, sipCallId, { phase: 'offered', at, remoteNumber });
      const id = offered.json<CallEventResult>().callRecordId;
      await who.patch(`/api/call-records/${id}`, { expectedVersion: 1, notes, ...(categoryId ? { categoryId, dispositionId: resolved } : {}) });
      return id;
    };
    // Thursday 19 Nov 23:30 Tokyo is still the 19th; Friday 20 Nov 00:30 Tokyo is the 20th.
    const late = await call(agent, 'f1@pbx', '2026-11-19T14:30:00.000Z', '03-1234-5678', '住所変更のお問い合わせ');
    const early = await call(agent, 'f2@pbx', '2026-11-19T15:30:00.000Z', '+81 90-1234-5678', '請求書の再発行', address);
    const colleagues = await call(colleague, 'f3@pbx', '2026-11-20T01:00:00.000Z', '0312345678', '転居による住所変更の手続き', address);

    const search = async (query: string) => {
      const response = await supervisor.get(`/api/call-records?${query}`);
      expect(response.statusCode, query).toBe(200);
      return response.json<CallRecordPage>().items.map((item) => item.id);
    };
    expect(await search('')).toEqual([colleagues, early, late]);
    expect(await search('from=2026-11-20')).toEqual([colleagues, early]);
    expect(await search('to=2026-11-19')).toEqual([late]);
    expect(await search('from=2026-11-19T15:00:00Z&to=2026-11-20T00:00:00Z')).toEqual([early]);
    expect(await search(`agentId=${seed.userIds['1002'] ?? ''}`)).toEqual([colleagues]);
    expect(await search(`number=${encodeURIComponent('03-1234-5678')}`)).toEqual([colleagues, late]);
    expect(await search(`number=${encodeURIComponent('+81312345678')}`)).toEqual([colleagues, late]);
    expect(await search('number=09012345678')).toEqual([early]);
    expect(await search(`categoryId=${address ?? ''}`)).toEqual([colleagues, early]);
    expect(await search(`dispositionId=${resolved ?? ''}`)).toEqual([colleagues, early]);
    expect(await search(`q=${encodeURIComponent('住所変更')}`)).toEqual([colleagues, late]);
    expect(await search(`q=${encodeURIComponent('再発行')}&number=090-1234-5678`)).toEqual([early]);
    expect(await search(`q=${encodeURIComponent('100%')}`)).toEqual([]);

    const first = (await supervisor.get('/api/call-records?limit=2')).json<CallRecordPage>();
    expect(first.items.map((item) => item.id)).toEqual([colleagues, early]);
    const second = (await supervisor.get(`/api/call-records?limit=2&cursor=${first.nextCursor ?? ''}`)).json<CallRecordPage>();
    expect(second).toMatchObject({ items: [{ id: late }], nextCursor: null });

    const withFilters = await services.audit.search({ tenantId: seed.tenantId, action: 'search', resourceType: 'call-record', limit: 50 });
    expect(withFilters.map((entry) => entry.detail)).toContainEqual(expect.objectContaining({ filters: { q: '住所変更' }, count: 2, ids: [colleagues, late] }));
  });

  it('pages through the demo data in a stable order without repeats', async () => {
    const { login, database, seed } = await start({ clock: () => new Date(), moduleSeeds: undefined });
    const supervisor = await login('sv1');
    const [expected] = await rows<{ count: number }>(database.db, sql`select count(*)::int as count from call_records where group_id = ${seed.groupIds.a}`);
    const seen: CallRecordDto[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: CallRecordPage = (await supervisor.get(`/api/call-records?limit=37${cursor ? `&cursor=${cursor}` : ''}`)).json<CallRecordPage>();
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(expected?.count).toBeGreaterThan(100);
    expect(seen).toHaveLength(expected?.count ?? -1);
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
    expect(seen.every((item) => item.groupId === seed.groupIds.a)).toBe(true);
    const keys = seen.map((item) => `${item.startedAt}|${item.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it('refuses unreadable filters field by field', async () => {
    const { login } = await start();
    const agent = await login('1001');
    const cases: [string, string][] = [
      ['from=yesterday', 'querystring.from'],
      ['agentId=me', 'querystring.agentId'],
      ['number=abc!', 'querystring.number'],
      ['limit=500', 'querystring.limit'],
      ['cursor=bm90LWEtY3Vyc29y', 'querystring.cursor'],
      [`q=${'x'.repeat(101)}`, 'querystring.q'],
    ];
    for (const [query, path] of cases) {
      const response = await agent.get(`/api/call-records?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(fieldPaths(response)).toContain(path);
    }
  });

  it('lists categories and dispositions in Japanese and English', async () => {
    const { login } = await start();
    const { categories, dispositions } = await codes(await login('1004'));
    expect(categories.map((code) => [code.nameJa, code.nameEn])).toEqual(
      expect.arrayContaining([
        ['住所変更', 'Address change'],
        ['料金・請求', 'Billing'],
        ['マイナンバーカード', 'My Number card'],
        ['苦情', 'Complaint'],
        ['その他', 'Other'],
      ]),
    );
    expect(dispositions.map((code) => code.nameEn)).toEqual(expect.arrayContaining(['Resolved', 'Call back', 'Escalated', 'No action']));
    expect(categories.at(-1)?.nameJa).toBe('その他');
  });
});

describe('CSV export', () => {
  it('writes UTF-8 with BOM, CRLF, Japanese headers, Tokyo times and RFC 4180 quoting; audited', async () => {
    const { login, services, seed } = await start();
    const agent = await login('1001');
    const id = await answeredCall(agent, 'csv@pbx');
    const notes = '住所変更、書類送付済み。\nお客様曰く「"至急" で」, 以上\r\n=SUM(1,2)';
    await agent.patch(`/api/call-records/${id}`, { expectedVersion: 1, notes });
    await answeredCall(agent, 'csv-2@pbx', { remoteNumber: '1004' });

    const response = await agent.get('/api/call-records/export.csv?from=2026-11-20');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="call-records-20261120\.csv"$/);
    const raw = response.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8');
    expect(text.startsWith('\uFEFF開始日時,発着信,相手番号,自番号,担当者,キュー,応答日時,終了日時,通話時間(秒),保留時間(秒),終了理由,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    // Every line break outside quotes is CRLF: three lines (header and two records).
    const outsideQuotes = text.replace(/"(?:[^"]|"")*"/g, '');
    expect(outsideQuotes.split('\r\n')).toHaveLength(4);
    expect(outsideQuotes.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(text).toContain(`"住所変更、書類送付済み。\nお客様曰く「""至急"" で」, 以上\r\n=SUM(1,2)"`);
    // 30 minutes before 15:00 Tokyo, the number in its national form, the agent, no queue, then answer and end.
    expect(text).toMatch(/\r\n2026-11-20 14:30:00,着信,03-1234-5678,,[^,]+,,2026-11-20 14:30:30,2026-11-20 14:35:00,270,0,通話完了,/);
    expect(text).toMatch(/\r\n2026-11-20 14:30:00,着信,1004,,/);

    const formula = await answeredCall(agent, 'csv-3@pbx');
    await agent.patch(`/api/call-records/${formula}`, { expectedVersion: 1, notes: '=HYPERLINK("http://evil.example")' });
    const guarded = (await agent.get('/api/call-records/export.csv?q=HYPERLINK')).body;
    expect(guarded).toContain(`"'=HYPERLINK(""http://evil.example"")"`);

    const english = (await agent.get('/api/call-records/export.csv?lang=en')).body;
    expect(english.startsWith('\uFEFFStarted at,Direction,Remote number,Local number,Agent,')).toBe(true);
    expect(english).toContain(',Inbound,');

    const exports = await services.audit.search({ tenantId: seed.tenantId, action: 'export', resourceType: 'call-record', limit: 10 });
    expect(exports.map((entry) => entry.detail)).toContainEqual({ filters: { from: '2026-11-20' }, lang: 'ja' });
  });
});

describe('the call timeline', () => {
  const at = (second: number) => new Date(Date.UTC(2026, 10, 20, 5, 0, second));
  const event = (phase: CallEvent['phase'], second: number, agentId = 'a'): CallEvent => ({ phase, at: at(second), agentId });

  it('is the same whatever order the events are given in', () => {
    const events = [event('offered', 0), event('answered', 5), event('held', 10), event('resumed', 20), event('held', 30), event('resumed', 35), event('ended', 50)];
    const expected = deriveCallTimeline(events, 'a', 'inbound');
    expect(expected).toMatchObject({ phase: 'ended', heldSeconds: 15, durationSeconds: 45, endReason: 'completed' });
    for (let shift = 1; shift < events.length; shift += 1) {
      const rotated = [...events.slice(shift), ...events.slice(0, shift)].reverse();
      expect(deriveCallTimeline(rotated, 'a', 'inbound')).toEqual(expected);
    }
  });

  it('closes a hold at the end, and names unanswered ends by direction', () => {
    expect(deriveCallTimeline([event('answered', 0), event('held', 10), event('ended', 40)], 'a', 'outbound')).toMatchObject({ heldSeconds: 30, phase: 'ended' });
    expect(deriveCallTimeline([event('offered', 0), event('ended', 20)], 'a', 'outbound').endReason).toBe('no-answer');
    expect(deriveCallTimeline([event('offered', 0), { ...event('ended', 20), endReason: 'busy' }], 'a', 'outbound').endReason).toBe('busy');
    expect(deriveCallTimeline([event('offered', 0), event('ended', 2, 'b'), event('answered', 3)], 'a', 'inbound')).toMatchObject({ phase: 'answered', endedAt: null });
  });
});
