import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMedia } from '../testing/sip/fake-media';
import { FakeSipNetwork } from '../testing/sip/fake-sip-network';
import { createTestPhone, registered, type TestPhone } from '../testing/sip/test-phones';
import type { Call, TransferOutcome } from './call';
import type { CallSnapshot } from './call';
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
    expect(await outcome).toEqual({ kind: 'accepted', mode: 'blind', target: 'sip:1003@test.invalid' });
    await vi.waitFor(() => expect(agentCall.state).toBe('ended'));
    expect(agentCall.snapshot.endReason).toEqual({ kind: 'transferred', target: 'sip:1003@test.invalid' });
    expect(agentCall.snapshot.transferred).toEqual({ mode: 'blind', target: 'sip:1003@test.invalid', linkedSipCallId: undefined });
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
    expect(await outcome).toEqual({ kind: 'failed', mode: 'blind', target: 'sip:1003@test.invalid', status: 603 });
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

/** The next `consultation-ended` of a phone: the customer's call, the consultation, and whether the customer was resumed. */
function nextConsultationEnd(phone: Phone): Promise<{ customer: CallSnapshot; consultation: CallSnapshot; resumed: boolean }> {
  return new Promise((resolve) => phone.once('consultation-ended', (customer, consultation, resumed) => resolve({ customer, consultation, resumed })));
}

/** The agent consults the colleague about the customer's call; the colleague answers. */
async function consulting() {
  const parties = await customerWithAgent();
  const { agent, colleague, agentCall } = parties;
  const colleagueRings = nextIncoming(colleague);
  const consultation = await agent.consult(agentCall, '1003');
  expect(agentCall.state).toBe('held');
  const colleagueCall = await colleagueRings;
  expect(colleagueCall.snapshot.remoteUser).toBe('1002');
  await colleague.answer(colleagueCall);
  await vi.waitFor(() => expect(consultation.state).toBe('active'));
  return { ...parties, consultation, colleagueCall };
}

describe('attended transfer (相談転送)', () => {
  it('holds the customer, consults the colleague, swaps between them, and links the two calls', async () => {
    const { agent, agentCall, consultation, customerCall } = await consulting();
    expect(agentCall.snapshot.consultation).toEqual({ role: 'customer', consultationCallId: consultation.id, target: '1003' });
    expect(consultation.snapshot.consultation).toEqual({ role: 'consultation', customerCallId: agentCall.id });
    await vi.waitFor(() => expect(customerCall.snapshot.remoteHold).toBe(true));
    await agent.switchTo(agentCall);
    await vi.waitFor(() => expect(agentCall.state).toBe('active'));
    expect(consultation.state).toBe('held');
    await agent.switchTo(consultation);
    await vi.waitFor(() => expect(consultation.state).toBe('active'));
    expect(agentCall.state).toBe('held');
  });

  it('completes with REFER/Replaces: the customer talks to the colleague, the agent has no call left', async () => {
    const { customer, agent, colleague, agentCall, consultation, colleagueCall } = await consulting();
    const outcome = nextTransferOutcome(agentCall);
    await agent.completeTransfer(agentCall);
    expect(await outcome).toEqual({ kind: 'accepted', mode: 'attended', target: consultation.snapshot.remoteUri });
    const refer = network.log.map(({ message }) => message).find((message) => message.startsWith('REFER '));
    expect(refer).toMatch(/^Refer-To: .*\?Replaces=/m);
    // The colleague's phone swapped the consultation for the customer without ringing.
    await vi.waitFor(() => expect(colleagueCall.state).toBe('ended'));
    expect(colleagueCall.snapshot.endReason).toEqual({ kind: 'replaced' });
    const [taken] = colleague.calls;
    expect(colleague.calls).toHaveLength(1);
    expect(taken?.snapshot).toMatchObject({ direction: 'incoming', state: 'active', remoteUser: '1001', replacedSipCallId: consultation.snapshot.sipCallId });
    // The customer talks on a new call, shown as the colleague's extension; the one with the agent is gone.
    await vi.waitFor(() => expect(customer.calls.map((call) => [call.snapshot.remoteUser, call.state])).toEqual([['1003', 'active']]));
    const replacing = network.log.map(({ message }) => message).find((message) => message.startsWith('INVITE ') && /^Replaces: /m.test(message));
    expect(replacing).toMatch(/^INVITE sip:[^@]+@[^ ]+\.invalid;transport=ws SIP\/2\.0/);
    expect(replacing).toMatch(/^To: <sip:1003@test\.invalid>$/m);
    // The agent's legs are gone, both as transferred; the customer's call names the consultation.
    await vi.waitFor(() => expect(agent.calls).toHaveLength(0));
    expect(agentCall.snapshot.endReason).toEqual({ kind: 'transferred', target: consultation.snapshot.remoteUri });
    expect(agentCall.snapshot.transferred).toEqual({ mode: 'attended', target: consultation.snapshot.remoteUri, linkedSipCallId: consultation.snapshot.sipCallId });
    expect(consultation.snapshot.endReason).toEqual({ kind: 'transferred', target: consultation.snapshot.remoteUri });
  });

  it('cancels: hangs up the consultation and resumes the customer', async () => {
    const { agent, agentCall, consultation, colleagueCall, customerCall } = await consulting();
    const ended = nextConsultationEnd(agent);
    await agent.cancelConsultation(agentCall);
    const { consultation: cancelled, resumed } = await ended;
    expect(resumed).toBe(true);
    expect(cancelled.endReason).toEqual({ kind: 'hangup', by: 'local' });
    await vi.waitFor(() => expect(colleagueCall.state).toBe('ended'));
    await vi.waitFor(() => expect(agentCall.state).toBe('active'));
    await vi.waitFor(() => expect(customerCall.snapshot.remoteHold).toBe(false));
    expect(agentCall.snapshot.consultation).toBeUndefined();
    expect(consultation.state).toBe('ended');
    expect(agent.calls).toEqual([agentCall]);
  });

  it('resumes the customer when the colleague refuses the consultation (486)', async () => {
    const { agent, colleague, agentCall } = await customerWithAgent();
    colleague.once('incoming', (call) => void call.reject(486));
    const ended = nextConsultationEnd(agent);
    await agent.consult(agentCall, '1003');
    const { consultation, resumed } = await ended;
    expect(consultation.endReason).toMatchObject({ kind: 'rejected', status: 486 });
    expect(resumed).toBe(true);
    await vi.waitFor(() => expect(agentCall.state).toBe('active'));
    expect(agent.calls).toEqual([agentCall]);
  });

  it('cancels a consultation still ringing (CANCEL)', async () => {
    const { agent, colleague, agentCall } = await customerWithAgent();
    const colleagueRings = nextIncoming(colleague);
    const consultation = await agent.consult(agentCall, '1003');
    const colleagueCall = await colleagueRings;
    await expect(agent.consult(agentCall, '1004')).rejects.toMatchObject({ kind: 'request-pending' });
    await agent.cancelConsultation(agentCall);
    await vi.waitFor(() => expect(colleagueCall.state).toBe('ended'));
    expect(colleagueCall.snapshot.endReason).toEqual({ kind: 'cancelled', by: 'remote' });
    expect(consultation.snapshot.endReason).toEqual({ kind: 'cancelled', by: 'local' });
    await vi.waitFor(() => expect(agentCall.state).toBe('active'));
  });

  it('completes before the colleague answers (semi-attended): cancels the consultation, then sends the customer there blind', async () => {
    const { customer, agent, colleague, agentCall } = await customerWithAgent();
    const firstRing = nextIncoming(colleague);
    const consultation = await agent.consult(agentCall, '1003');
    const consultationAtColleague = await firstRing;
    const customerRings = new Promise<Call>((resolve) => colleague.on('incoming', (call) => call.snapshot.remoteUser === '1001' && resolve(call)));
    const consultationEnds = vi.fn();
    agent.on('consultation-ended', consultationEnds);
    const outcome = nextTransferOutcome(agentCall);
    await agent.completeTransfer(agentCall);
    expect(await outcome).toEqual({ kind: 'accepted', mode: 'blind', target: 'sip:1003@test.invalid' });
    expect(consultationAtColleague.snapshot.endReason).toEqual({ kind: 'cancelled', by: 'remote' });
    expect(consultation.snapshot.endReason).toEqual({ kind: 'cancelled', by: 'local' });
    const transferred = await customerRings;
    await colleague.answer(transferred);
    await vi.waitFor(() => expect(customer.calls.map((call) => [call.snapshot.remoteUser, call.state])).toEqual([['1003', 'active']]));
    await vi.waitFor(() => expect(agent.calls).toHaveLength(0));
    expect(agentCall.snapshot.transferred).toMatchObject({ mode: 'blind', target: 'sip:1003@test.invalid' });
    expect(consultationEnds).not.toHaveBeenCalled();
  });

  it('keeps the consultation as an ordinary call when the customer hangs up meanwhile', async () => {
    const { agent, agentCall, consultation, customerCall } = await consulting();
    const consultationEnds = vi.fn();
    agent.on('consultation-ended', consultationEnds);
    await customerCall.hangup();
    await vi.waitFor(() => expect(agentCall.state).toBe('ended'));
    // The call-ended notice of the customer's call says it all; no consultation notice.
    expect(consultationEnds).not.toHaveBeenCalled();
    expect(consultation.snapshot).toMatchObject({ state: 'active', consultation: undefined });
    expect(agent.calls).toEqual([consultation]);
    await expect(agent.completeTransfer(agentCall)).rejects.toMatchObject({ kind: 'invalid-state' });
  });

  it('takes the customer back when the colleague hangs up just as the transfer starts and it fails', async () => {
    const { agent, agentCall, consultation, colleagueCall, customerCall } = await consulting();
    customerCall.removeAllListeners();
    customerCall.session.delegate = {
      onRefer: (referral) => {
        void colleagueCall.hangup();
        consultation.once('ended', () => void referral.reject({ statusCode: 603 }));
      },
    };
    const outcome = nextTransferOutcome(agentCall);
    await agent.completeTransfer(agentCall);
    expect(await outcome).toMatchObject({ kind: 'failed', mode: 'attended', status: 603 });
    expect(consultation.state).toBe('ended');
    await vi.waitFor(() => expect(agentCall.state).toBe('active'));
    expect(agent.calls).toEqual([agentCall]);
  });

  it('reports a failed completion and keeps both calls when the customer cannot reach the colleague', async () => {
    const { agent, agentCall, consultation, customerCall } = await consulting();
    // The customer's equipment tries, but its INVITE with Replaces is refused.
    customerCall.removeAllListeners();
    customerCall.session.delegate = {
      onRefer: (referral) => {
        void referral.accept();
        void customerCall.session.dialog?.notify(undefined, {
          extraHeaders: ['Event: refer', 'Subscription-State: terminated;reason=noresource'],
          body: { contentDisposition: 'render', contentType: 'message/sipfrag', content: 'SIP/2.0 481 Call/Transaction Does Not Exist' },
        });
      },
    };
    const outcome = nextTransferOutcome(agentCall);
    await agent.completeTransfer(agentCall);
    expect(await outcome).toEqual({ kind: 'failed', mode: 'attended', target: consultation.snapshot.remoteUri, status: 481 });
    expect(agentCall.snapshot).toMatchObject({ state: 'held', transferPending: false, transferred: undefined });
    expect(consultation.state).toBe('active');
  });
});
