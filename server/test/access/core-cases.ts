import type { AccessModule } from './access-case';

/** Identity, audit, agent states, the desk policy, the PBX's offer check and live events. */
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
  { method: 'GET', route: '/api/agents/me/state', url: '/api/agents/me/state', allowed: ['agent-a', 'agent-b'], what: 'my agent state (users with a phone)' },
  { method: 'GET', route: '/api/agents/me/desk-policy', url: '/api/agents/me/desk-policy', allowed: ['agent-a', 'agent-b'], what: 'my desk policy (users with a phone)' },
  // The PBX's offer check takes its bearer token only, never a session: every signed-in caller
  // is refused too; the token itself is tested in agent-desk.test.ts.
  { method: 'GET', route: '/api/pbx/offer', url: '/api/pbx/offer?user=1001', allowed: [], what: "the PBX's call-offer check without its token" },
  // The live-events socket needs a WebSocket upgrade: a plain GET is refused for everyone;
  // who receives which events over a real socket is tested in live-events.test.ts.
  { method: 'GET', route: '/api/events', url: '/api/events', allowed: [], what: 'live events without a WebSocket upgrade' },
  // Signing out is checked last per caller by the matrix runner (it ends the session).
  { method: 'POST', route: '/api/auth/logout', url: '/api/auth/logout', allowed: ['admin', 'sv-a', 'sv-b', 'agent-a', 'agent-b'], what: 'sign out' },
];
