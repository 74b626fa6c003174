import { ws } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../contract/events';
import { server } from '../testing/msw/server';
import { installMockService } from '../testing/msw/install-mock-service';
import { AgentsApi } from './agents-api';
import { ApiClient } from './api-client';
import { AuthApi } from './auth-api';
import { LiveEventsClient, type LiveEventsClientOptions } from './live-events-client';
import type { LiveEventsStateName } from './live-events-state';

installMockService();

const clients: LiveEventsClient[] = [];

function liveEvents(options: LiveEventsClientOptions = {}) {
  const client = new LiveEventsClient({ backoff: { initialDelayMs: 5, maxDelayMs: 20, jitter: 0 }, ...options });
  clients.push(client);
  const events: LiveEvent[] = [];
  const states: LiveEventsStateName[] = [];
  const invalid: string[] = [];
  client.on('event', (event) => events.push(event));
  client.on('state', (state) => states.push(state.name));
  client.on('invalid-message', (problem) => invalid.push(problem));
  return { client, events, states, invalid };
}

async function signIn(username: string): Promise<ApiClient> {
  const api = new ApiClient();
  const result = await new AuthApi(api).login({ username, password: `tsunagu-${username}` });
  if (!result.ok) throw new Error(result.error.message);
  api.setCsrfToken(result.value.csrfToken);
  return api;
}

const until = (check: () => boolean) => expect.poll(check, { timeout: 2000, interval: 5 }).toBe(true);

afterEach(() => {
  for (const client of clients) client.close();
  clients.length = 0;
});

describe('LiveEventsClient', () => {
  it('says hello, then delivers typed events the subscriber may see', async () => {
    await signIn('sv1');
    const { client, events } = liveEvents();
    client.open();
    await until(() => client.state.name === 'open' && events.length === 1);
    expect(events[0]).toMatchObject({ type: 'hello' });

    // Signing in makes the agent not ready without a reason (受付停止): the first event.
    const agent = await signIn('1001');
    await until(() => events.length === 2);
    expect(events[1]).toMatchObject({ type: 'agent-state', agentName: '佐藤 花子', state: 'not-ready', reason: null });
    await new AgentsApi(agent).setMyState({ state: 'not-ready', reason: 'break' });
    await until(() => events.length === 3);
    expect(events[2]).toMatchObject({ type: 'agent-state', agentName: '佐藤 花子', state: 'not-ready', reason: 'break' });
  });

  it('drops a message that breaks the contract and keeps going', async () => {
    const link = ws.link('ws://localhost:3000/test/events');
    server.use(
      link.addEventListener('connection', ({ client }) => {
        client.send('not json');
        client.send(JSON.stringify({ type: 'agent-state', at: 'yesterday' }));
        client.send(JSON.stringify({ type: 'hello', at: '2026-04-01T09:00:00+09:00', subscriber: '00000000-0000-4000-8000-000000000011' }));
      }),
    );
    const { client, events, invalid } = liveEvents({ url: 'ws://localhost:3000/test/events' });
    client.open();
    await until(() => events.length === 1);
    expect(invalid).toHaveLength(2);
    expect(invalid[0]).toBe('not a JSON text message');
    expect(invalid[1]).toContain('at');
    expect(client.state.name).toBe('open');
  });

  it('stops for good when the service says it is not signed in', async () => {
    const { client, states } = liveEvents();
    client.open();
    await until(() => client.state.name === 'closed');
    expect(client.state).toEqual({ name: 'closed', reason: 'unauthenticated' });
    expect(states).toEqual(['connecting', 'closed']);
  });

  it('reconnects with backoff when the connection drops', async () => {
    await signIn('1001');
    let connections = 0;
    const link = ws.link('ws://localhost:3000/test/flaky');
    server.use(
      link.addEventListener('connection', ({ client }) => {
        connections += 1;
        if (connections < 3) client.close(1011, 'restarting');
      }),
    );
    const { client, states } = liveEvents({ url: 'ws://localhost:3000/test/flaky' });
    client.open();
    await until(() => connections === 3 && client.state.name === 'open');
    expect(states).toEqual(['connecting', 'reconnecting', 'connecting', 'reconnecting', 'connecting', 'open']);
  });

  it('closes cleanly with 1000 and reports nothing afterwards', async () => {
    await signIn('1001');
    const closedWith: number[] = [];
    const link = ws.link('ws://localhost:3000/test/quiet');
    let push: ((text: string) => void) | undefined;
    server.use(
      link.addEventListener('connection', ({ client }) => {
        client.addEventListener('close', (event) => closedWith.push(event.code));
        push = (text) => client.send(text);
      }),
    );
    const { client, events, states } = liveEvents({ url: 'ws://localhost:3000/test/quiet' });
    client.open();
    await until(() => client.state.name === 'open');
    client.close();
    push?.(JSON.stringify({ type: 'hello', at: '2026-04-01T09:00:00+09:00', subscriber: '00000000-0000-4000-8000-000000000011' }));
    await until(() => closedWith.length === 1);
    expect(closedWith).toEqual([1000]);
    expect(events).toEqual([]);
    expect(states).toEqual(['connecting', 'open', 'closed']);
  });
});
