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
  // The live-events socket needs a WebSocket upgrade: a plain GET is refused for everyone;
  // who receives which events over a real socket is tested in live-events.test.ts.
  { method: 'GET', route: '/api/events', url: '/api/events', allowed: [], what: 'live events without a WebSocket upgrade' },
  // Signing out is checked last per caller by the matrix runner (it ends the session).
  { method: 'POST', route: '/api/auth/logout', url: '/api/auth/logout', allowed: ['admin', 'sv-a', 'sv-b', 'agent-a', 'agent-b'], what: 'sign out' },
];
