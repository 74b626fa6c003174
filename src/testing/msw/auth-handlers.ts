import { http, HttpResponse } from 'msw';
import { loginRequestSchema, sessionResponseSchema } from '../../contract/auth';
import { setAgentState } from './agent-handlers';
import { mockDatabase } from './mock-database';
import { contractResponse, errorResponse, readBody, sessionCookieName, signedInSession } from './mock-http';

function sessionCookie(token: string, expiresAt: number): string {
  return `${sessionCookieName}=${token}; Path=/; HttpOnly; SameSite=Strict; Expires=${new Date(expiresAt).toUTCString()}`;
}

const clearedCookie = `${sessionCookieName}=; Path=/; HttpOnly; SameSite=Strict; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;

/** `/api/auth/*`: sign-in with seats and rate limit, the session with fresh SIP credentials, sign-out. */
export const authHandlers = [
  http.post('/api/auth/login', async ({ request }) => {
    if (!mockDatabase.allowLoginAttempt()) return errorResponse(429, 'rate-limited', 'too many attempts; wait a minute and try again');
    const body = await readBody(request, loginRequestSchema);
    if (!body.ok) return body.response;
    const account = mockDatabase.authenticate(body.value.username, body.value.password);
    if (!account) {
      mockDatabase.recordAudit({ actorId: null, actorName: body.value.username, action: 'login-failed', resourceType: 'session', resourceId: null });
      return errorResponse(401, 'invalid-credentials', 'invalid user name or password');
    }
    const session = mockDatabase.openSession(account);
    if (!session) {
      return errorResponse(409, 'seat-limit', 'every licensed seat of your contract is in use; ask a colleague to sign out or your administrator for more seats');
    }
    mockDatabase.recordAudit({ actorId: account.id, actorName: account.username, action: 'login', resourceType: 'session', resourceId: null });
    if (account.sipUser !== null) setAgentState(account, 'not-ready', null);
    return contractResponse(sessionResponseSchema, mockDatabase.sessionResponse({ session, account }), {
      headers: { 'Set-Cookie': sessionCookie(session.token, session.expiresAt) },
    });
  }),

  http.get('/api/auth/session', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    return contractResponse(sessionResponseSchema, mockDatabase.sessionResponse(signedIn));
  }),

  http.post('/api/auth/logout', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    mockDatabase.endSession(signedIn.session.token);
    if (signedIn.account.sipUser !== null) setAgentState(signedIn.account, 'offline', null);
    mockDatabase.recordAudit({ actorId: signedIn.account.id, actorName: signedIn.account.username, action: 'logout', resourceType: 'session', resourceId: null });
    return new HttpResponse(null, { status: 204, headers: { 'Set-Cookie': clearedCookie } });
  }),
];

