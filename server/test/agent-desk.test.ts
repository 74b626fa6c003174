import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { deskPolicySchema } from '../../src/contract/desk-policy';
import { agentStatusSchema, type LiveEvent } from '../../src/contract/events';
import { openDatabase } from '../src/db/database';
import { migrate, migrationsDir } from '../src/db/migrate';
import { rows } from '../src/db/rows';
import { createTestApp, type TestApp } from './test-app';

const pbxToken = 'pbx-token-for-tests-0123456789abcdefghij';

let testApp: TestApp | undefined;

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

/** The app with a PBX token configured and a clock the test moves. */
async function start(options: { clock?: () => Date } = {}): Promise<TestApp> {
  testApp = await createTestApp({ env: { TSUNAGU_PBX_TOKEN: pbxToken }, ...options });
  return testApp;
}

/** Asks the offer check as Kamailio does (`token` null: without an Authorization header). */
async function offer(app: TestApp, user: string, token: string | null = pbxToken) {
  return app.app.inject({ method: 'GET', url: `/api/pbx/offer?user=${encodeURIComponent(user)}`, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

/** Collects the live events `username` would receive. */
function watch(app: TestApp, username: string): LiveEvent[] {
  const received: LiveEvent[] = [];
  const userId = app.seed.userIds[username];
  if (!userId) throw new Error(`no user ${username}`);
  const groupId = app.seed.agentGroups[username] ?? app.seed.groupIds.a;
  app.services.liveEvents.subscribe(
    { userId, tenantId: app.seed.tenantId, username, displayName: username, role: username.startsWith('sv') ? 'supervisor' : 'agent', groupIds: [groupId], sipUser: null },
    (event) => received.push(event),
  );
  return received;
}

describe('desk policy', () => {
  it("gives an agent the centre's not-ready reasons in order and the after-call-work policy", async () => {
    const app = await start();
    const agent = await app.login('1001');
    const response = await agent.get('/api/agents/me/desk-policy');
    expect(response.statusCode).toBe(200);
    const policy = deskPolicySchema.parse(response.json());
    expect(policy.notReadyReasons.map((reason) => [reason.code, reason.nameJa, reason.nameEn])).toEqual([
      ['break', '休憩', 'Break'],
      ['lunch', '昼休憩', 'Lunch'],
      ['training', '研修', 'Training'],
      ['meeting', 'ミーティング', 'Meeting'],
      ['admin-work', '事務作業', 'Admin work'],
    ]);
    expect(policy.afterCallWork).toEqual({ autoAvailableAfterSeconds: 120, requiredFields: ['categoryId', 'dispositionId'] });
  });

  it('leaves out retired reasons, and they can no longer be chosen', async () => {
    const app = await start();
    await app.database.db.execute(sql`update not_ready_reasons set active = false where code = 'training'`);
    const agent = await app.login('1001');
    const policy = deskPolicySchema.parse((await agent.get('/api/agents/me/desk-policy')).json());
    expect(policy.notReadyReasons.map((reason) => reason.code)).not.toContain('training');
    expect((await agent.put('/api/agents/me/state', { state: 'not-ready', reason: 'training' })).statusCode).toBe(400);
  });

  it('gives tenants that existed before the migration the usual reasons, and no after-call-work rules', async () => {
    const before = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-migrations-'));
    const database = await openDatabase({ memory: true });
    try {
      for (const name of (await readdir(migrationsDir)).filter((file) => file < '0007')) await copyFile(path.join(migrationsDir, name), path.join(before, name));
      await migrate(database, before);
      await database.db.execute(sql`insert into tenants (name, seat_limit) values ('既存センター', 5)`);
      expect(await migrate(database)).toContain('0007_desk_policy.sql');
      const codes = await rows<{ code: string }>(database.db, sql`select code from not_ready_reasons order by sort_order`);
      expect(codes.map((row) => row.code)).toEqual(['break', 'lunch', 'training', 'meeting', 'admin-work']);
      expect(await rows(database.db, sql`select * from desk_policies`)).toEqual([]);
    } finally {
      await database.close();
      await rm(before, { recursive: true, force: true });
    }
  });

  it('is refused to users without a phone', async () => {
    const app = await start();
    const supervisor = await app.login('sv1');
    expect((await supervisor.get('/api/agents/me/desk-policy')).statusCode).toBe(403);
    expect((await app.anonymous().get('/api/agents/me/desk-policy')).statusCode).toBe(401);
  });
});

describe('agent state', () => {
  it('starts not-ready without a reason (受付停止) after sign-in', async () => {
    const app = await start();
    const agent = await app.login('1002');
    const state = agentStatusSchema.parse((await agent.get('/api/agents/me/state')).json());
    expect(state).toMatchObject({ agentName: '1002', sipUser: '1002', state: 'not-ready', reason: null });
  });

  it('accepts an active not-ready reason and restores it on GET (a reloaded page)', async () => {
    const app = await start();
    const agent = await app.login('1001');
    const changed = await agent.put('/api/agents/me/state', { state: 'not-ready', reason: 'lunch' });
    expect(changed.statusCode).toBe(200);
    const state = agentStatusSchema.parse((await agent.get('/api/agents/me/state')).json());
    expect(state).toMatchObject({ state: 'not-ready', reason: 'lunch' });
    expect(state.since).toBe(agentStatusSchema.parse(changed.json()).since);
  });

  it('refuses an unknown not-ready reason with a problem on the reason field naming it', async () => {
    const app = await start();
    const agent = await app.login('1001');
    await agent.put('/api/agents/me/state', { state: 'available' });
    const refused = await agent.put('/api/agents/me/state', { state: 'not-ready', reason: 'nap' });
    expect(refused.statusCode).toBe(400);
    const body = refused.json<{ error: { code: string; fields: { path: string; message: string }[] } }>();
    expect(body.error.code).toBe('validation');
    expect(body.error.fields).toHaveLength(1);
    expect(body.error.fields[0]?.path).toBe('body.reason');
    expect(body.error.fields[0]?.message).toContain('"nap"');
    // The refused change left the state as it was.
    expect((await agent.get('/api/agents/me/state')).json()).toMatchObject({ state: 'available', reason: null });
  });

  it('allows not-ready without a reason, and ignores a reason on other states', async () => {
    const app = await start();
    const agent = await app.login('1001');
    expect((await agent.put('/api/agents/me/state', { state: 'not-ready' })).json()).toMatchObject({ state: 'not-ready', reason: null });
    expect((await agent.put('/api/agents/me/state', { state: 'available', reason: 'nap' })).json()).toMatchObject({ state: 'available', reason: null });
  });

  it('goes offline on sign-out, and supervisors are told', async () => {
    const app = await start();
    const agent = await app.login('1001');
    await agent.put('/api/agents/me/state', { state: 'available' });
    const tokyo = watch(app, 'sv1');
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(204);
    expect(tokyo).toContainEqual(expect.objectContaining({ type: 'agent-state', agentId: app.seed.userIds['1001'], state: 'offline', reason: null }));
    const supervisor = await app.login('sv1');
    const agents = (await supervisor.get('/api/agents')).json<{ items: { agentName: string; state: string }[] }>().items;
    expect(agents.find((row) => row.agentName === '1001')?.state).toBe('offline');
  });

  it('goes offline when the session expires without a sign-out, and supervisors are told', async () => {
    let now = new Date('2026-11-23T09:00:00+09:00');
    const app = await start({ clock: () => now });
    const agent = await app.login('1001');
    await agent.put('/api/agents/me/state', { state: 'available' });
    const tokyo = watch(app, 'sv1');

    expect(await app.services.agentStates.sweepExpiredSessions()).toBe(0);
    expect(tokyo).toEqual([]);

    now = new Date(now.getTime() + (app.config.sessionTtlMinutes + 1) * 60_000);
    expect(await app.services.agentStates.sweepExpiredSessions()).toBe(1);
    expect(tokyo).toEqual([expect.objectContaining({ type: 'agent-state', agentId: app.seed.userIds['1001'], state: 'offline' })]);
    const supervisor = await app.login('sv1');
    const agents = (await supervisor.get('/api/agents')).json<{ items: { agentName: string; state: string }[] }>().items;
    expect(agents.find((row) => row.agentName === '1001')?.state).toBe('offline');
    // Already offline: nothing more to say.
    expect(await app.services.agentStates.sweepExpiredSessions()).toBe(0);
  });
});

describe('offer check for the PBX', () => {
  it('refuses a caller without the bearer token, or with a wrong one', async () => {
    const app = await start();
    expect((await offer(app, '1001', null)).statusCode).toBe(401);
    expect((await offer(app, '1001', `${pbxToken}x`)).statusCode).toBe(401);
    expect((await offer(app, '1001', 'short')).statusCode).toBe(401);
    // A signed-in browser has a session, not the token.
    const agent = await app.login('1001');
    expect((await agent.get('/api/pbx/offer?user=1001')).statusCode).toBe(401);
  });

  it('refuses everyone when the service has no token configured', async () => {
    testApp = await createTestApp();
    expect((await offer(testApp, '1001')).statusCode).toBe(401);
  });

  it('answers by the agent state: offered when available or on a call, 480 not-ready or offline, 486 in after-call work', async () => {
    const app = await start();
    expect((await offer(app, '1001')).json()).toEqual({ offer: false, sipStatus: 480, sipReason: 'Agent Offline', state: 'offline' });

    const agent = await app.login('1001');
    expect((await offer(app, '1001')).json()).toEqual({ offer: false, sipStatus: 480, sipReason: 'Not Ready', state: 'not-ready' });

    const expected = [
      ['available', { offer: true, sipStatus: 200, sipReason: 'OK', state: 'available' }],
      ['on-call', { offer: true, sipStatus: 200, sipReason: 'OK', state: 'on-call' }],
      ['after-call-work', { offer: false, sipStatus: 486, sipReason: 'After-Call Work', state: 'after-call-work' }],
      ['not-ready', { offer: false, sipStatus: 480, sipReason: 'Not Ready', state: 'not-ready' }],
    ] as const;
    for (const [state, answer] of expected) {
      expect((await agent.put('/api/agents/me/state', { state, ...(state === 'not-ready' ? { reason: 'break' } : {}) })).statusCode).toBe(200);
      const response = await offer(app, '1001');
      expect(response.statusCode).toBe(200);
      // One line: Kamailio's http_client keeps only the first line of the body.
      expect(response.body).not.toContain('\n');
      expect(response.json(), state).toEqual(answer);
    }

    await agent.put('/api/agents/me/state', { state: 'available' });
    await agent.post('/api/auth/logout');
    expect((await offer(app, '1001')).json()).toMatchObject({ offer: false, sipStatus: 480, state: 'offline' });
  });

  it('counts an agent whose session expired as offline at once, before the sweep', async () => {
    let now = new Date('2026-11-23T09:00:00+09:00');
    const app = await start({ clock: () => now });
    const agent = await app.login('1004');
    await agent.put('/api/agents/me/state', { state: 'available' });
    expect((await offer(app, '1004')).json()).toMatchObject({ offer: true, sipStatus: 200 });
    now = new Date(now.getTime() + (app.config.sessionTtlMinutes + 1) * 60_000);
    expect((await offer(app, '1004')).json()).toMatchObject({ offer: false, sipStatus: 480, state: 'offline' });
  });

  it("offers calls to an extension that is not one of the service's agents, and checks the query", async () => {
    const app = await start();
    expect((await offer(app, '1999')).json()).toEqual({ offer: true, sipStatus: 200, sipReason: 'OK', state: null });
    const invalid = await offer(app, 'a b');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json<{ error: { fields: { path: string }[] } }>().error.fields[0]?.path).toBe('querystring.user');
  });
});
