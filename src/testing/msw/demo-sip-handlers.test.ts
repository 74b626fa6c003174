import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { Phone } from '../../telephony/phone';
import { createDemoSipHandlers, demoSipDomain, demoSipServer } from './demo-sip-handlers';

const server = setupServer(...createDemoSipHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

it('registers a phone that uses SIP.js’s own WebSocket transport', async () => {
  const phone = new Phone({ server: demoSipServer, domain: demoSipDomain, user: '1001', password: 'demo' });
  phone.start();
  await vi.waitFor(() => expect(phone.state.name).toBe('registered'));
  await phone.stop();
  expect(phone.state.name).toBe('unregistered');
});
