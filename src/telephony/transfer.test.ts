import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMedia } from '../testing/sip/fake-media';
import { FakeSipNetwork } from '../testing/sip/fake-sip-network';
import { createTestPhone, registered, type TestPhone } from '../testing/sip/test-phones';
import type { Call, TransferOutcome } from './call';
import type { Phone } from './phone';
import { TelephonyException } from './telephony-exception';

let network: FakeSipNetwork;
const phones: TestPhone[] = [];

async function phoneFor(user: string): Promise<Phone> {
  const testPhone = createTestPhone(network, user);
  phones.push(testPhone);
  return registered(testPhone.phone);
}

function nextIncoming(phone: Phone): Promise<Call> {
  return new Promise((resolve) => phone.once('incoming', resolve));
}

function nextTransferOutcome(call: Call): Promise<TransferOutcome> {
  return new Promise((resolve) => call.once('transfer', resolve));
}

/** A customer (1001) talking to an agent (1002), and a colleague (1003) to transfer to. */
async function customerWithAgent() {
  const customer = await phoneFor('1001');
  const agent = await phoneFor('1002');
  const colleague = await phoneFor('1003');
  const offered = nextIncoming(agent);
  const customerCall = await customer.dial('1002');
  const agentCall = await offered;
  await agent.answer(agentCall);
  await vi.waitFor(() => expect(customerCall.state).toBe('active'));
  await vi.waitFor(() => expect(agentCall.state).toBe('active'));
  return { customer, agent, colleague, customerCall, agentCall };
}

beforeEach(() => {
  network = new FakeSipNetwork();
  FakeMedia.all.length = 0;
});

afterEach(async () => {
  await Promise.all(phones.map(({ phone }) => phone.stop()));
  phones.length = 0;
});

describe('blind transfer', () => {
  it('sends REFER, reports it accepted, hangs up, and the customer now rings the colleague', async () => {
    const { customer, agent, colleague, customerCall, agentCall } = await customerWithAgent();
    const colleagueRings = nextIncoming(colleague);
    const outcome = nextTransferOutcome(agentCall);
    await agent.transfer(agentCall, '1003');
    expect(await outcome).toEqual({ kind: 'accepted', target: 'sip:1003@test.invalid' });
    await vi.waitFor(() => expect(agentCall.state).toBe('ended'));
    expect(agentCall.snapshot.endReason).toEqual({ kind: 'hangup', by: 'local' });
    const transferred = await colleagueRings;
    expect(transferred.snapshot.remoteUser).toBe('1001');
    await vi.waitFor(() => expect(customerCall.state).toBe('ended'));
    // The customer's phone shows the new call it placed on the agent's behalf.
    expect(customer.calls.map((call) => call.snapshot.remoteUser)).toEqual(['1003']);
    expect(network.requestsSeen()).toContain('REFER');
    expect(agent.calls).toHaveLength(0);
  });

  it('reports a refused transfer and keeps the call', async () => {
    const { agent, customerCall, agentCall } = await customerWithAgent();
    // The customer's equipment does not do transfers.
    customerCall.removeAllListeners();
    customerCall.session.delegate = { onRefer: (referral) => void referral.reject({ statusCode: 603 }) };
    const outcome = nextTransferOutcome(agentCall);
    await agent.transfer(agentCall, '1003');
    expect(await outcome).toEqual({ kind: 'failed', target: 'sip:1003@test.invalid', status: 603 });
    expect(agentCall.snapshot).toMatchObject({ state: 'active', transferPending: false });
  });

  it('refuses a target that cannot be dialled, and a call that is not connected', async () => {
    const { agent, agentCall } = await customerWithAgent();
    await expect(agent.transfer(agentCall, 'not a number!')).rejects.toMatchObject({ kind: 'invalid-target' });
    await agentCall.hangup();
    await vi.waitFor(() => expect(agentCall.state).toBe('ended'));
    await expect(agent.transfer(agentCall, '1003')).rejects.toBeInstanceOf(TelephonyException);
  });
});
