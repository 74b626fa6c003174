import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useLocaleStore } from '../../i18n/locale-store';
import { createPhoneStore, type PhoneStore } from '../../stores/phone-store';
import { PhoneStoreProvider } from '../../stores/phone-store-context';
import { createQueueStore, type QueueStore } from '../../stores/queue-store';
import { QueueStoreProvider } from '../../stores/queue-store-context';
import { faults } from '../../testing/msw/faults';
import { installMockService } from '../../testing/msw/install-mock-service';
import { server } from '../../testing/msw/server';
import { signedInClient } from '../../testing/msw/signed-in-client';
import { FakeSipNetwork, type FakeTransport } from '../../testing/sip/fake-sip-network';
import { createTestPhone, registered } from '../../testing/sip/test-phones';
import type { Phone } from '../../telephony';
import { Softphone } from './softphone';

installMockService();

/** Stands for Kamailio: writes the queue a call was routed through into the INVITE to the agent. */
class QueueRoutingNetwork extends FakeSipNetwork {
  queueNumber: string | undefined;

  override deliver(from: FakeTransport, message: string): void {
    const queue = this.queueNumber;
    super.deliver(from, message.startsWith('INVITE ') && queue !== undefined ? message.replace('\r\n', `\r\nX-Tsunagu-Queue: ${queue}\r\n`) : message);
  }
}

let network: QueueRoutingNetwork;
const cleanups: (() => Promise<void>)[] = [];

/** Agent 1001's softphone, with the queues of the signed-in demo user `queuesOf` (or none: direct SIP). */
async function agentSoftphone(queuesOf: string | undefined): Promise<{ phone: PhoneStore; queues: QueueStore }> {
  const client = queuesOf === undefined ? undefined : (await signedInClient(queuesOf)).client;
  const queues = createQueueStore({ client });
  const phone = createPhoneStore({
    createPhone: (options) => createTestPhone(network, options.user, options).phone,
    tones: { unlock: () => undefined, play: () => undefined, stop: () => undefined },
    storage: undefined,
    mark: () => undefined,
  });
  cleanups.push(() => phone.getState().signOut());
  const softphone = (
    <main>
      <Softphone defaults={{ server: 'ws://fake.invalid', domain: 'test.invalid' }} />
    </main>
  );
  render(<PhoneStoreProvider store={phone}>{queuesOf === undefined ? softphone : <QueueStoreProvider store={queues}>{softphone}</QueueStoreProvider>}</PhoneStoreProvider>);
  phone.getState().signIn({ server: 'ws://fake.invalid', domain: 'test.invalid', user: '1001', password: 'x', displayName: '佐藤 花子', dtmfMode: 'rfc4733' });
  await waitFor(() => expect(screen.getByTestId('phone-status').dataset.state).toBe('registered'));
  return { phone, queues };
}

/** An outside caller (through the gateway) whose call Kamailio routes to 1001 through `queueNumber`. */
async function callThroughQueue(queueNumber: string | undefined): Promise<Phone> {
  network.queueNumber = queueNumber;
  const { phone } = createTestPhone(network, '0312345678');
  cleanups.push(() => phone.stop());
  await registered(phone);
  await phone.dial('1001');
  await screen.findByTestId('incoming-call');
  return phone;
}

async function expectNoAxeViolations(): Promise<void> {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);
}

beforeEach(() => {
  network = new QueueRoutingNetwork();
  useLocaleStore.getState().setLocale('ja');
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('a call that came through a queue', () => {
  it('names the queue on the ringing banner and on the call once answered, in Japanese and English', async () => {
    await agentSoftphone('1001');
    const caller = await callThroughQueue('2001');
    await waitFor(() => expect(screen.getByTestId('incoming-queue').textContent).toBe('キュー: 東京窓口 (2001)'));
    await expectNoAxeViolations();

    await userEvent.setup().click(screen.getByTestId('incoming-answer'));
    await waitFor(() => expect(caller.calls[0]?.state).toBe('active'));
    expect(screen.getByTestId('call-queue').textContent).toBe('キュー: 東京窓口 (2001)');
    useLocaleStore.getState().setLocale('en');
    await waitFor(() => expect(screen.getByTestId('call-queue').textContent).toBe('Queue: Tokyo desk (2001)'));
    await expectNoAxeViolations();
  });

  it('shows the number alone for a queue the agent does not take', async () => {
    const { queues } = await agentSoftphone('1001');
    // 大阪サポート is not one of 1001's queues.
    await callThroughQueue('2003');
    await waitFor(() => expect(queues.getState().status).toBe('loaded'));
    expect(screen.getByTestId('incoming-queue').textContent).toBe('キュー: 2003');
  });

  it('shows the number alone when the service cannot list the queues', async () => {
    server.use(faults.serverError('get', '/api/queues'));
    const { queues } = await agentSoftphone('1001');
    await callThroughQueue('2001');
    await waitFor(() => expect(queues.getState().status).toBe('failed'));
    expect(screen.getByTestId('incoming-queue').textContent).toBe('キュー: 2001');
  });

  it('shows the number on the direct-SIP softphone, which has no CTI session', async () => {
    await agentSoftphone(undefined);
    await callThroughQueue('2002');
    expect(screen.getByTestId('incoming-queue').textContent).toBe('キュー: 2002');
  });

  it('shows no queue for a call not routed through one', async () => {
    await agentSoftphone('1001');
    await callThroughQueue(undefined);
    expect(screen.getByTestId('incoming-caller').textContent).toContain('0312345678');
    expect(screen.queryByTestId('incoming-queue')).toBeNull();
  });
});
