import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Phone } from '../telephony';
import { demoAccount } from '../testing/msw/demo-directory';
import { faults } from '../testing/msw/faults';
import { installMockService } from '../testing/msw/install-mock-service';
import { mockCallRecords } from '../testing/msw/mock-call-records';
import { mockDatabase } from '../testing/msw/mock-database';
import { mockDeskPolicy } from '../testing/msw/mock-desk-policy';
import { server } from '../testing/msw/server';
import { FakeSipNetwork, type FakeTransport } from '../testing/sip/fake-sip-network';
import { createTestPhone, registered } from '../testing/sip/test-phones';
import { memoryStorage, openDeskTab, RecordFields, type DeskTab, type MemoryStorage } from '../testing/desk-tab';

installMockService();

const eventsPath = '/api/call-records/by-call-id/:sipCallId/events';

/** One browser tab of agent 1001. */
type Tab = DeskTab;

let network: FakeSipNetwork;
let tabs: Tab[] = [];
let outsiders: Phone[] = [];

function openTab(storage: MemoryStorage): Tab {
  const tab = openDeskTab(network, storage);
  tabs.push(tab);
  return tab;
}

async function signedInTab(storage: MemoryStorage = memoryStorage()): Promise<Tab> {
  const tab = openTab(storage);
  await tab.session.getState().signIn('1001', demoAccount('1001').password);
  await vi.waitFor(() => expect(tab.phone.getState().registration.name).toBe('registered'));
  await vi.waitFor(() => expect(tab.desk.getState().policy).toBeDefined());
  return tab;
}

/** A customer's phone (extension 2001) outside the desk. */
async function customer(): Promise<Phone> {
  const { phone } = createTestPhone(network, '2001');
  outsiders.push(phone);
  return registered(phone);
}

async function ringing(tab: Tab): Promise<string> {
  await vi.waitFor(() => expect(tab.phone.getState().calls[0]?.state).toBe('incoming'));
  return tab.phone.getState().calls[0]?.id ?? '';
}

/** The agent answers the ringing call; resolves with its SIP Call-ID once both sides talk. */
async function answer(tab: Tab, caller: Phone): Promise<string> {
  const callId = await ringing(tab);
  await tab.phone.getState().answer(callId);
  await vi.waitFor(() => expect(caller.calls[0]?.state).toBe('active'));
  await vi.waitFor(() => expect(tab.desk.getState().agentState).toBe('on-call'));
  return tab.phone.getState().calls[0]?.sipCallId ?? '';
}

/** The customer calls the agent, who answers. */
async function answeredCall(tab: Tab, caller: Phone): Promise<string> {
  await caller.dial('1001');
  return answer(tab, caller);
}

async function hangUp(caller: Phone): Promise<void> {
  await caller.calls[0]?.hangup();
  await vi.waitFor(() => expect(caller.calls).toHaveLength(0));
}

function recordOf(sipCallId: string) {
  return mockCallRecords.all().find((record) => record.sipCallId === sipCallId);
}

/** The phases of the call events the mock service answered with 2xx, in the order they were answered. */
function filedPhases(): () => Promise<string[]> {
  const bodies = new Map<string, Promise<string>>();
  const filed: Promise<string>[] = [];
  server.events.on('request:start', ({ request, requestId }) => {
    if (request.method === 'PUT' && request.url.includes('/by-call-id/')) {
      bodies.set(requestId, request.clone().json().then((body: { phase: string }) => body.phase));
    }
  });
  server.events.on('response:mocked', ({ requestId, response }) => {
    const phase = bodies.get(requestId);
    if (phase && response.ok) filed.push(phase);
  });
  return () => Promise.all(filed);
}

beforeEach(() => {
  network = new FakeSipNetwork();
});

afterEach(async () => {
  vi.useRealTimers();
  for (const tab of tabs) await tab.session.getState().signOut();
  await Promise.all(outsiders.map((phone) => phone.stop()));
  tabs = [];
  outsiders = [];
});

describe('agent state', () => {
  it('starts not ready without a reason after sign-in, tells the service, and takes calls after 受付可', async () => {
    const tab = await signedInTab();
    const agentId = demoAccount('1001').id;
    expect(tab.desk.getState()).toMatchObject({ agentState: 'not-ready', reason: null });
    await vi.waitFor(() => expect(mockDatabase.agentStates.get(agentId)).toMatchObject({ state: 'not-ready', reason: null }));
    expect(tab.desk.getState().policy?.notReadyReasons.map((reason) => reason.code)).toEqual(['break', 'lunch', 'training', 'meeting', 'admin-work']);

    tab.desk.getState().goAvailable();
    expect(tab.desk.getState().agentState).toBe('available');
    await vi.waitFor(() => expect(mockDatabase.agentStates.get(agentId)).toMatchObject({ state: 'available' }));

    tab.desk.getState().goNotReady('lunch');
    expect(tab.desk.getState()).toMatchObject({ agentState: 'not-ready', reason: 'lunch' });
    await vi.waitFor(() => expect(mockDatabase.agentStates.get(agentId)).toMatchObject({ state: 'not-ready', reason: 'lunch' }));
    expect(() => tab.desk.getState().goNotReady('nap')).toThrow(/not in the desk policy/);
  });

  it('goes through a whole call: on-call when answered, after-call work when it ends, then available', async () => {
    const tab = await signedInTab();
    const fields = new RecordFields();
    tab.desk.getState().setWrapUpCheck(fields);
    tab.desk.getState().goAvailable();
    const caller = await customer();

    await caller.dial('1001');
    await ringing(tab);
    expect(tab.desk.getState().agentState).toBe('available');
    expect(tab.desk.getState().current).toMatchObject({ direction: 'inbound', remoteNumber: '2001', stage: 'ringing' });

    const sipCallId = await answer(tab, caller);
    expect(sipCallId).not.toBe('');
    await vi.waitFor(() => expect(tab.desk.getState().agentState).toBe('on-call'));
    expect(tab.desk.getState().current).toMatchObject({ sipCallId, stage: 'talking' });

    await hangUp(caller);
    await vi.waitFor(() => expect(tab.desk.getState().agentState).toBe('after-call-work'));
    const state = tab.desk.getState();
    expect(state.current).toMatchObject({ sipCallId, stage: 'wrap-up' });
    expect(state.afterCallWork?.endsAt).toBe((state.afterCallWork?.startedAt ?? 0) + 120_000);
    expect(state.wrapUpBlockers).toEqual(['categoryId', 'dispositionId']);
    expect(tab.phone.getState().incomingRefusal).toBe(486);

    fields.fill('categoryId', 'dispositionId');
    expect(tab.desk.getState().wrapUpBlockers).toEqual([]);
    expect(tab.desk.getState().finishWrapUp()).toBe(true);
    expect(tab.desk.getState()).toMatchObject({ agentState: 'available', current: undefined, afterCallWork: undefined });
    expect(tab.phone.getState().incomingRefusal).toBeUndefined();
  });
});

describe('call events', () => {
  it('files offered, answered, held, resumed and ended in order and keeps the record id on the call', async () => {
    const phases = filedPhases();
    const tab = await signedInTab();
    tab.desk.getState().goAvailable();
    const caller = await customer();
    const sipCallId = await answeredCall(tab, caller);
    const callId = tab.phone.getState().calls[0]?.id ?? '';

    await tab.phone.getState().toggleHold(callId);
    await vi.waitFor(() => expect(tab.phone.getState().calls[0]?.state).toBe('held'));
    await tab.phone.getState().toggleHold(callId);
    await vi.waitFor(() => expect(tab.phone.getState().calls[0]?.state).toBe('active'));
    await hangUp(caller);

    await vi.waitFor(() => expect(tab.desk.getState().pendingEvents).toBe(0));
    expect(await phases()).toEqual(['offered', 'answered', 'held', 'resumed', 'ended']);
    const record = recordOf(sipCallId);
    expect(record).toMatchObject({ phase: 'ended', direction: 'inbound', remoteNumber: '2001', localNumber: '1001', endReason: 'completed' });
    expect(record?.answeredAt).not.toBeNull();
    expect(tab.desk.getState().current).toMatchObject({ sipCallId, callRecordId: record?.id, recordVersion: record?.version });
  });

  it('files the queue a call came through (the INVITE names it) with every event, so the record shows it', async () => {
    const queueNetwork = new (class extends FakeSipNetwork {
      // Stands for Kamailio routing the call through queue 2001.
      override deliver(from: FakeTransport, message: string): void {
        super.deliver(from, message.startsWith('INVITE ') ? message.replace('\r\n', '\r\nX-Tsunagu-Queue: 2001\r\n') : message);
      }
    })();
    network = queueNetwork;
    const tab = await signedInTab();
    tab.desk.getState().goAvailable();
    const caller = await customer();
    await caller.dial('1001');
    await ringing(tab);
    expect(tab.desk.getState().current).toMatchObject({ direction: 'inbound', stage: 'ringing', queueNumber: '2001' });
    const sipCallId = await answer(tab, caller);
    await hangUp(caller);
    await vi.waitFor(() => expect(tab.desk.getState().pendingEvents).toBe(0));
    expect(recordOf(sipCallId)).toMatchObject({ queue: '2001', phase: 'ended', endReason: 'completed' });
  });

  it('files no queue for a call not routed through one', async () => {
    const tab = await signedInTab();
    tab.desk.getState().goAvailable();
    const caller = await customer();
    const sipCallId = await answeredCall(tab, caller);
    expect(tab.desk.getState().current?.queueNumber).toBeUndefined();
    await hangUp(caller);
    await vi.waitFor(() => expect(tab.desk.getState().pendingEvents).toBe(0));
    expect(recordOf(sipCallId)?.queue).toBeNull();
  });

  it('leaves the state as it was when a call ends unanswered, and files it as abandoned', async () => {
    const tab = await signedInTab();
    tab.desk.getState().goAvailable();
    const caller = await customer();
    await caller.dial('1001');
    await ringing(tab);
    const sipCallId = tab.desk.getState().current?.sipCallId ?? '';
    await hangUp(caller);

    await vi.waitFor(() => expect(tab.desk.getState().current).toBeUndefined());
    expect(tab.desk.getState().agentState).toBe('available');
    await vi.waitFor(() => expect(recordOf(sipCallId)).toMatchObject({ phase: 'ended', endReason: 'abandoned', answeredAt: null }));
  });

  it('keeps events while the service fails and sends them, in order, once it is back', async () => {
    const phases = filedPhases();
    const tab = await signedInTab();
    tab.desk.getState().goAvailable();
    const attempts: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.includes('/by-call-id/')) attempts.push(request.method);
    });
    server.use(faults.serverError('put', eventsPath));
    const caller = await customer();
    const sipCallId = await answeredCall(tab, caller);
    await hangUp(caller);

    await vi.waitFor(() => expect(tab.desk.getState().outbox.kind).toBe('retrying'));
    await vi.waitFor(() => expect(attempts.length).toBeGreaterThan(2));
    expect(tab.desk.getState().pendingEvents).toBe(3);
    expect(recordOf(sipCallId)).toBeUndefined();

    server.resetHandlers();
    await vi.waitFor(() => expect(tab.desk.getState().pendingEvents).toBe(0));
    expect(await phases()).toEqual(['offered', 'answered', 'ended']);
    expect(recordOf(sipCallId)).toMatchObject({ phase: 'ended', endReason: 'completed' });
    expect(tab.desk.getState().current?.callRecordId).toBe(recordOf(sipCallId)?.id);
  });

  it('keeps unsent events and the after-call work across a reload, and sends them from the new page', async () => {
    const storage = memoryStorage();
    const first = await signedInTab(storage);
    first.desk.getState().goAvailable();
    server.use(faults.unreachable('put', eventsPath));
    const caller = await customer();
    const sipCallId = await answeredCall(first, caller);
    await hangUp(caller);
    await vi.waitFor(() => expect(first.desk.getState().agentState).toBe('after-call-work'));
    expect(first.desk.getState().pendingEvents).toBe(3);

    // The tab goes away (pagehide unregisters the phone); the service comes back; a new page loads.
    await first.phone.getState().signOut();
    tabs = tabs.filter((tab) => tab !== first);
    server.resetHandlers();
    const second = openTab(storage);
    await second.session.getState().restore();

    await vi.waitFor(() => expect(second.desk.getState().pendingEvents).toBe(0));
    expect(recordOf(sipCallId)).toMatchObject({ phase: 'ended', endReason: 'completed' });
    expect(second.desk.getState()).toMatchObject({ agentState: 'after-call-work', current: { sipCallId, stage: 'wrap-up', callRecordId: recordOf(sipCallId)?.id } });
  });
});

/** The bodies of the call events the mock service took, with their Call-ID, in the order they were sent. */
function filedEvents(): { sipCallId: string; phase: string; transferredTo?: string; linkedSipCallId?: string }[] {
  const events: { sipCallId: string; phase: string; transferredTo?: string; linkedSipCallId?: string }[] = [];
  server.events.on('request:start', ({ request }) => {
    const match = /\/by-call-id\/([^/]+)\/events$/.exec(new URL(request.url).pathname);
    if (request.method !== 'PUT' || !match?.[1]) return;
    const sipCallId = decodeURIComponent(match[1]);
    void request
      .clone()
      .json()
      .then((body: { phase: string; transferredTo?: string; linkedSipCallId?: string }) => events.push({ sipCallId, ...body }));
  });
  return events;
}

/** A colleague's phone outside the desk (an extension of 1002–1006). */
async function colleague(extension: string): Promise<Phone> {
  const { phone } = createTestPhone(network, extension);
  outsiders.push(phone);
  return registered(phone);
}

describe('transfers', () => {
  it('files transferred with the target and the consultation Call-ID after an attended transfer, which links both legs', async () => {
    const events = filedEvents();
    const tab = await signedInTab();
    tab.desk.getState().goAvailable();
    const caller = await customer();
    const target = await colleague('1003');
    const customerSipCallId = await answeredCall(tab, caller);
    const customerCallId = tab.phone.getState().calls[0]?.id ?? '';
    target.once('incoming', (call) => void target.answer(call));
    // Required fields are missing on every record but the customer's.
    const filled = new Set<string>([customerSipCallId]);
    tab.desk.getState().setWrapUpCheck({ missing: (sipCallId, required) => (filled.has(sipCallId) ? [] : required), subscribe: () => () => undefined });

    await tab.phone.getState().consult(customerCallId, '1003');
    await vi.waitFor(() => expect(tab.phone.getState().calls.map((call) => call.state)).toEqual(['held', 'active']));
    const consultationSipCallId = tab.phone.getState().calls[1]?.sipCallId ?? '';
    expect(tab.desk.getState().agentState).toBe('on-call');
    // The customer's call stays in front (screen pop, record) while the agent consults.
    await vi.waitFor(() => expect(tab.desk.getState().calls.at(-1)).toMatchObject({ sipCallId: consultationSipCallId, consultationFor: customerSipCallId }));
    expect(tab.desk.getState().current?.sipCallId).toBe(customerSipCallId);
    await tab.phone.getState().completeTransfer(customerCallId);

    await vi.waitFor(() => expect(tab.phone.getState().calls).toHaveLength(0));
    await vi.waitFor(() => expect(tab.desk.getState().agentState).toBe('after-call-work'));
    expect(tab.desk.getState().calls.map((call) => [call.sipCallId, call.stage])).toEqual([
      [customerSipCallId, 'wrap-up'],
      [consultationSipCallId, 'wrap-up'],
    ]);
    expect(tab.desk.getState().current?.sipCallId).toBe(customerSipCallId);
    // The consultation's record does not hold up the end of after-call work.
    expect(tab.desk.getState().wrapUpBlockers).toEqual([]);
    expect(tab.desk.getState().finishWrapUp()).toBe(true);
    await vi.waitFor(() => expect(tab.desk.getState().pendingEvents).toBe(0));
    expect(events.filter((event) => event.phase === 'transferred')).toEqual([
      expect.objectContaining({ sipCallId: customerSipCallId, transferredTo: '1003', linkedSipCallId: consultationSipCallId }),
    ]);
    const customerRecord = recordOf(customerSipCallId);
    const consultationRecord = recordOf(consultationSipCallId);
    expect(customerRecord).toMatchObject({ endReason: 'transferred', transferredTo: '1003', linkedCallId: consultationRecord?.id });
    expect(consultationRecord).toMatchObject({ direction: 'outbound', remoteNumber: '1003', linkedCallId: customerRecord?.id });
  });

  it('files a blind transfer with its target and no linked Call-ID', async () => {
    const events = filedEvents();
    const tab = await signedInTab();
    tab.desk.getState().goAvailable();
    const caller = await customer();
    await colleague('1003');
    const sipCallId = await answeredCall(tab, caller);
    await tab.phone.getState().transfer(tab.phone.getState().calls[0]?.id ?? '', '1003');
    await vi.waitFor(() => expect(tab.desk.getState().agentState).toBe('after-call-work'));
    await vi.waitFor(() => expect(tab.desk.getState().pendingEvents).toBe(0));
    const transferred = events.find((event) => event.phase === 'transferred');
    expect(transferred).toMatchObject({ sipCallId, transferredTo: '1003' });
    expect(transferred?.linkedSipCallId).toBeUndefined();
    expect(recordOf(sipCallId)).toMatchObject({ endReason: 'transferred', transferredTo: '1003' });
  });

  it('takes a customer transferred to it (INVITE with Replaces) without ringing, stays on call, and links the new call to the consultation', async () => {
    const events = filedEvents();
    const tab = await signedInTab();
    tab.desk.getState().goAvailable();
    const caller = await customer();
    const transferor = await colleague('1002');
    transferor.once('incoming', (call) => void transferor.answer(call));
    await caller.dial('1002');
    await vi.waitFor(() => expect(transferor.calls[0]?.state).toBe('active'));
    const customerCall = transferor.calls[0];
    if (!customerCall) throw new Error('no call at the transferor');
    const consultation = await transferor.consult(customerCall, '1001');
    const consultationId = await ringing(tab);
    await tab.phone.getState().answer(consultationId);
    await vi.waitFor(() => expect(consultation.state).toBe('active'));
    const ringtones: string[] = [];
    const unsubscribe = tab.phone.subscribe((state) => {
      if (state.calls.some((call) => call.state === 'incoming')) ringtones.push('incoming');
    });

    await transferor.completeTransfer(customerCall);
    await vi.waitFor(() => expect(tab.phone.getState().calls.map((call) => [call.remoteUser, call.state])).toEqual([['2001', 'active']]));
    unsubscribe();
    expect(ringtones).toEqual([]);
    const taken = tab.phone.getState().calls[0];
    expect(taken?.replacedSipCallId).toBe(consultation.snapshot.sipCallId);
    expect(tab.desk.getState().agentState).toBe('on-call');
    expect(tab.desk.getState().current).toMatchObject({ sipCallId: taken?.sipCallId, direction: 'inbound', remoteNumber: '2001', stage: 'talking' });
    expect(tab.desk.getState().calls.find((call) => call.sipCallId === consultation.snapshot.sipCallId)).toMatchObject({ stage: 'wrap-up', consultationFor: taken?.sipCallId });
    await vi.waitFor(() => expect(tab.desk.getState().pendingEvents).toBe(0));
    expect(events.find((event) => event.sipCallId === taken?.sipCallId && event.phase === 'offered')).toMatchObject({ linkedSipCallId: consultation.snapshot.sipCallId });
    const consultationRecord = mockCallRecords.all().find((record) => record.sipCallId === consultation.snapshot.sipCallId && record.direction === 'inbound');
    expect(recordOf(taken?.sipCallId ?? '')).toMatchObject({ linkedCallId: consultationRecord?.id });
  });
});

describe('after-call work', () => {
  it('ends by itself when the policy timer runs out', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const tab = await signedInTab();
    tab.desk.getState().goAvailable();
    const caller = await customer();
    await answeredCall(tab, caller);
    await hangUp(caller);
    await vi.waitFor(() => expect(tab.desk.getState().agentState).toBe('after-call-work'));
    await vi.waitFor(() => expect(tab.desk.getState().pendingEvents).toBe(0));

    vi.advanceTimersByTime(119_000);
    expect(tab.desk.getState().agentState).toBe('after-call-work');
    vi.advanceTimersByTime(1_000);
    expect(tab.desk.getState()).toMatchObject({ agentState: 'available', current: undefined });
  });

  it('waits for the required record fields: the timer only marks it overdue, 後処理完了 works once they are filled', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const tab = await signedInTab();
    const fields = new RecordFields();
    tab.desk.getState().setWrapUpCheck(fields);
    tab.desk.getState().goAvailable();
    const caller = await customer();
    await answeredCall(tab, caller);
    await hangUp(caller);
    await vi.waitFor(() => expect(tab.desk.getState().agentState).toBe('after-call-work'));
    await vi.waitFor(() => expect(tab.desk.getState().pendingEvents).toBe(0));

    fields.fill('categoryId');
    expect(tab.desk.getState().wrapUpBlockers).toEqual(['dispositionId']);
    expect(tab.desk.getState().finishWrapUp()).toBe(false);
    vi.advanceTimersByTime(120_000);
    expect(tab.desk.getState()).toMatchObject({ agentState: 'after-call-work', afterCallWork: { overdue: true } });

    fields.fill('dispositionId');
    expect(tab.desk.getState().finishWrapUp()).toBe(true);
    expect(tab.desk.getState().agentState).toBe('available');
  });

  it('goes to the state chosen in advance: not ready for lunch chosen during the call', async () => {
    mockDeskPolicy.policy = { ...mockDeskPolicy.policy, afterCallWork: { autoAvailableAfterSeconds: null, requiredFields: [] } };
    const tab = await signedInTab();
    tab.desk.getState().goAvailable();
    const caller = await customer();
    await answeredCall(tab, caller);
    tab.desk.getState().goNotReady('lunch');
    expect(tab.desk.getState()).toMatchObject({ agentState: 'on-call', next: { state: 'not-ready', reason: 'lunch' } });
    await hangUp(caller);
    await vi.waitFor(() => expect(tab.desk.getState().agentState).toBe('after-call-work'));
    expect(tab.desk.getState().afterCallWork?.endsAt).toBeNull();

    expect(tab.desk.getState().finishWrapUp()).toBe(true);
    expect(tab.desk.getState()).toMatchObject({ agentState: 'not-ready', reason: 'lunch' });
    await vi.waitFor(() => expect(mockDatabase.agentStates.get(demoAccount('1001').id)).toMatchObject({ state: 'not-ready', reason: 'lunch' }));
  });

  it('returns a not-ready agent who made a call to not ready with their reason', async () => {
    mockDeskPolicy.policy = { ...mockDeskPolicy.policy, afterCallWork: { autoAvailableAfterSeconds: null, requiredFields: [] } };
    const tab = await signedInTab();
    tab.desk.getState().goNotReady('admin-work');
    const customerPhone = await customer();
    await tab.phone.getState().dial('2001');
    await vi.waitFor(() => expect(customerPhone.calls[0]?.state).toBe('incoming'));
    const incoming = customerPhone.calls[0];
    if (incoming) await customerPhone.answer(incoming);
    await vi.waitFor(() => expect(tab.desk.getState()).toMatchObject({ agentState: 'on-call', current: { direction: 'outbound', remoteNumber: '2001' } }));
    await hangUp(customerPhone);
    await vi.waitFor(() => expect(tab.desk.getState().agentState).toBe('after-call-work'));

    expect(tab.desk.getState().finishWrapUp()).toBe(true);
    expect(tab.desk.getState()).toMatchObject({ agentState: 'not-ready', reason: 'admin-work' });
  });
});

describe('backstop refusal in the browser', () => {
  it('refuses a call with 480 while not ready and with 486 during after-call work', async () => {
    const tab = await signedInTab();
    const caller = await customer();

    await caller.dial('1001');
    await vi.waitFor(() => expect(network.log.some((entry) => entry.message.startsWith('SIP/2.0 480'))).toBe(true));
    await vi.waitFor(() => expect(caller.calls).toHaveLength(0));
    expect(tab.phone.getState().calls).toHaveLength(0);
    expect(tab.desk.getState().current).toBeUndefined();

    tab.desk.getState().goAvailable();
    await answeredCall(tab, caller);
    await hangUp(caller);
    await vi.waitFor(() => expect(tab.desk.getState().agentState).toBe('after-call-work'));
    await caller.dial('1001');
    await vi.waitFor(() => expect(network.log.some((entry) => entry.message.startsWith('SIP/2.0 486'))).toBe(true));
    await vi.waitFor(() => expect(caller.calls).toHaveLength(0));
    expect(tab.phone.getState().calls).toHaveLength(0);
  });
});

describe('the state on the service', () => {
  it('is sent again while the service is down, the phone taking calls meanwhile', async () => {
    const tab = await signedInTab();
    await vi.waitFor(() => expect(tab.desk.getState().stateSync.kind).toBe('synced'));
    server.use(faults.unreachable('put', '/api/agents/me/state'));
    tab.desk.getState().goAvailable();
    expect(tab.phone.getState().incomingRefusal).toBeUndefined();
    await vi.waitFor(() => expect(tab.desk.getState().stateSync.kind).toBe('retrying'));
    expect(mockDatabase.agentStates.get(demoAccount('1001').id)?.state).toBe('not-ready');

    server.resetHandlers();
    await vi.waitFor(() => expect(tab.desk.getState().stateSync.kind).toBe('synced'));
    expect(mockDatabase.agentStates.get(demoAccount('1001').id)?.state).toBe('available');
  });

  it('says so when the service refuses a not-ready reason', async () => {
    const tab = await signedInTab();
    mockDeskPolicy.policy = { ...mockDeskPolicy.policy, notReadyReasons: [] };
    tab.desk.getState().goNotReady('training');
    await vi.waitFor(() => expect(tab.desk.getState().stateSync).toMatchObject({ kind: 'refused', change: { state: 'not-ready', reason: 'training' }, error: { status: 400 } }));
  });

  it('is restored from the service after a reload', async () => {
    const storage = memoryStorage();
    const first = await signedInTab(storage);
    first.desk.getState().goNotReady('meeting');
    await vi.waitFor(() => expect(first.desk.getState().stateSync.kind).toBe('synced'));
    const since = mockDatabase.agentStates.get(demoAccount('1001').id)?.since;
    await first.phone.getState().signOut();
    tabs = tabs.filter((tab) => tab !== first);

    const second = openTab(storage);
    await second.session.getState().restore();
    await vi.waitFor(() => expect(second.desk.getState()).toMatchObject({ agentState: 'not-ready', reason: 'meeting', since }));
    expect(second.phone.getState().incomingRefusal).toBe(480);
  });

  it('goes offline on sign-out and stops refusing calls for the direct SIP form', async () => {
    const tab = await signedInTab();
    tab.desk.getState().goAvailable();
    await tab.session.getState().signOut();
    expect(tab.desk.getState().agentState).toBe('offline');
    expect(tab.phone.getState().incomingRefusal).toBeUndefined();
    expect(mockDatabase.agentStates.get(demoAccount('1001').id)?.state).toBe('offline');
  });
});
