import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMedia } from '../testing/sip/fake-media';
import { Md5 } from 'sip.js/lib/core/messages/md5.js';
import { FakeSipNetwork, type FakeTransport } from '../testing/sip/fake-sip-network';
import { createTestPhone, registered, type TestPhone } from '../testing/sip/test-phones';
import type { Call } from './call';
import type { CallStateName } from './call-state';
import type { Phone } from './phone';
import type { PhoneStateName } from './phone-state';
import { TelephonyException } from './telephony-exception';

let network: FakeSipNetwork;
const phones: TestPhone[] = [];

function phoneFor(user: string, overrides?: Parameters<typeof createTestPhone>[2]): TestPhone {
  const testPhone = createTestPhone(network, user, overrides);
  phones.push(testPhone);
  return testPhone;
}

function nextIncoming(phone: Phone): Promise<Call> {
  return new Promise((resolve) => phone.once('incoming', resolve));
}

async function until(call: Call, state: CallStateName): Promise<void> {
  await vi.waitFor(() => expect(call.state).toBe(state));
}

/** 1001 calls 1002; returns once 1002's phone offers the call. */
async function ringingPair(overrides: { alice?: Parameters<typeof createTestPhone>[2] } = {}): Promise<{ alice: TestPhone; bob: TestPhone; outgoing: Call; incoming: Call }> {
  const alice = phoneFor('1001', overrides.alice);
  const bob = phoneFor('1002');
  await registered(alice.phone);
  await registered(bob.phone);
  const ringing = nextIncoming(bob.phone);
  const outgoing = await alice.phone.dial('1002');
  const incoming = await ringing;
  return { alice, bob, outgoing, incoming };
}

async function connectedPair(): Promise<{ alice: TestPhone; bob: TestPhone; outgoing: Call; incoming: Call }> {
  const { alice, bob, outgoing, incoming } = await ringingPair();
  await bob.phone.answer(incoming);
  await until(outgoing, 'active');
  await until(incoming, 'active');
  return { alice, bob, outgoing, incoming };
}

beforeEach(() => {
  network = new FakeSipNetwork();
  FakeMedia.all.length = 0;
});

afterEach(async () => {
  await Promise.all(phones.map(({ phone }) => phone.stop()));
  phones.length = 0;
});

describe('registration', () => {
  it('connects, registers and reports each step', async () => {
    const { phone } = phoneFor('1001');
    const seen: PhoneStateName[] = [];
    phone.on('state', (state) => seen.push(state.name));
    await registered(phone);
    expect(seen).toEqual(['connecting', 'registering', 'registered']);
    expect(network.requestsSeen()).toContain('REGISTER');
  });

  it('fails with an auth reason when the registrar refuses the credentials', async () => {
    network.registerStatus = 403;
    const { phone } = phoneFor('1001');
    phone.start();
    await vi.waitFor(() => expect(phone.state).toEqual({ name: 'failed', failure: { kind: 'auth', status: 403 } }));
  });

  it('retries with backoff while the server is unreachable, then registers', async () => {
    network.reachable = false;
    const { phone } = phoneFor('1001');
    const attempts: number[] = [];
    phone.on('state', (state) => {
      if (state.name === 'reconnecting') attempts.push(state.attempt);
    });
    phone.start();
    await vi.waitFor(() => expect(attempts.length).toBeGreaterThanOrEqual(3));
    expect(attempts.slice(0, 3)).toEqual([1, 2, 3]);
    network.reachable = true;
    await vi.waitFor(() => expect(phone.state.name).toBe('registered'));
  });

  it('re-registers by itself after the server restarts, and can call again', async () => {
    const alice = phoneFor('1001');
    const bob = phoneFor('1002');
    await registered(alice.phone);
    await registered(bob.phone);
    const aliceStates: PhoneStateName[] = [];
    alice.phone.on('state', (state) => aliceStates.push(state.name));
    network.restart();
    await vi.waitFor(() => {
      expect(alice.phone.state.name).toBe('registered');
      expect(bob.phone.state.name).toBe('registered');
    });
    expect(aliceStates).toEqual(['reconnecting', 'connecting', 'registering', 'registered']);
    const ringing = nextIncoming(bob.phone);
    await alice.phone.dial('1002');
    await expect(ringing).resolves.toBeDefined();
  });

  it('stop() unregisters and leaves the phone unregistered', async () => {
    const { phone } = phoneFor('1001');
    await registered(phone);
    await phone.stop();
    expect(phone.state.name).toBe('unregistered');
    expect(network.log.some(({ message }) => /^REGISTER[\s\S]*expires=0/im.test(message) || /^REGISTER[\s\S]*Expires: 0/m.test(message))).toBe(true);
  });

  it('refuses a bad WebSocket URL as a configuration failure', () => {
    const { phone } = phoneFor('1001', { server: 'http://not-a-websocket' });
    phone.start();
    expect(phone.state).toMatchObject({ name: 'failed', failure: { kind: 'config' } });
  });
});

describe('calls', () => {
  it('rings the callee, connects both sides and hangs up from the caller', async () => {
    const { alice, bob, outgoing, incoming } = await connectedPair();
    expect(incoming.snapshot.remoteUser).toBe('1001');
    expect(incoming.snapshot.remoteDisplayName).toBe('Agent 1001');
    expect(outgoing.snapshot.sipCallId).toBe(incoming.snapshot.sipCallId);
    expect(outgoing.snapshot.connectedAt).toBeDefined();
    expect(alice.sinks[0]?.attached).toBe(true);
    await outgoing.hangup();
    await until(incoming, 'ended');
    await until(outgoing, 'ended');
    expect(outgoing.snapshot.endReason).toEqual({ kind: 'hangup', by: 'local' });
    expect(incoming.snapshot.endReason).toEqual({ kind: 'hangup', by: 'remote' });
    expect(alice.phone.calls).toHaveLength(0);
    expect(bob.phone.calls).toHaveLength(0);
  });

  it('releases media, audio and listeners when a call ends', async () => {
    const { alice, bob, outgoing, incoming } = await connectedPair();
    await incoming.hangup();
    await until(outgoing, 'ended');
    expect(outgoing.snapshot.endReason).toEqual({ kind: 'hangup', by: 'remote' });
    expect(FakeMedia.all.length).toBeGreaterThanOrEqual(2);
    expect(FakeMedia.all.every((media) => media.closed)).toBe(true);
    expect([...alice.sinks, ...bob.sinks].every((sink) => !sink.attached)).toBe(true);
    expect(outgoing.listenerCount).toBe(0);
    expect(incoming.listenerCount).toBe(0);
  });

  it('shows ringing to the caller before the answer', async () => {
    const alice = phoneFor('1001');
    const bob = phoneFor('1002');
    await registered(alice.phone);
    await registered(bob.phone);
    const outgoing = await alice.phone.dial('1002');
    await until(outgoing, 'ringing');
  });

  it('tells the caller the call was declined', async () => {
    const { outgoing, incoming } = await ringingPair();
    await incoming.reject();
    await until(outgoing, 'ended');
    expect(outgoing.snapshot.endReason).toMatchObject({ kind: 'rejected', status: 603 });
    expect(incoming.snapshot.endReason).toEqual({ kind: 'declined', status: 603 });
  });

  it('removes the callee banner when the caller cancels', async () => {
    const { outgoing, incoming } = await ringingPair();
    await until(outgoing, 'ringing');
    await outgoing.hangup();
    await until(incoming, 'ended');
    await until(outgoing, 'ended');
    expect(incoming.snapshot.endReason).toEqual({ kind: 'cancelled', by: 'remote' });
    expect(outgoing.snapshot.endReason).toEqual({ kind: 'cancelled', by: 'local' });
  });

  it('ends a call to an unknown user with 404', async () => {
    const alice = phoneFor('1001');
    await registered(alice.phone);
    const outgoing = await alice.phone.dial('9999');
    await until(outgoing, 'ended');
    expect(outgoing.snapshot.endReason).toMatchObject({ kind: 'rejected', status: 404 });
    expect(alice.phone.calls).toHaveLength(0);
  });

  it('refuses to dial when unregistered or when the target is not dialable', async () => {
    const alice = phoneFor('1001');
    await expect(alice.phone.dial('1002')).rejects.toMatchObject({ kind: 'not-registered' });
    await registered(alice.phone);
    await expect(alice.phone.dial('<script>')).rejects.toBeInstanceOf(TelephonyException);
    await expect(alice.phone.dial('   ')).rejects.toMatchObject({ kind: 'invalid-target' });
  });

  it('holds with an inactive offer and resumes with sendrecv; the other side sees both', async () => {
    const { outgoing, incoming } = await connectedPair();
    await outgoing.hold();
    await until(outgoing, 'held');
    await vi.waitFor(() => expect(incoming.snapshot.remoteHold).toBe(true));
    const [callerMedia] = FakeMedia.all;
    expect(callerMedia?.localDirection).toBe('inactive');
    await expect(outgoing.hold()).rejects.toMatchObject({ kind: 'invalid-state' });
    await outgoing.resume();
    await until(outgoing, 'active');
    await vi.waitFor(() => expect(incoming.snapshot.remoteHold).toBe(false));
    expect(callerMedia?.localDirection).toBe('sendrecv');
  });

  it('retries a hold refused with 491 when both sides hold at once (glare)', async () => {
    const { outgoing, incoming } = await connectedPair();
    await Promise.all([outgoing.hold(), incoming.hold()]);
    await vi.waitFor(
      () => {
        expect(outgoing.state).toBe('held');
        expect(incoming.state).toBe('held');
      },
      { timeout: 12_000, interval: 100 },
    );
    expect(network.log.some(({ message }) => message.startsWith('SIP/2.0 491'))).toBe(true);
    expect(outgoing.snapshot.holdPending || incoming.snapshot.holdPending).toBe(false);
  }, 15_000);

  it('mutes by disabling the sending track', async () => {
    const { outgoing } = await connectedPair();
    outgoing.setMuted(true);
    expect(outgoing.snapshot.muted).toBe(true);
    expect(FakeMedia.all[0]?.senderEnabled).toBe(false);
    outgoing.setMuted(false);
    expect(FakeMedia.all[0]?.senderEnabled).toBe(true);
  });

  it('sends RFC 4733 DTMF through the media layer and refuses non-tones', async () => {
    const { outgoing } = await connectedPair();
    await outgoing.sendDtmf('12#');
    expect(FakeMedia.all[0]?.dtmfSent).toEqual(['12#']);
    await expect(outgoing.sendDtmf('x')).rejects.toMatchObject({ kind: 'invalid-dtmf' });
  });

  it('sends SIP INFO DTMF in order when set to, and the callee receives each tone', async () => {
    const { bob, outgoing, incoming } = await ringingPair({ alice: { dtmfMode: 'info' } });
    const received: string[] = [];
    incoming.on('dtmf', (tone) => received.push(tone));
    await bob.phone.answer(incoming);
    await until(outgoing, 'active');
    await outgoing.sendDtmf('1*9#');
    await vi.waitFor(() => expect(received.join('')).toBe('1*9#'));
  });
});

describe('a second call', () => {
  it('is refused with 486 Busy Here when call waiting is off', async () => {
    const { bob } = await connectedPair();
    const carol = phoneFor('1003');
    await registered(carol.phone);
    const busy = new Promise<string>((resolve) => bob.phone.once('busy-rejected', resolve));
    const second = await carol.phone.dial('1002');
    await until(second, 'ended');
    expect(second.snapshot.endReason).toMatchObject({ kind: 'rejected', status: 486 });
    await expect(busy).resolves.toContain('1003');
  });

  it('is offered with call waiting; answering holds the first, switching swaps them', async () => {
    const alice = phoneFor('1001');
    const bob = phoneFor('1002', { callWaiting: true });
    const carol = phoneFor('1003');
    await Promise.all([registered(alice.phone), registered(bob.phone), registered(carol.phone)]);
    let ringing = nextIncoming(bob.phone);
    const fromAlice = await alice.phone.dial('1002');
    const first = await ringing;
    await bob.phone.answer(first);
    await until(fromAlice, 'active');
    ringing = nextIncoming(bob.phone);
    await carol.phone.dial('1002');
    const second = await ringing;
    expect(bob.phone.calls).toHaveLength(2);
    await bob.phone.answer(second);
    await until(second, 'active');
    expect(first.state).toBe('held');
    await vi.waitFor(() => expect(fromAlice.snapshot.remoteHold).toBe(true));
    await bob.phone.switchTo(first);
    await until(first, 'active');
    expect(second.state).toBe('held');
  });
});

/**
 * A registrar that challenges REGISTERs and checks the digest answer against the passwords it
 * currently accepts; like Kamailio's `www_challenge`, wrong or expired credentials get a new
 * 401 challenge.
 */
class ChallengingNetwork extends FakeSipNetwork {
  /** Digest user name → password. */
  readonly accepted = new Map<string, string>();
  /** Digest user names of the REGISTERs that were let through, in order. */
  readonly authenticatedAs: string[] = [];
  private nonces = 0;

  override deliver(from: FakeTransport, message: string): void {
    if (!message.startsWith('REGISTER ')) {
      super.deliver(from, message);
      return;
    }
    const authorization = headerOf(message, 'authorization') ?? '';
    const param = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(authorization)?.[1] ?? '';
    const username = param('username');
    const password = this.accepted.get(username);
    const ha1 = Md5.hashStr(`${username}:${param('realm')}:${password ?? ''}`);
    const expected = Md5.hashStr(`${ha1}:${param('nonce')}:${Md5.hashStr(`REGISTER:${param('uri')}`)}`);
    if (password === undefined || param('response') !== expected) {
      this.nonces += 1;
      this.answer(from, message, '401 Unauthorized', [`WWW-Authenticate: Digest realm="test.invalid", nonce="nonce-${this.nonces}", algorithm=MD5`]);
      return;
    }
    this.authenticatedAs.push(username);
    super.deliver(from, message);
  }

  private answer(to: FakeTransport, request: string, status: string, extra: string[]): void {
    const copied = ['via', 'from', 'to', 'call-id', 'cseq'].flatMap((name) => request.split('\r\n').filter((line) => line.toLowerCase().startsWith(`${name}:`)));
    const lines = copied.map((line) => (line.toLowerCase().startsWith('to:') && !line.includes(';tag=') ? `${line};tag=registrar` : line));
    const response = [`SIP/2.0 ${status}`, ...lines, ...extra, 'Content-Length: 0', '', ''].join('\r\n');
    queueMicrotask(() => to.receive(response));
  }
}

function headerOf(message: string, name: string): string | undefined {
  const head = message.split('\r\n\r\n')[0] ?? '';
  const line = head.split('\r\n').find((candidate) => candidate.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

describe('short-lived credentials', () => {
  let registrar: ChallengingNetwork;

  beforeEach(() => {
    registrar = new ChallengingNetwork();
    network = registrar;
    registrar.accepted.set('1000:1001', 'first-secret');
  });

  it('answers the next REGISTER refresh with credentials updated while registered', async () => {
    const { phone } = phoneFor('1001', { authorizationUser: '1000:1001', password: 'first-secret', registerExpiresSec: 1 });
    await registered(phone);
    expect(registrar.authenticatedAs).toEqual(['1000:1001']);

    registrar.accepted.clear();
    registrar.accepted.set('2000:1001', 'second-secret');
    phone.updateCredentials('2000:1001', 'second-secret');

    await vi.waitFor(() => expect(registrar.authenticatedAs).toContain('2000:1001'), { timeout: 3000 });
    expect(phone.state.name).toBe('registered');
  });

  it('fails with an auth reason when credentials expire without an update', async () => {
    const { phone } = phoneFor('1001', { authorizationUser: '1000:1001', password: 'first-secret', registerExpiresSec: 1 });
    await registered(phone);
    registrar.accepted.clear();
    await vi.waitFor(() => expect(phone.state).toEqual({ name: 'failed', failure: { kind: 'auth', status: 401 } }), { timeout: 3000 });
  });

  it('registers a restarted phone with the updated credentials', async () => {
    const { phone } = phoneFor('1001', { authorizationUser: '1000:1001', password: 'first-secret' });
    await registered(phone);
    await phone.stop();
    registrar.accepted.set('2000:1001', 'second-secret');
    registrar.accepted.delete('1000:1001');
    phone.updateCredentials('2000:1001', 'second-secret');
    await registered(phone);
    expect(registrar.authenticatedAs.at(-1)).toBe('2000:1001');
  });
});
