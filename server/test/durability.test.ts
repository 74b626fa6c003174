import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, testDatabaseLocation, type TestApp } from './test-app';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The same storage across two app instances: a PGlite folder, or one PostgreSQL database. */
async function persistentLocation() {
  if (process.env.TSUNAGU_TEST_POSTGRES_URL) {
    const { location, drop } = await testDatabaseLocation();
    cleanups.push(drop);
    return location;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-pglite-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return { dataDir: dir };
}

describe('restarting the service', () => {
  it('keeps every record, does not seed twice and keeps sessions valid', async () => {
    const location = await persistentLocation();
    const first: TestApp = await createTestApp({ location });
    const agent = await first.login('1001');
    expect((await agent.request({ method: 'PUT', url: '/api/agents/me/state', payload: { state: 'not-ready', reason: 'break' } })).statusCode).toBe(200);
    const seededUsers = Object.keys(first.seed.userIds).length;
    await first.close();

    const second = await createTestApp({ location });
    cleanups.push(() => second.close());
    expect(Object.keys(second.seed.userIds)).toHaveLength(seededUsers);
    const sameSession = await second.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: agent.cookie } });
    expect(sameSession.statusCode).toBe(200);
    const supervisor = await second.login('sv1');
    const agents = (await supervisor.get('/api/agents')).json<{ items: { agentName: string; state: string; reason: string | null }[] }>().items;
    expect(agents.find((row) => row.agentName === '1001')).toMatchObject({ state: 'not-ready', reason: 'break' });
    const admin = await second.login('admin');
    const logins = (await admin.get('/api/audit?action=login')).json<{ items: { actorName: string }[] }>().items;
    expect(logins.map((row) => row.actorName)).toContain('1001');
  }, 60_000);
});
