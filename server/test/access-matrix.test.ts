import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyone, type AccessCase, type Callers, type Who } from './access/access-case';
import { accessModules } from './access/modules';
import { createTestApp, type TestApp, type TestClient } from './test-app';

const usernames: Record<Exclude<Who, 'anonymous'>, string> = { admin: 'admin', 'sv-a': 'sv1', 'sv-b': 'sv2', 'agent-a': '1001', 'agent-b': '1004' };

let testApp: TestApp;
let cases: AccessCase[] = [];
const clients = new Map<Who, TestClient>();

const callers: Callers = {
  async get(who) {
    const existing = clients.get(who);
    if (existing) return existing;
    const client = who === 'anonymous' ? testApp.anonymous() : await testApp.login(usernames[who]);
    clients.set(who, client);
    return client;
  },
};

beforeAll(async () => {
  testApp = await createTestApp();
  for (const module of accessModules) cases.push(...(await module(testApp, callers)));
  // Sign-out ends the caller's session: run those rows last.
  cases = [...cases.filter((c) => c.route !== '/api/auth/logout'), ...cases.filter((c) => c.route === '/api/auth/logout')];
}, 60_000);

afterAll(async () => {
  await testApp.close();
});

describe('access matrix: role × group × endpoint', () => {
  it('covers every API endpoint, and nothing that is not one', () => {
    const registered = testApp.app.apiRoutes.map((route) => `${route.method} ${route.url}`).sort();
    const covered = [...new Set(cases.map((c) => `${c.method} ${c.route}`))].sort();
    expect(covered).toEqual([...new Set(registered)].sort());
  });

  it('allows exactly the listed callers on every case', async () => {
    const failures: string[] = [];
    for (const accessCase of cases) {
      for (const who of everyone) {
        const client = await callers.get(who);
        const response = await client.request({
          method: accessCase.method,
          url: accessCase.url,
          ...(accessCase.body === undefined ? {} : { payload: accessCase.body as Record<string, unknown> }),
        });
        const allowed = accessCase.allowed.includes(who);
        const ok = allowed
          ? response.statusCode >= 200 && response.statusCode < 300
          : who === 'anonymous'
            ? response.statusCode === 401
            : [401, 403, 404, 426].includes(response.statusCode);
        if (!ok) failures.push(`${who} ${accessCase.method} ${accessCase.url} (${accessCase.what}): expected ${allowed ? '2xx' : 'refusal'}, got ${response.statusCode} ${response.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
