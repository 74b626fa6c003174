import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useLocaleStore } from '../../i18n/locale-store';
import { createPhoneStore, type PhoneStore } from '../../stores/phone-store';
import { PhoneStoreProvider, usePhone } from '../../stores/phone-store-context';
import { FakeSipNetwork } from '../../testing/sip/fake-sip-network';
import { createTestPhone, registered } from '../../testing/sip/test-phones';
import type { Phone } from '../../telephony';
import { KeyboardShortcuts } from './keyboard-shortcuts';
import { shortcutFor } from './shortcut-map';

let network: FakeSipNetwork;
const cleanups: (() => Promise<void>)[] = [];

function agentStore(): PhoneStore {
  const store = createPhoneStore({
    createPhone: (options) => createTestPhone(network, options.user, options).phone,
    tones: { unlock: () => undefined, play: () => undefined, stop: () => undefined },
    storage: undefined,
    mark: () => undefined,
  });
  cleanups.push(() => store.getState().signOut());
  return store;
}

async function customerPhone(): Promise<Phone> {
  const { phone } = createTestPhone(network, '0312345678');
  cleanups.push(() => phone.stop());
  return registered(phone);
}

/** Stands in for the softphone's transfer field of the call in progress (same id convention). */
function TransferField() {
  const call = usePhone((state) => state.calls.find((candidate) => candidate.state === 'active'));
  return call ? <input id={`transfer-target-${call.id}`} aria-label="Transfer to" /> : null;
}

/** The agent (1001) signed in, with the shortcuts mounted beside a search field and a notes field. */
async function desk(): Promise<PhoneStore> {
  const store = agentStore();
  render(
    <PhoneStoreProvider store={store}>
      <input id="faq-search-input" aria-label="FAQ search" />
      <input id="customer-search-input" aria-label="Customer search" />
      <textarea aria-label="Notes" />
      <TransferField />
      <KeyboardShortcuts />
    </PhoneStoreProvider>,
  );
  store.getState().signIn({ server: 'ws://fake.invalid', domain: 'test.invalid', user: '1001', password: 'x', displayName: '1001', dtmfMode: 'rfc4733' });
  await waitFor(() => expect(store.getState().registration.name).toBe('registered'));
  return store;
}

async function ringingCall(store: PhoneStore): Promise<void> {
  const customer = await customerPhone();
  await customer.dial('1001');
  await waitFor(() => expect(store.getState().calls[0]?.state).toBe('incoming'));
}

const callState = (store: PhoneStore) => store.getState().calls[0];

beforeEach(() => {
  network = new FakeSipNetwork();
  useLocaleStore.getState().setLocale('en');
});

afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups.length = 0;
});

describe('shortcut map', () => {
  const key = (code: string, altKey = true, key = '') => ({ key, code, altKey, ctrlKey: false, metaKey: false, shiftKey: false });

  it('maps Alt + letter by physical key, whatever the layout types', () => {
    expect(shortcutFor(key('KeyA', true, 'å'), true)).toBe('answer');
    expect(shortcutFor(key('KeyH'), false)).toBe('hangup');
    expect(shortcutFor(key('KeyO'), false)).toBe('hold');
    expect(shortcutFor(key('KeyM'), false)).toBe('mute');
    expect(shortcutFor(key('KeyT'), false)).toBe('transfer');
    expect(shortcutFor(key('KeyQ'), false)).toBe('faq');
    expect(shortcutFor(key('KeyC'), false)).toBe('customer');
  });

  it('leaves plain letters, Ctrl+Alt and Chrome’s Alt+F alone, and ? only outside text fields', () => {
    expect(shortcutFor(key('KeyA', false, 'a'), false)).toBeUndefined();
    expect(shortcutFor({ ...key('KeyA'), ctrlKey: true }, false)).toBeUndefined();
    expect(shortcutFor(key('KeyF'), false)).toBeUndefined();
    expect(shortcutFor({ ...key('Slash', false, '?'), shiftKey: true }, false)).toBe('help');
    expect(shortcutFor({ ...key('Slash', false, '?'), shiftKey: true }, true)).toBeUndefined();
  });
});

describe('keyboard shortcuts', () => {
  it('answers, mutes, holds, resumes and hangs up from the keyboard, even while typing notes', async () => {
    const store = await desk();
    await ringingCall(store);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Notes'));

    await user.keyboard('{Alt>}a{/Alt}');
    await waitFor(() => expect(callState(store)?.state).toBe('active'));
    await user.keyboard('{Alt>}m{/Alt}');
    expect(callState(store)?.muted).toBe(true);
    await user.keyboard('{Alt>}o{/Alt}');
    await waitFor(() => expect(callState(store)?.state).toBe('held'));
    await user.keyboard('{Alt>}o{/Alt}');
    await waitFor(() => expect(callState(store)?.state).toBe('active'));
    await user.keyboard('{Alt>}h{/Alt}');
    await waitFor(() => expect(store.getState().calls).toHaveLength(0));
    expect(store.getState().notices.at(-1)).toMatchObject({ kind: 'call-ended', reason: { kind: 'hangup', by: 'local' } });
    // Nothing was typed into the notes.
    expect(screen.getByLabelText<HTMLTextAreaElement>('Notes').value).toBe('');
  });

  it('goes to the transfer field of the call in progress, and does nothing without a call', async () => {
    const store = await desk();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Notes'));
    await user.keyboard('{Alt>}t{/Alt}');
    expect(document.activeElement).toBe(screen.getByLabelText('Notes'));
    await ringingCall(store);
    await user.keyboard('{Alt>}a{/Alt}');
    await waitFor(() => expect(callState(store)?.state).toBe('active'));
    await user.keyboard('{Alt>}t{/Alt}');
    expect(document.activeElement).toBe(screen.getByLabelText('Transfer to'));
  });

  it('declines a ringing call with the hang-up key', async () => {
    const store = await desk();
    await ringingCall(store);
    await userEvent.setup().keyboard('{Alt>}h{/Alt}');
    await waitFor(() => expect(store.getState().notices.at(-1)).toMatchObject({ kind: 'call-ended', reason: { kind: 'declined' } }));
  });

  it('moves focus to the FAQ and customer searches', async () => {
    await desk();
    const user = userEvent.setup();
    await user.keyboard('{Alt>}q{/Alt}');
    expect(document.activeElement).toBe(screen.getByLabelText('FAQ search'));
    await user.keyboard('{Alt>}c{/Alt}');
    expect(document.activeElement).toBe(screen.getByLabelText('Customer search'));
  });

  it('opens the help with ?, keeps focus inside, and closes with Escape back to where focus was', async () => {
    await desk();
    const user = userEvent.setup();
    const opener = screen.getByTestId('shortcut-help-open');
    opener.focus();
    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByText('Hold / resume')).toBeTruthy();
    const close = screen.getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    await user.tab();
    expect(document.activeElement).toBe(close);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('types ? into a text field instead of opening the help, and shows the help in Japanese', async () => {
    useLocaleStore.getState().setLocale('ja');
    await desk();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Notes'));
    await user.keyboard('?');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Notes').value).toBe('?');
    await user.click(screen.getByTestId('shortcut-help-open'));
    expect(screen.getByRole('dialog', { name: 'キーボードショートカット' })).toBeTruthy();
    expect(screen.getByText('保留 / 保留解除')).toBeTruthy();
  });
});
