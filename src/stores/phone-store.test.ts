import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSipNetwork } from '../testing/sip/fake-sip-network';
import { createTestPhone } from '../testing/sip/test-phones';
import type { Phone, Tone } from '../telephony';
import { createPhoneStore, type PhoneCredentials, type PhoneStore } from './phone-store';

class RecordingTones {
  readonly played: (Tone | 'stop')[] = [];
  unlocked = false;
  unlock(): void {
    this.unlocked = true;
  }
  play(tone: Tone): void {
    if (this.played.at(-1) !== tone) this.played.push(tone);
  }
  stop(): void {
    if (this.played.length > 0 && this.played.at(-1) !== 'stop') this.played.push('stop');
  }
}

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

const credentials = (user: string): PhoneCredentials => ({
  server: 'ws://fake.invalid',
  domain: 'test.invalid',
  user,
  password: `secret-${user}`,
  displayName: `Agent ${user}`,
  dtmfMode: 'rfc4733',
});

let network: FakeSipNetwork;
const stores: PhoneStore[] = [];

function storeFor(tones = new RecordingTones(), storage = memoryStorage()): PhoneStore {
  const store = createPhoneStore({
    createPhone: (options): Phone => createTestPhone(network, options.user, options).phone,
    tones,
    storage,
    mark: () => undefined,
  });
  stores.push(store);
  return store;
}

async function signedIn(store: PhoneStore, user: string): Promise<void> {
  store.getState().signIn(credentials(user));
  await vi.waitFor(() => expect(store.getState().registration.name).toBe('registered'));
}

beforeEach(() => {
  network = new FakeSipNetwork();
});

afterEach(async () => {
  await Promise.all(stores.map((store) => store.getState().signOut()));
  stores.length = 0;
});

describe('phone store', () => {
  it('remembers the settings but never the password', async () => {
    const storage = memoryStorage();
    const store = storeFor(new RecordingTones(), storage);
    await signedIn(store, '1001');
    const saved = [...storage.data.values()].join();
    expect(saved).toContain('1001');
    expect(saved).not.toContain('secret-1001');
    expect(storeFor(new RecordingTones(), storage).getState().settings).toMatchObject({ user: '1001', server: 'ws://fake.invalid' });
  });

  it('rings, plays ringback to the caller, and stops both once answered', async () => {
    const callerTones = new RecordingTones();
    const calleeTones = new RecordingTones();
    const caller = storeFor(callerTones);
    const callee = storeFor(calleeTones);
    await signedIn(caller, '1001');
    await signedIn(callee, '1002');
    await caller.getState().dial('1002');
    await vi.waitFor(() => expect(callee.getState().calls[0]?.state).toBe('incoming'));
    await vi.waitFor(() => expect(caller.getState().calls[0]?.state).toBe('ringing'));
    expect(calleeTones.played).toEqual(['ringtone']);
    expect(callerTones.played).toEqual(['ringback']);
    const incomingId = callee.getState().calls[0]?.id ?? '';
    await callee.getState().answer(incomingId);
    await vi.waitFor(() => expect(caller.getState().calls[0]?.state).toBe('active'));
    await vi.waitFor(() => expect(calleeTones.played).toEqual(['ringtone', 'stop']));
    expect(callerTones.played).toEqual(['ringback', 'stop']);
  });

  it('records why the call ended as a notice and drops the call', async () => {
    const caller = storeFor();
    await signedIn(caller, '1001');
    await caller.getState().dial('9999');
    await vi.waitFor(() => expect(caller.getState().notices).toHaveLength(1));
    expect(caller.getState().notices[0]).toMatchObject({ kind: 'call-ended', reason: { kind: 'rejected', status: 404 } });
    expect(caller.getState().calls).toHaveLength(0);
  });

  it('turns a refused command into a notice instead of throwing', async () => {
    const store = storeFor();
    await store.getState().dial('1002');
    expect(store.getState().notices[0]).toMatchObject({ kind: 'command-failed' });
  });

  it('signs out: unregistered, no calls', async () => {
    const store = storeFor();
    await signedIn(store, '1001');
    await store.getState().signOut();
    expect(store.getState()).toMatchObject({ signedIn: false, registration: { name: 'unregistered' }, calls: [] });
  });
});
