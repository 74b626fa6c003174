import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { faults } from '../testing/msw/faults';
import { mockDatabase } from '../testing/msw/mock-database';
import { server } from '../testing/msw/server';
import { installMockService } from '../testing/msw/install-mock-service';
import { AgentsApi } from './agents-api';
import { ApiClient, type UnexpectedFailureReporter } from './api-client';
import type { ApiResult } from './api-error';
import { AuditApi } from './audit-api';
import { AuthApi } from './auth-api';

installMockService();

function clientWith(reportUnexpected: UnexpectedFailureReporter = vi.fn<UnexpectedFailureReporter>()) {
  const client = new ApiClient({ reportUnexpected, timeoutMs: 200 });
  return { client, auth: new AuthApi(client), agents: new AgentsApi(client), audit: new AuditApi(client) };
}

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Headers of every request the mock service receives, in order. */
function recordRequests(): { method: string; path: string; csrf: string | null; credentials: RequestCredentials }[] {
  const seen: { method: string; path: string; csrf: string | null; credentials: RequestCredentials }[] = [];
  server.events.on('request:start', ({ request }) => {
    seen.push({ method: request.method, path: new URL(request.url).pathname, csrf: request.headers.get('x-csrf-token'), credentials: request.credentials });
  });
  return seen;
}

describe('ApiClient against the mock CTI service', () => {
  it('signs in, parses the session and keeps it in the cookie for the next request', async () => {
    const { auth } = clientWith();
    const session = valueOf(await auth.login({ username: '1001', password: 'tsunagu-1001' }));
    expect(session.user).toMatchObject({ username: '1001', displayName: '佐藤 花子', role: 'agent', sipUser: '1001' });
    expect(session.sip).toMatchObject({ user: '1001', username: expect.stringMatching(/^\d+:1001$/) as unknown });
    expect(valueOf(await auth.session()).user.username).toBe('1001');
  });

  it('sends the CSRF token on mutations only, always same-origin', async () => {
    const seen = recordRequests();
    const { client, auth, agents } = clientWith();
    const session = valueOf(await auth.login({ username: '1001', password: 'tsunagu-1001' }));
    client.setCsrfToken(session.csrfToken);
    valueOf(await agents.setMyState({ state: 'available' }));
    valueOf(await auth.session());
    valueOf(await auth.logout());
    expect(seen).toEqual([
      { method: 'POST', path: '/api/auth/login', csrf: null, credentials: 'same-origin' },
      { method: 'PUT', path: '/api/agents/me/state', csrf: session.csrfToken, credentials: 'same-origin' },
      { method: 'GET', path: '/api/auth/session', csrf: null, credentials: 'same-origin' },
      { method: 'POST', path: '/api/auth/logout', csrf: session.csrfToken, credentials: 'same-origin' },
    ]);
    expect(await auth.session()).toMatchObject({ ok: false, error: { kind: 'http', status: 401, code: 'unauthenticated' } });
  });

  it('turns a refusal into an http error with the contract code', async () => {
    const { auth } = clientWith();
    expect(await auth.login({ username: '1001', password: 'wrong' })).toEqual({
      ok: false,
      error: { kind: 'http', status: 401, code: 'invalid-credentials', message: 'invalid user name or password' },
    });
  });

  it('lists the fields of a validation error', async () => {
    const { auth } = clientWith();
    const result = await auth.login({ username: 'ab', password: '' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'http', status: 400, code: 'validation' } });
    expect(!result.ok && result.error.kind === 'http' ? result.error.fields?.map((field) => field.path) : []).toEqual(['body.username', 'body.password']);
  });

  it('refuses a mutation without the CSRF token', async () => {
    const { auth, agents } = clientWith();
    valueOf(await auth.login({ username: '1001', password: 'tsunagu-1001' }));
    expect(await agents.setMyState({ state: 'available' })).toMatchObject({ ok: false, error: { kind: 'http', status: 403, code: 'csrf' } });
  });

  it('reports a 500 once and returns it as a value', async () => {
    server.use(faults.serverError('get', '/api/auth/session'));
    const report = vi.fn<UnexpectedFailureReporter>();
    const { auth } = clientWith(report);
    expect(await auth.session()).toMatchObject({ ok: false, error: { kind: 'http', status: 500, code: 'internal' } });
    expect(report).toHaveBeenCalledTimes(1);
    expect(report.mock.calls[0]?.[1]).toBe('GET /api/auth/session');
  });

  it('keeps the status of an error page that is not the contract shape', async () => {
    server.use(faults.badGateway('post', '/api/auth/login'));
    const { auth } = clientWith();
    const result = await auth.login({ username: '1001', password: 'tsunagu-1001' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'http', status: 502 } });
    expect(!result.ok && result.error.kind === 'http' ? result.error.code : 'none').toBeUndefined();
  });

  it('refuses a success whose body breaks the contract, naming the field', async () => {
    server.use(faults.malformed('post', '/api/auth/login', { user: { id: 'not-a-uuid' }, csrfToken: 1 }));
    const report = vi.fn<UnexpectedFailureReporter>();
    const { auth } = clientWith(report);
    const result = await auth.login({ username: '1001', password: 'tsunagu-1001' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response', status: 200 } });
    expect(!result.ok ? result.error.message : '').toContain('user.id');
    expect(report).toHaveBeenCalledTimes(1);
  });

  it('refuses a success that is not JSON', async () => {
    server.use(http.get('/api/auth/session', () => new HttpResponse('<html>hello</html>', { status: 200 })));
    const { auth } = clientWith();
    expect(await auth.session()).toMatchObject({ ok: false, error: { kind: 'invalid-response', message: 'the answer is not JSON' } });
  });

  it('reports an unreachable service as a network error', async () => {
    server.use(faults.unreachable('post', '/api/auth/login'));
    const { auth } = clientWith();
    expect(await auth.login({ username: '1001', password: 'tsunagu-1001' })).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('gives up on a service that does not answer in time', async () => {
    server.use(
      http.get('/api/auth/session', async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const { auth } = clientWith();
    expect(await auth.session()).toMatchObject({ ok: false, error: { kind: 'network', message: 'GET /api/auth/session: no answer within 200 ms' } });
  });

  it('passes audit filters as the query and follows the cursor', async () => {
    const { client, auth, audit } = clientWith();
    for (const password of ['x', 'y', 'z']) await auth.login({ username: '1002', password });
    client.setCsrfToken(valueOf(await auth.login({ username: 'admin', password: 'tsunagu-admin' })).csrfToken);
    const first = valueOf(await audit.searchAudit({ action: 'login-failed', limit: 2 }));
    expect(first.items.map((entry) => entry.action)).toEqual(['login-failed', 'login-failed']);
    expect(first.nextCursor).not.toBeNull();
    const second = valueOf(await audit.searchAudit({ action: 'login-failed', limit: 2, cursor: first.nextCursor ?? '' }));
    expect(second).toMatchObject({ items: [{ actorName: '1002' }], nextCursor: null });
  });

  it('lists agents of the supervisor’s group and refuses the list to agents', async () => {
    const { auth, agents } = clientWith();
    valueOf(await auth.login({ username: 'sv2', password: 'tsunagu-sv2' }));
    expect(valueOf(await agents.listAgents()).map((agent) => agent.agentName)).toEqual(['1004', '1005', '1006']);
    valueOf(await auth.login({ username: '1004', password: 'tsunagu-1004' }));
    expect(await agents.listAgents()).toMatchObject({ ok: false, error: { kind: 'http', status: 403, code: 'forbidden' } });
  });

  it('refuses sign-in when every seat is taken, and after too many attempts', async () => {
    mockDatabase.settings.seatLimit = 1;
    const { auth } = clientWith();
    valueOf(await auth.login({ username: '1001', password: 'tsunagu-1001' }));
    expect(await auth.login({ username: '1002', password: 'tsunagu-1002' })).toMatchObject({ ok: false, error: { status: 409, code: 'seat-limit' } });
    mockDatabase.settings.loginRateLimitPerMinute = 2;
    expect(await auth.login({ username: '1001', password: 'tsunagu-1001' })).toMatchObject({ ok: false, error: { status: 429, code: 'rate-limited' } });
  });
});
