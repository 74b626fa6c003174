import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSipNetwork } from '../testing/sip/fake-sip-network';
import { createTestPhone, registered } from '../testing/sip/test-phones';
import { estimateMos, type CallQuality, type Phone } from '../telephony';
import { createPhoneStore, type PhoneStore } from './phone-store';

let network: FakeSipNetwork;
const cleanups: (() => Promise<void>)[] = [];

interface Recorded {
  readonly store: PhoneStore;
  readonly monitors: { started: number; stopped: number; report: (quality: CallQuality) => void }[];
  readonly inputs: (string | undefined)[];
  readonly outputs: (string | undefined)[];
  failInput: Error | undefined;
}

function agentStore(): Recorded {
  const recorded: Recorded = {
    store: undefined as unknown as PhoneStore,
    monitors: [],
    inputs: [],
    outputs: [],
    failInput: undefined,
  };
  const store = createPhoneStore({
    createPhone: (options) => {
      const { phone } = createTestPhone(network, options.user, options);
      phone.setAudioInput = (deviceId) => {
        recorded.inputs.push(deviceId);
        return recorded.failInput ? Promise.reject(recorded.failInput) : Promise.resolve();
      };
      phone.setAudioOutput = (deviceId) => {
        recorded.outputs.push(deviceId);
        return Promise.resolve();
      };
      return phone;
    },
    tones: { unlock: () => undefined, play: () => undefined, stop: () => undefined },
    storage: undefined,
    mark: () => undefined,
    monitorQuality: (_call, onQuality) => {
      const monitor = { started: 0, stopped: 0, report: onQuality };
      recorded.monitors.push(monitor);
      return { start: () => void (monitor.started += 1), stop: () => void (monitor.stopped += 1) };
    },
  });
  cleanups.push(() => store.getState().signOut());
  return Object.assign(recorded, { store });
}

async function signedIn(store: PhoneStore, user = '1001'): Promise<void> {
  store.getState().signIn({ server: 'ws://fake.invalid', domain: 'test.invalid', user, password: 'x', displayName: user, dtmfMode: 'rfc4733' });
  await vi.waitFor(() => expect(store.getState().registration.name).toBe('registered'));
}

async function phoneOf(user: string): Promise<Phone> {
  const { phone } = createTestPhone(network, user);
  cleanups.push(() => phone.stop());
  return registered(phone);
}

async function answeredCallFrom(store: PhoneStore, caller: Phone): Promise<string> {
  await caller.dial('1001');
  await vi.waitFor(() => expect(store.getState().calls[0]?.state).toBe('incoming'));
  const callId = store.getState().calls[0]?.id ?? '';
  await store.getState().answer(callId);
  await vi.waitFor(() => expect(store.getState().calls[0]?.state).toBe('active'));
  return callId;
}

const sample = (rttMs: number): CallQuality => {
  const conditions = { rttMs, jitterMs: 5, lossFraction: 0 };
  return { ...conditions, mos: estimateMos(conditions), rating: 'good' };
};

beforeEach(() => {
  network = new FakeSipNetwork();
});

afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups.length = 0;
});

describe('phone store: call quality', () => {
  it('measures a call while it is connected and forgets it when it ends', async () => {
    const { store, monitors } = agentStore();
    await signedIn(store);
    const callId = await answeredCallFrom(store, await phoneOf('0312345678'));
    expect(monitors).toHaveLength(1);
    expect(monitors[0]?.started).toBe(1);
    monitors[0]?.report(sample(40));
    expect(store.getState().quality[callId]?.rttMs).toBe(40);
    await store.getState().hangup(callId);
    await vi.waitFor(() => expect(store.getState().calls).toHaveLength(0));
    expect(monitors[0]?.stopped).toBe(1);
    expect(store.getState().quality).toEqual({});
    // A late reading of an ended call is dropped.
    monitors[0]?.report(sample(90));
    expect(store.getState().quality).toEqual({});
  });
});

describe('phone store: audio devices', () => {
  it('applies the chosen devices to the phone of the next sign-in and to the current one', async () => {
    const { store, inputs, outputs } = agentStore();
    await store.getState().setAudioDevices({ microphoneId: 'mic-headset', speakerId: 'spk-headset' });
    await signedIn(store);
    expect(inputs).toEqual(['mic-headset']);
    expect(outputs).toEqual(['spk-headset']);
    await store.getState().setAudioDevices({ microphoneId: undefined, speakerId: 'spk-headset' });
    expect(inputs).toEqual(['mic-headset', undefined]);
    expect(outputs).toEqual(['spk-headset']);
  });

  it('explains a microphone that cannot be opened', async () => {
    const recorded = agentStore();
    await signedIn(recorded.store);
    recorded.failInput = new Error('Requested device not found');
    await recorded.store.getState().setAudioDevices({ microphoneId: 'mic-gone', speakerId: undefined });
    expect(recorded.store.getState().notices.at(-1)).toMatchObject({ kind: 'device-failed', device: 'microphone', message: 'Requested device not found' });
  });
});

describe('phone store: transfer', () => {
  it('reports an accepted transfer and the call leaves the screen', async () => {
    const { store } = agentStore();
    await signedIn(store);
    const colleague = await phoneOf('1003');
    const callId = await answeredCallFrom(store, await phoneOf('0312345678'));
    const colleagueRings = new Promise((resolve) => colleague.once('incoming', resolve));
    await store.getState().transfer(callId, '1003');
    await colleagueRings;
    await vi.waitFor(() => expect(store.getState().calls).toHaveLength(0));
    expect(store.getState().notices.find((notice) => notice.kind === 'transfer')).toMatchObject({
      outcome: { kind: 'accepted', target: 'sip:1003@test.invalid' },
      remote: 'Agent 0312345678',
    });
  });

  it('turns an undialable target into a notice instead of throwing', async () => {
    const { store } = agentStore();
    await signedIn(store);
    const callId = await answeredCallFrom(store, await phoneOf('0312345678'));
    await store.getState().transfer(callId, '転送先');
    expect(store.getState().notices.at(-1)).toMatchObject({ kind: 'command-failed' });
    expect(store.getState().calls[0]?.state).toBe('active');
  });
});
