import type { AccessModule } from './access-case';

/** Identity, audit, agent states and live events. */
export const coreAccessCases: AccessModule = async () => [
  { method: 'GET', route: '/api/health', url: '/api/health', allowed: ['anonymous', 'admin', 'sv-a', 'sv-b', 'agent-a', 'agent-b'], what: 'health check' },
  {
    method: 'POST',
    route: '/api/auth/login',
    url: '/api/auth/login',
    body: { username: 'nobody', password: 'wrong' },
    allowed: [],
    what: 'sign in with wrong credentials',
  },
  { method: 'GET', route: '/api/auth/session', url: '/api/auth/session', allowed: ['admin', 'sv-a', 'sv-b', 'agent-a', 'agent-b'], what: 'current session' },
  { method: 'GET', route: '/api/audit', url: '/api/audit', allowed: ['admin'], what: 'search the audit log' },
  { method: 'GET', route: '/api/agents', url: '/api/agents', allowed: ['admin', 'sv-a', 'sv-b'], what: 'list agents' },
  {
    method: 'PUT',
    route: '/api/agents/me/state',
    url: '/api/agents/me/state',
    body: { state: 'available' },
    allowed: ['agent-a', 'agent-b'],
    what: 'set my agent state',
  },
  // Signing out is checked last per caller by the matrix runner (it ends the session).
  { method: 'POST', route: '/api/auth/logout', url: '/api/auth/logout', allowed: ['admin', 'sv-a', 'sv-b', 'agent-a', 'agent-b'], what: 'sign out' },
];
