import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/contract/events';
import { queueListSchema, queueSchema, type QueueDto } from '../../src/contract/queues';
import { openDatabase } from '../src/db/database';
import { migrate, migrationsDir } from '../src/db/migrate';
import { rows } from '../src/db/rows';
import { deskPolicySeed } from '../src/seed/desk-policy-seed';
import { queuesSeed } from '../src/seed/queues-seed';
import { createTestApp, type TestApp, type TestClient } from './test-app';

const pbxToken = 'pbx-token-for-queue-tests-0123456789abcdef';

let testApp: TestApp | undefined;
/** The service's clock: Tuesday 2026-11-24, 10:00 in Tokyo, moved by the tests. */
let now = new Date('2026-11-24T10:00:00+09:00');

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

async function start(at = '2026-11-24T10:00:00+09:00'): Promise<TestApp> {
  now = new Date(at);
  testApp = await createTestApp({ env: { TSUNAGU_PBX_TOKEN: pbxToken }, clock: () => now, moduleSeeds: [deskPolicySeed(), queuesSeed()] });
  return testApp;
}

function advance(seconds: number): void {
  now = new Date(now.getTime() + seconds * 1000);
}

/** Kamailio's question for a call to a queue number. */
async function route(app: TestApp, queue: string, call: string, options: { tried?: string[]; token?: string | null; caller?: string } = {}) {
  const query = new URLSearchParams({ queue, call, caller: options.caller ?? '0312345678', ...(options.tried ? { tried: options.tried.join(',') } : {}) });
  const token = options.token === undefined ? pbxToken : options.token;
  return app.app.inject({ method: 'GET', url: `/api/pbx/route?${query.toString()}`, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

async function decide(app: TestApp, queue: string, call: string, tried?: string[]): Promise<Record<string, unknown>> {
  const response = await route(app, queue, call, tried ? { tried } : {});
  expect(response.statusCode, response.body).toBe(200);
  expect(response.body).not.toContain('\n');
  return response.json<Record<string, unknown>>();
}

/** Kamailio's report of what happened to a queue call. */
async function report(app: TestApp, queue: string, call: string, event: string, extension?: string) {
  const query = new URLSearchParams({ queue, call, event, ...(extension ? { extension } : {}) });
  return app.app.inject({ method: 'POST', url: `/api/pbx/queue-events?${query.toString()}`, headers: { authorization: `Bearer ${pbxToken}` } });
}

/** Signs agents in and makes them available one after the other, `gapSeconds` apart (the first is the longest idle). */
async function available(app: TestApp, agents: string[], gapSeconds = 10): Promise<Record<string, TestClient>> {
  const clients: Record<string, TestClient> = {};
  for (const agent of agents) {
    const client = await app.login(agent);
    expect((await client.put('/api/agents/me/state', { state: 'available' })).statusCode).toBe(200);
    clients[agent] = client;
    advance(gapSeconds);
  }
  return clients;
}

async function queuesOf(client: TestClient): Promise<QueueDto[]> {
  const response = await client.get('/api/queues');
  expect(response.statusCode, response.body).toBe(200);
  return queueListSchema.parse(response.json()).items;
}

function watch(app: TestApp, role: 'supervisor' | 'agent' | 'administrator', group: 'a' | 'b'): LiveEvent[] {
  const received: LiveEvent[] = [];
  app.services.liveEvents.subscribe(
    { userId: app.seed.userIds.sv1 ?? '', tenantId: app.seed.tenantId, username: 'watcher', displayName: 'watcher', role, groupIds: [app.seed.groupIds[group]], sipUser: null },
    (event) => received.push(event),
  );
  return received;
}

describe('routing a queue call to an agent', () => {
  it('rings the longest-idle available agent with the skill, then the next one not yet tried', async () => {
    const app = await start();
    await available(app, ['1002', '1001', '1003']);
    expect(await decide(app, '2001', 'call-a')).toMatchObject({ action: 'ring', extension: '1002', ringSeconds: 15, queueNumber: '2001', record: true });
    // No answer within the ring time: Kamailio asks again with 1002 tried.
    expect(await decide(app, '2001', 'call-a', ['1002'])).toMatchObject({ action: 'ring', extension: '1001' });
    expect(await decide(app, '2001', 'call-a', ['1002', '1001'])).toMatchObject({ action: 'ring', extension: '1003' });
    // Everyone tried: the caller waits, then a new round starts with an empty tried list.
    expect(await decide(app, '2001', 'call-a', ['1002', '1001', '1003'])).toMatchObject({ action: 'wait', announcement: 'queue-wait', maxWaitSeconds: 120 });
    expect(await decide(app, '2001', 'call-a')).toMatchObject({ action: 'ring', extension: '1002' });
  });

  it('never rings an agent another queue call is ringing', async () => {
    const app = await start();
    await available(app, ['1001', '1002']);
    expect(await decide(app, '2001', 'call-a')).toMatchObject({ extension: '1001' });
    expect(await decide(app, '2001', 'call-b')).toMatchObject({ extension: '1002' });
    expect(await decide(app, '2001', 'call-c')).toMatchObject({ action: 'wait' });
    // Past the ring time the reservation lapses (the first call's ringing ended without news).
    advance(25);
    expect(await decide(app, '2001', 'call-c')).toMatchObject({ action: 'ring', extension: '1001' });
  });

  it('skips agents who are not ready, in after-call work, on a call or signed out', async () => {
    const app = await start();
    const agents = await available(app, ['1001', '1002', '1003']);
    await agents['1001']?.put('/api/agents/me/state', { state: 'not-ready', reason: 'break' });
    await agents['1002']?.put('/api/agents/me/state', { state: 'after-call-work' });
    expect(await decide(app, '2001', 'call-a')).toMatchObject({ action: 'ring', extension: '1003' });
    await agents['1003']?.put('/api/agents/me/state', { state: 'on-call' });
    expect(await decide(app, '2001', 'call-b')).toMatchObject({ action: 'wait' });
    await agents['1001']?.put('/api/agents/me/state', { state: 'available' });
    await agents['1001']?.post('/api/auth/logout');
    expect(await decide(app, '2001', 'call-c')).toMatchObject({ action: 'wait' });
  });

  it('counts idle time from the end of the last call, not from a repeated "available"', async () => {
    const app = await start();
    const agents = await available(app, ['1001', '1002']);
    // 1001 was available first; sending available again (a reload) keeps their place.
    await agents['1001']?.put('/api/agents/me/state', { state: 'available' });
    expect(await decide(app, '2001', 'call-a')).toMatchObject({ extension: '1001' });
    await report(app, '2001', 'call-a', 'answered', '1001');
    // 1001 takes the call and finishes it: now 1002 has waited longest.
    await agents['1001']?.put('/api/agents/me/state', { state: 'on-call' });
    advance(60);
    await agents['1001']?.put('/api/agents/me/state', { state: 'available' });
    expect(await decide(app, '2001', 'call-b')).toMatchObject({ extension: '1002' });
  });

  it("rings only agents of the queue's group who hold its skill", async () => {
    const app = await start();
    await available(app, ['1001', '1004', '1002']);
    // 料金窓口 (billing): 1001 is the longest idle but has no billing skill; 1004 is in Osaka.
    expect(await decide(app, '2002', 'call-a')).toMatchObject({ action: 'ring', extension: '1002' });
    // 大阪サポート rings Osaka agents only.
    expect(await decide(app, '2003', 'call-b')).toMatchObject({ action: 'ring', extension: '1004' });
    expect(await decide(app, '2003', 'call-c')).toMatchObject({ action: 'wait' });
  });

  it('answers none for a call already answered: it rings no one, reserves no one and stays answered', async () => {
    const app = await start();
    const agents = await available(app, ['1001', '1002']);
    expect(await decide(app, '2001', 'call-a')).toMatchObject({ action: 'ring', extension: '1001' });
    expect((await report(app, '2001', 'call-a', 'answered', '1001')).statusCode).toBe(200);
    await agents['1001']?.put('/api/agents/me/state', { state: 'on-call' });
    const answered = await decide(app, '2001', 'call-a', ['1001']);
    expect(answered).toEqual({ action: 'none', queueId: expect.any(String) as unknown, queueNumber: '2001' });
    // 1002 was not reserved for it: the next call rings 1002 at once.
    expect(await decide(app, '2001', 'call-b')).toMatchObject({ action: 'ring', extension: '1002' });
    const [row] = await rows<{ state: string; ringing_extension: string | null }>(app.database.db, sql`select state, ringing_extension from queue_calls where sip_call_id = 'call-a'`);
    expect(row).toEqual({ state: 'answered', ringing_extension: null });
    const admin = await app.login('admin');
    expect((await queuesOf(admin)).find((queue) => queue.number === '2001')?.stats).toMatchObject({ answeredToday: 1, waiting: 1 });
  });

  it('answers unknown for a number that is no queue', async () => {
    const app = await start();
    expect(await decide(app, '1001', 'call-a')).toEqual({ action: 'unknown' });
    expect(await decide(app, '9999', 'call-b')).toEqual({ action: 'unknown' });
  });
});

describe('waiting, the wait limit and business hours', () => {
  it('lets the caller wait, rings an agent who becomes free, and releases the call at the wait limit as abandoned', async () => {
    const app = await start();
    expect(await decide(app, '2001', 'call-a')).toMatchObject({ action: 'wait', remainingSeconds: 120, retrySeconds: 5 });
    advance(30);
    const [agent] = Object.values(await available(app, ['1001'], 0));
    expect(await decide(app, '2001', 'call-a')).toMatchObject({ action: 'ring', extension: '1001' });
    await agent?.put('/api/agents/me/state', { state: 'not-ready', reason: 'break' });
    expect(await decide(app, '2001', 'call-b')).toMatchObject({ action: 'wait', remainingSeconds: 120 });
    advance(119);
    expect(await decide(app, '2001', 'call-b')).toMatchObject({ action: 'wait', remainingSeconds: 1, retrySeconds: 1 });
    advance(1);
    expect(await decide(app, '2001', 'call-b')).toMatchObject({ action: 'abandon', announcement: 'queue-full' });
    // Asking again about a released call gives the same answer, and counts it once.
    expect(await decide(app, '2001', 'call-b')).toMatchObject({ action: 'abandon' });
    const admin = await app.login('admin');
    const tokyo = (await queuesOf(admin)).find((queue) => queue.number === '2001');
    expect(tokyo?.stats).toMatchObject({ abandonedToday: 1, offeredToday: 2 });
  });

  it('closes 平日窓口 outside 8:30–17:15, at weekends, on national holidays and over 年末年始', async () => {
    const app = await start('2026-11-24T08:29:00+09:00');
    await available(app, ['1001'], 0);
    const early = await decide(app, '2009', 'early');
    expect(Object.keys(early).sort()).toEqual(['action', 'announcement', 'queueId', 'queueNumber']);
    expect(early).toMatchObject({ action: 'closed', queueNumber: '2009', announcement: 'after-hours' });
    advance(60);
    expect(await decide(app, '2009', 'on-time')).toMatchObject({ action: 'ring', extension: '1001' });
    // The demo queues are open at any hour: 2001 rings on the same holiday 2009 is closed.
    for (const [at, call] of [
      ['2026-11-24T17:15:00+09:00', 'late'],
      ['2026-11-28T10:00:00+09:00', 'saturday'],
      ['2026-11-23T10:00:00+09:00', 'labour-thanksgiving'],
      ['2026-12-30T10:00:00+09:00', 'new-year-holidays'],
    ] as const) {
      now = new Date(at);
      expect(await decide(app, '2009', call), call).toMatchObject({ action: 'closed' });
    }
    await available(app, ['1003'], 0);
    expect(await decide(app, '2001', 'always-open')).toMatchObject({ action: 'ring' });
    const supervisor = await app.login('sv1');
    const weekday = (await queuesOf(supervisor)).find((queue) => queue.number === '2009');
    expect(weekday).toMatchObject({ openNow: false, schedule: { code: 'weekdays-0830-1715' }, stats: { afterHoursToday: 1 } });
  });

  it("keeps serving a caller who entered before closing time", async () => {
    const app = await start('2026-11-24T17:14:30+09:00');
    expect(await decide(app, '2009', 'call-a')).toMatchObject({ action: 'wait' });
    advance(60);
    expect(await decide(app, '2009', 'call-a')).toMatchObject({ action: 'wait' });
  });

  it("lets a supervisor of the queue's group close or open it whatever the schedule, audited", async () => {
    const app = await start('2026-11-23T10:00:00+09:00');
    await available(app, ['1001'], 0);
    const weekday = (await queuesOf(await app.login('admin'))).find((queue) => queue.number === '2009');
    if (!weekday) throw new Error('no queue 2009');
    expect(await decide(app, '2009', 'holiday')).toMatchObject({ action: 'closed' });

    const osaka = await app.login('sv2');
    expect((await osaka.put(`/api/queues/${weekday.id}/hours-override`, { override: 'open' })).statusCode).toBe(403);
    const agent = await app.login('1002');
    expect((await agent.put(`/api/queues/${weekday.id}/hours-override`, { override: 'open' })).statusCode).toBe(403);

    const tokyo = await app.login('sv1');
    const opened = await tokyo.put(`/api/queues/${weekday.id}/hours-override`, { override: 'open' });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(queueSchema.parse(opened.json())).toMatchObject({ hoursOverride: 'open', openNow: true });
    expect(await decide(app, '2009', 'opened')).toMatchObject({ action: 'ring', extension: '1001' });

    await tokyo.put(`/api/queues/${weekday.id}/hours-override`, { override: 'closed' });
    const tokyoDesk = (await queuesOf(tokyo)).find((queue) => queue.number === '2001');
    expect(await decide(app, '2009', 'closed')).toMatchObject({ action: 'closed' });
    expect(tokyoDesk?.openNow).toBe(true);
    await tokyo.put(`/api/queues/${weekday.id}/hours-override`, { override: 'schedule' });
    expect((await queuesOf(tokyo)).find((queue) => queue.number === '2009')).toMatchObject({ hoursOverride: 'schedule', openNow: false });

    const audit = await (await app.login('admin')).get(`/api/audit?resourceType=queue`);
    expect(audit.statusCode, audit.body).toBe(200);
    const entries = audit.json<{ items: { action: string; resourceId: string; detail: { hoursOverride: string } }[] }>().items;
    expect(entries.map((entry) => entry.detail.hoursOverride).sort()).toEqual(['closed', 'open', 'schedule']);
    expect(entries.every((entry) => entry.action === 'update' && entry.resourceId === weekday.id)).toBe(true);
  });
});

describe('queue figures and live events', () => {
  it('counts waiting calls, the longest wait, answered and abandoned calls and the answer rate, and tells the group’s supervisors', async () => {
    const app = await start();
    const tokyoSupervisor = watch(app, 'supervisor', 'a');
    const osakaSupervisor = watch(app, 'supervisor', 'b');
    const agentEvents = watch(app, 'agent', 'a');

    expect(await decide(app, '2001', 'first')).toMatchObject({ action: 'wait' });
    advance(20);
    expect(await decide(app, '2001', 'second')).toMatchObject({ action: 'wait' });
    advance(10);
    const sv1 = await app.login('sv1');
    const waiting = (await queuesOf(sv1)).find((queue) => queue.number === '2001');
    expect(waiting?.stats).toEqual({
      waiting: 2,
      oldestWaitingSince: new Date('2026-11-24T01:00:00Z').toISOString(),
      longestWaitSeconds: 30,
      offeredToday: 2,
      answeredToday: 0,
      abandonedToday: 0,
      afterHoursToday: 0,
      answerRate: null,
    });

    await available(app, ['1001'], 0);
    expect(await decide(app, '2001', 'first')).toMatchObject({ action: 'ring', extension: '1001' });
    expect((await report(app, '2001', 'first', 'answered', '1001')).json()).toEqual({ recorded: true });
    expect((await report(app, '2001', 'second', 'abandoned')).statusCode).toBe(200);
    // A caller hanging up after the answer is no abandoned call.
    await report(app, '2001', 'first', 'abandoned');
    const after = (await queuesOf(sv1)).find((queue) => queue.number === '2001');
    expect(after?.stats).toMatchObject({ waiting: 0, oldestWaitingSince: null, longestWaitSeconds: 0, answeredToday: 1, abandonedToday: 1, answerRate: 0.5 });

    const queueEvents = tokyoSupervisor.flatMap((event) => (event.type === 'queue' ? [event] : []));
    expect(queueEvents.length).toBeGreaterThanOrEqual(4);
    expect(queueEvents.at(-1)).toMatchObject({ type: 'queue', queueNumber: '2001', groupId: app.seed.groupIds.a, stats: { answeredToday: 1, abandonedToday: 1, waiting: 0 } });
    expect(queueEvents.map((event) => event.stats.waiting)).toContain(2);
    expect(osakaSupervisor.filter((event) => event.type === 'queue')).toEqual([]);
    expect(agentEvents.filter((event) => event.type === 'queue')).toEqual([]);
  });

  it('stops counting a call the PBX no longer asks about as waiting, and the sweep releases it as abandoned', async () => {
    const app = await start();
    const tokyoSupervisor = watch(app, 'supervisor', 'a');
    await decide(app, '2001', 'lost');
    await decide(app, '2001', 'still-asked');
    advance(15 + 29);
    await decide(app, '2001', 'still-asked');
    expect(await app.services.queues.sweepLostCalls()).toBe(0);
    advance(1);
    const admin = await app.login('admin');
    expect((await queuesOf(admin)).find((queue) => queue.number === '2001')?.stats.waiting).toBe(1);
    expect(await app.services.queues.sweepLostCalls()).toBe(1);
    expect(await app.services.queues.sweepLostCalls()).toBe(0);
    expect((await queuesOf(admin)).find((queue) => queue.number === '2001')?.stats).toMatchObject({ waiting: 1, abandonedToday: 1 });
    expect(tokyoSupervisor.at(-1)).toMatchObject({ type: 'queue', queueNumber: '2001', stats: { waiting: 1, abandonedToday: 1 } });
    // The PBX asking again about a released call hears that it was given up.
    expect(await decide(app, '2001', 'lost')).toMatchObject({ action: 'abandon' });
  });

  it('records reports of calls it never routed, and refuses reports it cannot file', async () => {
    const app = await start();
    expect((await report(app, '2001', 'seen-late', 'answered', '1002')).statusCode).toBe(200);
    expect((await report(app, '2009', 'closed-call', 'after-hours')).statusCode).toBe(200);
    const missing = await report(app, '2001', 'no-extension', 'answered');
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ error: { fields: { path: string }[] } }>().error.fields.map((field) => field.path)).toEqual(['querystring.extension']);
    expect((await report(app, '2001', 'stranger', 'answered', '9999')).statusCode).toBe(400);
    expect((await report(app, '8888', 'no-queue', 'entered')).statusCode).toBe(404);
    // Kamailio's http_client can only POST with a body, sent as a form: taken and ignored.
    const fromKamailio = await app.app.inject({
      method: 'POST',
      url: '/api/pbx/queue-events?queue=2001&call=from-kamailio&event=no-answer',
      headers: { authorization: `Bearer ${pbxToken}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'report',
    });
    expect(fromKamailio.statusCode, fromKamailio.body).toBe(200);
    const stats = (await queuesOf(await app.login('admin'))).filter((queue) => ['2001', '2009'].includes(queue.number)).map((queue) => queue.stats);
    expect(stats.map((figures) => [figures.answeredToday, figures.afterHoursToday])).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });
});

describe('who sees which queues', () => {
  it('shows administrators every queue, supervisors their groups’, agents the queues they can take', async () => {
    const app = await start();
    const numbers = async (username: string) => (await queuesOf(await app.login(username))).map((queue) => queue.number);
    expect(await numbers('admin')).toEqual(['2001', '2002', '2003', '2009']);
    expect(await numbers('sv1')).toEqual(['2001', '2002', '2009']);
    expect(await numbers('sv2')).toEqual(['2003']);
    expect(await numbers('1001')).toEqual(['2001', '2009']);
    expect(await numbers('1002')).toEqual(['2001', '2002', '2009']);
    expect(await numbers('1004')).toEqual(['2003']);
    const [tokyo] = await queuesOf(await app.login('admin'));
    expect(tokyo).toMatchObject({ nameJa: '東京窓口', nameEn: 'Tokyo desk', skills: [{ code: 'general', minLevel: 1 }], ringSeconds: 15, maxWaitSeconds: 120, outboundCallerId: '0312345678', recordCalls: true, schedule: { code: 'always-open' }, openNow: true });
  });
});

describe('the PBX endpoints take the PBX token only', () => {
  it('refuses a missing or wrong token and a signed-in session, before validating the query', async () => {
    const app = await start();
    expect((await route(app, '2001', 'call-a', { token: null })).statusCode).toBe(401);
    expect((await route(app, '2001', 'call-a', { token: `${pbxToken}x` })).statusCode).toBe(401);
    const admin = await app.login('admin');
    expect((await admin.get('/api/pbx/route?queue=2001&call=x')).statusCode).toBe(401);
    expect((await admin.post('/api/pbx/queue-events?queue=2001&call=x&event=entered')).statusCode).toBe(401);
    const noQuery = await app.app.inject({ method: 'GET', url: '/api/pbx/route' });
    expect(noQuery.statusCode).toBe(401);
    const invalid = await app.app.inject({ method: 'GET', url: '/api/pbx/route?queue=2001&call=x&tried=10%2001', headers: { authorization: `Bearer ${pbxToken}` } });
    expect(invalid.statusCode).toBe(400);
  });

  it('refuses everyone when no token is configured', async () => {
    testApp = await createTestApp({ moduleSeeds: [queuesSeed()] });
    const response = await route(testApp, '2001', 'call-a');
    expect(response.statusCode).toBe(401);
    expect(response.json<{ error: { message: string } }>().error.message).toMatch(/TSUNAGU_PBX_TOKEN/);
  });
});

describe('OpenAPI', () => {
  it('describes the queue and routing endpoints', async () => {
    const app = await start();
    const openapi = await app.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(openapi.statusCode).toBe(200);
    const paths = Object.keys(openapi.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/queues', '/api/queues/{queueId}/hours-override', '/api/pbx/route', '/api/pbx/queue-events']));
  });
});

describe('outbound caller ID', () => {
  it('presents the queue’s number, else the agent’s own, else their group’s first queue’s', async () => {
    const app = await start();
    const callerId = async (query: string) => {
      const response = await app.app.inject({ method: 'GET', url: `/api/pbx/caller-id?${query}`, headers: { authorization: `Bearer ${pbxToken}` } });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ callerId: string | null; source: string }>();
    };
    expect(await callerId('extension=1002&queue=2002')).toEqual({ callerId: '0312345679', source: 'queue' });
    expect(await callerId('extension=1001&queue=2001')).toEqual({ callerId: '0312345678', source: 'queue' });
    // 1001 has a direct number; 1002 presents the Tokyo desk's, 1004 the Osaka support's.
    expect(await callerId('extension=1001')).toEqual({ callerId: '0312341001', source: 'agent' });
    expect(await callerId('extension=1002')).toEqual({ callerId: '0312345678', source: 'group' });
    // Not a queue of the agent's group: that queue's number is not theirs to present.
    expect(await callerId('extension=1004&queue=2001')).toEqual({ callerId: '0612345678', source: 'group' });
    expect(await callerId('extension=4444')).toEqual({ callerId: null, source: 'none' });
    const withoutToken = await app.app.inject({ method: 'GET', url: '/api/pbx/caller-id?extension=1001' });
    expect(withoutToken.statusCode).toBe(401);
  });
});

describe('migration 0009 on an existing database', () => {
  it('gives the skills that existed a code of their own, unique per tenant', async () => {
    const before = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-migrations-'));
    const database = await openDatabase({ memory: true });
    try {
      for (const name of (await readdir(migrationsDir)).filter((file) => file < '0009')) await copyFile(path.join(migrationsDir, name), path.join(before, name));
      await migrate(database, before);
      await database.db.execute(sql`insert into tenants (name, seat_limit) values ('既存センター', 5)`);
      await database.db.execute(sql`insert into skills (tenant_id, name) select id, unnest(array['住所変更', '料金・請求']) from tenants`);
      expect(await migrate(database)).toEqual(expect.arrayContaining(['0009_queues_routing.sql', '0010_outbound_caller_id.sql']));
      const codes = await rows<{ code: string }>(database.db, sql`select code from skills`);
      expect(codes).toHaveLength(2);
      expect(codes.every((row) => /^skill-[0-9a-f]{12}$/.test(row.code))).toBe(true);
      expect(new Set(codes.map((row) => row.code)).size).toBe(2);
    } finally {
      await database.close();
      await rm(before, { recursive: true, force: true });
    }
  });
});

describe('the holiday calendar', () => {
  it('lists a year’s days off for any signed-in user, and refuses years the law does not cover', async () => {
    const app = await start();
    const agent = await app.login('1001');
    const response = await agent.get('/api/calendar/holidays?year=2026');
    expect(response.statusCode, response.body).toBe(200);
    const calendar = response.json<{ year: number; items: { date: string; nameJa: string; kind: string }[] }>();
    expect(calendar.year).toBe(2026);
    expect(calendar.items).toHaveLength(18);
    expect(calendar.items.find((day) => day.date === '2026-09-22')).toEqual({ date: '2026-09-22', nameJa: '国民の休日', nameEn: "Citizens' Holiday", kind: 'citizens' });
    expect((await agent.get('/api/calendar/holidays?year=1947')).statusCode).toBe(400);
    expect((await app.anonymous().get('/api/calendar/holidays?year=2026')).statusCode).toBe(401);
  });
});
