import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeMedia } from '../testing/sip/fake-media';
import { FakeSipNetwork, type FakeTransport } from '../testing/sip/fake-sip-network';
import { createTestPhone, registered, type TestPhone } from '../testing/sip/test-phones';
import type { Call } from './call';
import { readQueueNumber } from './queue-header';

/** Stands for Kamailio: writes `X-Tsunagu-Queue` (or any header) into the INVITEs it routes to an agent. */
class QueueRoutingNetwork extends FakeSipNetwork {
  addedHeader: string | undefined;

  override deliver(from: FakeTransport, message: string): void {
    const header = this.addedHeader;
    const invite = message.startsWith('INVITE ');
    super.deliver(from, invite && header !== undefined ? message.replace('\r\n', `\r\n${header}\r\n`) : message);
  }
}

let network: QueueRoutingNetwork;
const phones: TestPhone[] = [];

async function incomingWith(header: string | undefined): Promise<Call> {
  network.addedHeader = header;
  const customer = createTestPhone(network, '0312345678');
  const agent = createTestPhone(network, '1002');
  phones.push(customer, agent);
  await registered(customer.phone);
  await registered(agent.phone);
  const ringing = new Promise<Call>((resolve) => agent.phone.once('incoming', resolve));
  await customer.phone.dial('1002');
  return ringing;
}

beforeEach(() => {
  network = new QueueRoutingNetwork();
  FakeMedia.all.length = 0;
});

afterEach(async () => {
  await Promise.all(phones.map(({ phone }) => phone.stop()));
  phones.length = 0;
});

describe('a call routed through a queue', () => {
  it('carries the queue number Kamailio wrote into the INVITE', async () => {
    const call = await incomingWith('X-Tsunagu-Queue: 2001');
    expect(call.snapshot).toMatchObject({ direction: 'incoming', remoteUser: '0312345678', queueNumber: '2001' });
  });

  it('has no queue when the INVITE names none, or names something that is no queue number', async () => {
    expect((await incomingWith(undefined)).snapshot.queueNumber).toBeUndefined();
    await Promise.all(phones.map(({ phone }) => phone.stop()));
    phones.length = 0;
    expect((await incomingWith('X-Tsunagu-Queue: <script>')).snapshot.queueNumber).toBeUndefined();
  });

  it('accepts digits only, 1 to 16 of them', () => {
    expect(readQueueNumber(' 2003 ')).toBe('2003');
    expect(readQueueNumber('1234567890123456')).toBe('1234567890123456');
    expect(readQueueNumber('12345678901234567')).toBeUndefined();
    expect(readQueueNumber('')).toBeUndefined();
    expect(readQueueNumber('20 01')).toBeUndefined();
    expect(readQueueNumber('+2001')).toBeUndefined();
    expect(readQueueNumber(undefined)).toBeUndefined();
  });
});
