import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useLocaleStore } from '../../i18n/locale-store';
import type { Locale } from '../../i18n/i18n';
import { createPhoneStore, type PhoneStore } from '../../stores/phone-store';
import { PhoneStoreProvider } from '../../stores/phone-store-context';
import { FakeSipNetwork, type FakeTransport } from '../../testing/sip/fake-sip-network';
import { createTestPhone } from '../../testing/sip/test-phones';
import { Softphone } from './softphone';

/** A final response to an INVITE, as the PBX refuses a call. */
interface Refusal {
  readonly status: number;
  readonly reason: string;
}

/**
 * Stands for Kamailio refusing calls the way pbx/kamailio does: route[OUTBOUND] answers a malformed
 * outside number 484 and, without a usable gateway, 503; a queue answers 480 with its reason phrase.
 */
class RefusingPbx extends FakeSipNetwork {
  readonly refusals = new Map<string, Refusal>();

  override deliver(from: FakeTransport, message: string): void {
    const user = /^INVITE sips?:([^@;>]+)@/.exec(message)?.[1];
    const refusal = user === undefined ? undefined : this.refusals.get(user);
    if (refusal === undefined) {
      super.deliver(from, message);
      return;
    }
    this.log.push({ from, message });
    const response = finalResponse(message, refusal);
    queueMicrotask(() => from.receive(response));
  }
}

/** The final response to `request`: its Via, From, Call-ID and CSeq, a To with our tag. */
function finalResponse(request: string, { status, reason }: Refusal): string {
  const lines = request.split('\r\n');
  const copy = (name: string): string[] => lines.filter((line) => line.toLowerCase().startsWith(`${name}:`));
  return [
    `SIP/2.0 ${status} ${reason}`,
    ...copy('via'),
    ...copy('from'),
    ...copy('to').map((line) => `${line};tag=pbx${status}`),
    ...copy('call-id'),
    ...copy('cseq'),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

let network: RefusingPbx;
let store: PhoneStore | undefined;

/** Agent 1001's softphone, registered on the fake PBX. */
async function agentSoftphone(): Promise<void> {
  const phone = createPhoneStore({
    createPhone: (options) => createTestPhone(network, options.user, options).phone,
    tones: { unlock: () => undefined, play: () => undefined, stop: () => undefined },
    storage: undefined,
    mark: () => undefined,
  });
  store = phone;
  render(
    <PhoneStoreProvider store={phone}>
      <Softphone defaults={{ server: 'ws://fake.invalid', domain: 'test.invalid' }} />
    </PhoneStoreProvider>,
  );
  phone.getState().signIn({ server: 'ws://fake.invalid', domain: 'test.invalid', user: '1001', password: 'x', displayName: '佐藤 花子', dtmfMode: 'rfc4733' });
  await waitFor(() => expect(screen.getByTestId('phone-status').dataset.state).toBe('registered'));
}

/** Dials `target` from the dial pad and returns the text of the notice that explains the end. */
async function dialAndReadWhyItEnded(target: string): Promise<string> {
  const user = userEvent.setup();
  await user.type(screen.getByTestId('dial-input'), target);
  await user.click(screen.getByTestId('dial-call'));
  const notice = await screen.findByTestId('phone-notice');
  expect(notice.dataset.kind).toBe('call-ended');
  return within(notice).getByText(/\(\d{3}\)/).textContent;
}

beforeEach(() => {
  network = new RefusingPbx();
  network.refusals.set('03*1234', { status: 484, reason: 'Address Incomplete' });
  network.refusals.set('0312345678', { status: 503, reason: 'No gateway to the phone network configured' });
  network.refusals.set('2009', { status: 480, reason: 'Closed' });
  network.refusals.set('2002', { status: 480, reason: 'Queue Wait Limit Reached' });
  network.refusals.set('1003', { status: 480, reason: 'Temporarily Unavailable' });
});

afterEach(async () => {
  await store?.getState().signOut();
  store = undefined;
});

const cases: readonly { readonly dialled: string; readonly what: string; readonly text: Readonly<Record<Locale, string>> }[] = [
  {
    dialled: '03*1234',
    what: 'a malformed outside number (484)',
    text: { ja: '番号が正しくありません。番号を確かめてかけ直してください (484)', en: 'The number is incomplete or not valid: check it and dial again (484)' },
  },
  {
    dialled: '0312345678',
    what: 'an outside number with no gateway (503)',
    text: { ja: '回線が利用できないため、つながりませんでした。しばらくしてからおかけ直しください (503)', en: 'No line is available for this call right now: try again later (503)' },
  },
  {
    dialled: '2009',
    what: 'a queue outside its business hours (480 Closed)',
    text: { ja: '受付時間外です (480)', en: 'Outside the queue’s business hours (480)' },
  },
  {
    dialled: '2002',
    what: 'a queue whose wait limit passed (480 Queue Wait Limit Reached)',
    text: { ja: 'ただいま混み合っております。しばらくしてからおかけ直しください (480)', en: 'The queue is busy and the wait limit was reached: try again later (480)' },
  },
  {
    dialled: '1003',
    what: 'a colleague who is not available (plain 480)',
    text: { ja: '相手は現在応答できません (480)', en: 'The other party is not available (480)' },
  },
];

describe('Softphone: why the PBX refused an outgoing call', () => {
  for (const locale of ['ja', 'en'] as const) {
    for (const { dialled, what, text } of cases) {
      it(`says so for ${what} in ${locale === 'ja' ? 'Japanese' : 'English'}`, async () => {
        useLocaleStore.getState().setLocale(locale);
        await agentSoftphone();
        expect(await dialAndReadWhyItEnded(dialled)).toBe(text[locale]);
        expect(screen.queryByText(/SIP \d{3}/)).toBeNull();
      });
    }
  }
});
