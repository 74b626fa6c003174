import { afterEach, describe, expect, it } from 'vitest';
import type { CallEventResult, CallRecordDto } from '../../src/contract/call-records';
import { callRecordsSeed } from '../src/seed/call-records-seed';
import { customersSeed } from '../src/seed/customers-seed';
import { deskPolicySeed } from '../src/seed/desk-policy-seed';
import { queuesSeed } from '../src/seed/queues-seed';
import { createTestApp, type TestApp, type TestClient } from './test-app';

/** 15:00 in Tokyo on a Friday: the service's clock in these tests. */
const now = new Date('2026-11-20T06:00:00.000Z');
/** The blind transfer in these tests: 20 minutes ago, from 1001's call with the customer. */
const transferAt = now.getTime() - 20 * 60_000;
const afterTransfer = (seconds: number) => new Date(transferAt + seconds * 1000).toISOString();
const customerNumber = '03-1234-5678';

let testApp: TestApp | undefined;

async function start(): Promise<TestApp> {
  testApp = await createTestApp({ clock: () => now, moduleSeeds: [deskPolicySeed(), queuesSeed(), customersSeed({ customers: 0 }), callRecordsSeed({ callsPerAgent: 0 })] });
  return testApp;
}

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

type EventBody = { phase: string; at: string } & Record<string, unknown>;

async function fileEvent(agent: TestClient, sipCallId: string, body: EventBody): Promise<CallEventResult> {
  const response = await agent.put(`/api/call-records/by-call-id/${encodeURIComponent(sipCallId)}/events`, { direction: 'inbound', remoteNumber: customerNumber, ...body });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json<CallEventResult>();
}

async function record(client: TestClient, id: string): Promise<CallRecordDto> {
  const response = await client.get(`/api/call-records/${id}`);
  expect(response.statusCode).toBe(200);
  return response.json<CallRecordDto>();
}

/** 1001 talks with the customer, then blind-transfers them (REFER) to `target`; returns 1001's record id. */
async function blindTransfer(agent: TestClient, target: string, sipCallId = 'customer@gw'): Promise<string> {
  const { callRecordId } = await fileEvent(agent, sipCallId, { phase: 'offered', at: afterTransfer(-300) });
  await fileEvent(agent, sipCallId, { phase: 'answered', at: afterTransfer(-295) });
  await fileEvent(agent, sipCallId, { phase: 'transferred', at: afterTransfer(0), transferredTo: target });
  await fileEvent(agent, sipCallId, { phase: 'ended', at: afterTransfer(0.5) });
  return callRecordId;
}

/** The customer's new call rings `agent` `startsAfter` seconds after the transfer; `answered` or not. */
async function followUp(agent: TestClient, sipCallId: string, options: { startsAfter: number; answered?: boolean; queue?: string; remoteNumber?: string }): Promise<string> {
  const extra = { ...(options.queue === undefined ? {} : { queue: options.queue }), ...(options.remoteNumber === undefined ? {} : { remoteNumber: options.remoteNumber }) };
  const { callRecordId } = await fileEvent(agent, sipCallId, { phase: 'offered', at: afterTransfer(options.startsAfter), ...extra });
  if (options.answered ?? true) await fileEvent(agent, sipCallId, { phase: 'answered', at: afterTransfer(options.startsAfter + 4), ...extra });
  await fileEvent(agent, sipCallId, { phase: 'ended', at: afterTransfer(options.startsAfter + 60), ...extra });
  return callRecordId;
}

describe('a blind transfer', () => {
  it('links the transferred call and the call the target extension answered, both ways, whichever is filed first', async () => {
    const { login } = await start();
    const [agent, target] = await Promise.all([login('1001'), login('1002')]);
    const original = await blindTransfer(agent, '1002');
    const taken = await followUp(target, 'referred@gw', { startsAfter: 3 });
    expect(await record(agent, original)).toMatchObject({ endReason: 'transferred', transferredTo: '1002', linkedCallId: taken });
    expect(await record(target, taken)).toMatchObject({ remoteNumber: '+81312345678', linkedCallId: original });

    // The target's softphone is quicker than the transferring agent's outbox.
    const second = await followUp(target, 'referred-2@gw', { startsAfter: 3, remoteNumber: '06-1111-2222' });
    const first = await blindTransfer(agent, '1002', 'customer-2@gw');
    expect((await record(agent, first)).linkedCallId).toBeNull();
    const early = await fileEvent(agent, 'customer-3@gw', { phase: 'offered', at: afterTransfer(-300), remoteNumber: '06-1111-2222' });
    await fileEvent(agent, 'customer-3@gw', { phase: 'answered', at: afterTransfer(-290), remoteNumber: '06-1111-2222' });
    await fileEvent(agent, 'customer-3@gw', { phase: 'transferred', at: afterTransfer(0), transferredTo: 'sip:1002@127.0.0.1', remoteNumber: '06-1111-2222' });
    expect((await record(agent, early.callRecordId)).linkedCallId).toBe(second);
    expect((await record(target, second)).linkedCallId).toBe(early.callRecordId);
  });

  it('links through a queue to the agent who answered, not to the agents it rang on the way', async () => {
    const { login } = await start();
    const [agent, rung, answering] = await Promise.all([login('1001'), login('1003'), login('1002')]);
    const original = await blindTransfer(agent, '2001');
    // The queue rang 1003 first (no answer), then 1002, who took the customer.
    const missed = await followUp(rung, 'queue-try-1@gw', { startsAfter: 40, answered: false, queue: '2001' });
    const taken = await followUp(answering, 'queue-try-2@gw', { startsAfter: 56, queue: '2001' });
    expect(await record(agent, original)).toMatchObject({ transferredTo: '2001', linkedCallId: taken });
    expect(await record(answering, taken)).toMatchObject({ queue: '2001', linkedCallId: original });
    expect((await record(rung, missed)).linkedCallId).toBeNull();
  });

  it('links through a queue the PBX routed the call through, when the softphone did not name it', async () => {
    const { login, services } = await start();
    const [agent, answering] = await Promise.all([login('1001'), login('1002')]);
    expect((await answering.put('/api/agents/me/state', { state: 'available' })).statusCode).toBe(200);
    const original = await blindTransfer(agent, '2001');
    expect(await services.queues.route({ queue: '2001', sipCallId: 'routed@gw', caller: '0312345678', tried: [] })).toMatchObject({ action: 'ring', extension: '1002' });
    const taken = await followUp(answering, 'routed@gw', { startsAfter: 8 });
    expect((await record(agent, original)).linkedCallId).toBe(taken);
    expect((await record(answering, taken)).linkedCallId).toBe(original);
  });

  it('links nothing when the customer’s call comes after the window, from another number or to someone else', async () => {
    const { login } = await start();
    const [agent, target, colleague] = await Promise.all([login('1001'), login('1002'), login('1003')]);
    const original = await blindTransfer(agent, '1002');
    const late = await followUp(target, 'late@gw', { startsAfter: 4 * 60 });
    const otherNumber = await followUp(target, 'other-number@gw', { startsAfter: 5, remoteNumber: '03-9999-0000' });
    const otherAgent = await followUp(colleague, 'other-agent@gw', { startsAfter: 5 });
    const otherQueue = await followUp(colleague, 'other-queue@gw', { startsAfter: 6, queue: '2002' });
    expect((await record(agent, original)).linkedCallId).toBeNull();
    for (const [client, id] of [
      [target, late],
      [target, otherNumber],
      [colleague, otherAgent],
      [colleague, otherQueue],
    ] as const) {
      expect((await record(client, id)).linkedCallId).toBeNull();
    }
  });

  it('leaves an attended transfer’s link alone', async () => {
    const { login } = await start();
    const [agent, target] = await Promise.all([login('1001'), login('1002')]);
    await fileEvent(agent, 'customer@gw', { phase: 'offered', at: afterTransfer(-300) });
    await fileEvent(agent, 'customer@gw', { phase: 'answered', at: afterTransfer(-295) });
    const consultation = await fileEvent(agent, 'consult@pbx', { phase: 'offered', at: afterTransfer(-60), direction: 'outbound', remoteNumber: '1002' });
    const attended = await fileEvent(agent, 'customer@gw', { phase: 'transferred', at: afterTransfer(0), transferredTo: '1002', linkedSipCallId: 'consult@pbx' });
    // The customer calling 1002 again right after is a new call, not the transfer's other leg.
    const again = await followUp(target, 'again@gw', { startsAfter: 30 });
    expect((await record(agent, attended.callRecordId)).linkedCallId).toBe(consultation.callRecordId);
    expect((await record(target, again)).linkedCallId).toBeNull();
  });
});

describe('a call through a queue', () => {
  it('keeps the queue number the softphone filed on the record', async () => {
    const { login } = await start();
    const agent = await login('1002');
    const id = await followUp(agent, 'queued@gw', { startsAfter: 0, queue: '2001' });
    expect(await record(agent, id)).toMatchObject({ queue: '2001', direction: 'inbound', remoteNumber: '+81312345678', endReason: 'completed' });
    const listed = (await agent.get('/api/call-records?number=03-1234-5678')).json<{ items: CallRecordDto[] }>().items;
    expect(listed.map((item) => item.queue)).toEqual(['2001']);
  });
});
