import { vi } from 'vitest';
import { Phone } from '../../telephony/phone';
import type { PhoneOptions } from '../../telephony/phone-options';
import { FakeAudioSink, fakeMediaFactory } from './fake-media';
import { FakeSipNetwork, FakeTransport } from './fake-sip-network';

/** A phone on a fake network, with its audio sinks exposed. */
export interface TestPhone {
  readonly phone: Phone;
  readonly sinks: FakeAudioSink[];
}

/**
 * Builds a phone for user `user` on `network`, with fake transport, media and audio.
 * @param overrides - any {@link PhoneOptions} to change for this test.
 */
export function createTestPhone(network: FakeSipNetwork, user: string, overrides: Partial<PhoneOptions> = {}): TestPhone {
  const sinks: FakeAudioSink[] = [];
  class NetworkTransport extends FakeTransport {
    constructor(logger: unknown) {
      super(logger, { network });
    }
  }
  const phone = new Phone({
    server: 'ws://fake.invalid',
    user,
    domain: 'test.invalid',
    password: `secret-${user}`,
    displayName: `Agent ${user}`,
    reconnect: { initialDelayMs: 5, maxDelayMs: 40, jitter: 0 },
    transportConstructor: NetworkTransport,
    sessionDescriptionHandlerFactory: fakeMediaFactory,
    audioSinkFactory: () => {
      const sink = new FakeAudioSink();
      sinks.push(sink);
      return sink;
    },
    ...overrides,
  });
  return { phone, sinks };
}

/** Starts a phone and waits until it is registered. */
export async function registered(phone: Phone): Promise<Phone> {
  phone.start();
  await vi.waitFor(() => {
    if (phone.state.name !== 'registered') throw new Error(`phone is ${phone.state.name}`);
  });
  return phone;
}
