import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveEvent } from '../../src/contract/events';
import { createTestApp, type TestApp, type TestClient } from './test-app';

let testApp: TestApp | undefined;

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

/** Opens the live-events socket as `client` and collects what arrives. */
async function subscribe(baseUrl: string, client: TestClient, origin?: string): Promise<{ events: LiveEvent[]; closed: Promise<number>; socket: WebSocket }> {
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/events`, { headers: { cookie: client.cookie, ...(origin ? { origin } : {}) } });
  const events: LiveEvent[] = [];
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('message', (data: Buffer) => events.push(JSON.parse(data.toString()) as LiveEvent));
  await new Promise<void>((resolve) => {
    const started = Date.now();
    const check = () => (events.length > 0 || socket.readyState === WebSocket.CLOSED || Date.now() - started > 3000 ? resolve() : setTimeout(check, 10));
    check();
  });
  return { events, closed, socket };
}

async function eventually(check: () => void): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() - started > 3000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('live events', () => {
  it('reach the supervisors of the agent group only, and the agent themself', async () => {
    testApp = await createTestApp();
    await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`;
    const [sv1, sv2, admin, agentA, agentA2] = await Promise.all(['sv1', 'sv2', 'admin', '1001', '1002'].map((name) => (testApp as TestApp).login(name)));
    if (!sv1 || !sv2 || !admin || !agentA || !agentA2) throw new Error('logins failed');
    const [tokyo, osaka, all, self, colleague] = await Promise.all([subscribe(base, sv1), subscribe(base, sv2), subscribe(base, admin), subscribe(base, agentA), subscribe(base, agentA2)]);
    expect(tokyo.events[0]?.type).toBe('hello');

    await agentA.request({ method: 'PUT', url: '/api/agents/me/state', payload: { state: 'available' } });
    await eventually(() => {
      expect(tokyo.events.some((event) => event.type === 'agent-state' && event.state === 'available')).toBe(true);
      expect(all.events.some((event) => event.type === 'agent-state')).toBe(true);
      expect(self.events.some((event) => event.type === 'agent-state')).toBe(true);
    });
    expect(osaka.events.filter((event) => event.type === 'agent-state')).toEqual([]);
    expect(colleague.events.filter((event) => event.type === 'agent-state')).toEqual([]);
    for (const subscription of [tokyo, osaka, all, self, colleague]) subscription.socket.close();
  });

  it('refuses anonymous and cross-origin sockets', async () => {
    testApp = await createTestApp();
    await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`;
    const anonymous = await subscribe(base, testApp.anonymous());
    expect(await anonymous.closed).toBe(4401);
    const sv1 = await testApp.login('sv1');
    const hijack = await subscribe(base, sv1, 'https://evil.example');
    expect(await hijack.closed).toBe(4403);
  });
});
