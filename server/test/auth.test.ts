import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, demoPassword, type TestApp } from './test-app';

let testApp: TestApp | undefined;

async function start(options: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  testApp = await createTestApp(options);
  return testApp;
}

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

describe('sign-in', () => {
  it('opens a session with an httpOnly, SameSite=Strict cookie, a CSRF token and SIP credentials', async () => {
    const { app } = await start();
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '1001', password: demoPassword('1001') } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'tsunagu_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const body = response.json<{ user: { role: string; sipUser: string }; csrfToken: string; sip: { username: string; password: string; user: string } }>();
    expect(body.user).toMatchObject({ role: 'agent', sipUser: '1001' });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(body.sip.user).toBe('1001');
    expect(body.sip.username).toMatch(/^\d{10}:1001$/);
    expect(body.sip.password).not.toBe(demoPassword('1001'));
  });

  it('refuses a wrong password without saying whether the user exists, and audits it', async () => {
    const { app, services, seed } = await start();
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '1001', password: 'nope' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toMatchObject({ error: { code: 'invalid-credentials' } });
    const entries = await services.audit.search({ tenantId: seed.tenantId, action: 'login-failed', limit: 10 });
    expect(entries.map((entry) => entry.actorName)).toContain('1001');
  });

  it('answers invalid input with field-level messages', async () => {
    const { app } = await start();
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: '' } });
    expect(response.statusCode).toBe(400);
    const fields = response.json<{ error: { code: string; fields: { path: string }[] } }>().error.fields.map((field) => field.path);
    expect(fields).toEqual(expect.arrayContaining(['body.username', 'body.password']));
  });

  it('limits login attempts per minute and account, not for the colleagues behind the same address', async () => {
    const { app } = await start({ env: { TSUNAGU_LOGIN_RATE_LIMIT: '3' } });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '1001', password: 'wrong' } });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const colleague = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '1002', password: demoPassword('1002') } });
    expect(colleague.statusCode).toBe(200);
  });

  it('enforces the tenant seat licence; signing in again reuses the seat', async () => {
    const { app, database, login } = await start();
    await database.db.execute(sql`update tenants set seat_limit = 2`);
    await login('1001');
    await login('1002');
    await login('1001');
    const third = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '1003', password: demoPassword('1003') } });
    expect(third.statusCode).toBe(409);
    expect(third.json()).toMatchObject({ error: { code: 'seat-limit' } });
  });
});

describe('session', () => {
  it('is required, returns fresh SIP credentials, and ends at sign-out', async () => {
    const { anonymous, login } = await start();
    expect((await anonymous().get('/api/auth/session')).statusCode).toBe(401);
    const agent = await login('1002');
    const session = await agent.get('/api/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { username: '1002' }, sip: { user: '1002' } });
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await agent.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const { login } = await start();
    const agent = await login('1001');
    const response = await agent.request({ method: 'POST', url: '/api/auth/logout', headers: { 'x-csrf-token': 'forged' } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'csrf' } });
    expect((await agent.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('expires after the configured time', async () => {
    let now = new Date('2026-11-23T09:00:00+09:00');
    const { login } = await start({ clock: () => now, env: { TSUNAGU_SESSION_TTL_MINUTES: '30' } });
    const agent = await login('1001');
    now = new Date(now.getTime() + 29 * 60_000);
    expect((await agent.get('/api/auth/session')).statusCode).toBe(200);
    now = new Date(now.getTime() + 2 * 60_000);
    expect((await agent.get('/api/auth/session')).statusCode).toBe(401);
  });
});

describe('audit log', () => {
  it('is searchable by administrators only and cannot be altered', async () => {
    const { login, database } = await start();
    const admin = await login('admin');
    const agent = await login('1001');
    expect((await agent.get('/api/audit')).statusCode).toBe(403);
    const page = await admin.get('/api/audit?action=login&limit=5');
    expect(page.statusCode).toBe(200);
    const items = page.json<{ items: { actorName: string; action: string }[] }>().items;
    expect(items.map((item) => item.actorName)).toEqual(expect.arrayContaining(['admin', '1001']));
    const refusal = (error: unknown) => String((error as { cause?: Error }).cause?.message ?? error);
    await expect(database.db.execute(sql`delete from audit_log`).catch(refusal)).resolves.toMatch(/append-only/);
    await expect(database.db.execute(sql`update audit_log set action = 'read'`).catch(refusal)).resolves.toMatch(/append-only/);
  });
});

describe('service', () => {
  it('reports health and serves its OpenAPI document', async () => {
    const { app } = await start();
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'ok' });
    const openapi = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json<{ paths: Record<string, unknown> }>().paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/audit']));
  });

  it('hides the details of an internal error', async () => {
    const { app, database } = await start();
    await database.close();
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'internal', message: 'something went wrong on our side; the error was logged' } });
  });
});
