import { afterEach, describe, expect, it } from 'vitest';
import type { CallEventResult, CallRecordDto } from '../../src/contract/call-records';
import { callRecordsSeed } from '../src/seed/call-records-seed';
import { customersSeed } from '../src/seed/customers-seed';
import { deskPolicySeed } from '../src/seed/desk-policy-seed';
import { queuesSeed } from '../src/seed/queues-seed';
import { createTestApp, type TestApp, type TestClient } from './test-app';

/** Tuesday 2026-11-24, 10:00 in Tokyo: every demo queue is open. */
const now = new Date('2026-11-24T10:00:00+09:00');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

let testApp: TestApp | undefined;

async function start(): Promise<TestApp> {
  testApp = await createTestApp({ clock: () => now, moduleSeeds: [deskPolicySeed(), queuesSeed(), customersSeed({ customers: 0 }), callRecordsSeed({ callsPerAgent: 0 })] });
  return testApp;
}

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

async function offered(agent: TestClient, sipCallId: string, direction: 'inbound' | 'outbound', remoteNumber: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await agent.put(`/api/call-records/by-call-id/${encodeURIComponent(sipCallId)}/events`, { phase: 'offered', at: minutesAgo(1), direction, remoteNumber, ...extra });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<CallEventResult>().callRecordId;
}

async function linkOf(client: TestClient, id: string): Promise<string | null> {
  const response = await client.get(`/api/call-records/${id}`);
  expect(response.statusCode).toBe(200);
  return response.json<CallRecordDto>().linkedCallId;
}

describe('the two sides of a call between agents', () => {
  it('are not linked when the agent filing the other side is no party of the call', async () => {
    const { login } = await start();
    const [agent, colleague, osaka] = await Promise.all([login('1001'), login('1002'), login('1004')]);
    const customerCall = await offered(agent, 'customer@gw', 'inbound', '03-1234-5678');
    // Colleagues who learnt the Call-ID file a side of their own claiming to talk to 1001.
    const bogus = await offered(colleague, 'customer@gw', 'outbound', '1001');
    expect(await linkOf(agent, customerCall)).toBeNull();
    expect(await linkOf(colleague, bogus)).toBeNull();
    const internal = await offered(agent, 'internal@pbx', 'outbound', '1002');
    const elsewhere = await offered(osaka, 'internal@pbx', 'inbound', '1001');
    expect(await linkOf(agent, internal)).toBeNull();
    expect(await linkOf(osaka, elsewhere)).toBeNull();
    // The agent the caller dialled is a party: the sides link.
    const dialled = await offered(agent, 'internal-2@pbx', 'outbound', '1002');
    const answered = await offered(colleague, 'internal-2@pbx', 'inbound', '1001');
    expect(await linkOf(agent, dialled)).toBe(answered);
    expect(await linkOf(colleague, answered)).toBe(dialled);
  });

  it('link the callee of a queue call the PBX rang them for, though the caller dialled the queue number', async () => {
    const { login, services } = await start();
    const [caller, callee, other] = await Promise.all([login('1002'), login('1001'), login('1003')]);
    expect((await callee.put('/api/agents/me/state', { state: 'available' })).statusCode).toBe(200);
    // 1002 dials 東京窓口: its softphone files first, then Kamailio asks who takes the call.
    const outbound = await offered(caller, 'queue@pbx', 'outbound', '2001');
    expect(await services.queues.route({ queue: '2001', sipCallId: 'queue@pbx', caller: '1002', tried: [] })).toMatchObject({ action: 'ring', extension: '1001' });
    const inbound = await offered(callee, 'queue@pbx', 'inbound', '1002', { queue: '2001' });
    expect(await linkOf(caller, outbound)).toBe(inbound);
    expect(await linkOf(callee, inbound)).toBe(outbound);

    // Nobody rang 1003 for this one.
    const another = await offered(caller, 'queue-2@pbx', 'outbound', '2001');
    const unrung = await offered(other, 'queue-2@pbx', 'inbound', '1002', { queue: '2001' });
    expect(await linkOf(caller, another)).toBeNull();
    expect(await linkOf(other, unrung)).toBeNull();
  });
});
