import { setupWorker } from 'msw/browser';
import { createDemoSipHandlers, demoSipDomain, demoSipServer } from '../testing/msw/demo-sip-handlers';
import { handlers } from '../testing/msw/handlers';
import { mockDatabase } from '../testing/msw/mock-database';

/**
 * Starts the mock CTI service in the page for `npm run dev:demo`: the SPA runs alone, signs in
 * as the demo users (admin, sv1, sv2, 1001–1006 with passwords `tsunagu-<name>`) and its phone
 * registers with an in-page SIP registrar.
 * @remarks The only production-side entry that may import `src/testing` (STYLE.md); main.tsx
 * loads it only in demo mode.
 */
export async function startDemoService(): Promise<void> {
  mockDatabase.settings.sip = { server: demoSipServer, domain: demoSipDomain };
  // The session cookie survives a reload (MSW keeps it in localStorage); so must the session.
  mockDatabase.persistSessionsIn(localStorage);
  const worker = setupWorker(...handlers, ...createDemoSipHandlers());
  await worker.start({ onUnhandledRequest: 'bypass' });
}
