import { act, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLocaleStore } from '../../i18n/locale-store';
import { createPhoneStore, type PhoneStore } from '../../stores/phone-store';
import { PhoneStoreProvider } from '../../stores/phone-store-context';
import { createPreferencesStore, type PreferencesStore } from '../../stores/preferences-store';
import { PreferencesStoreProvider } from '../../stores/preferences-store-context';
import { FakeSipNetwork } from '../../testing/sip/fake-sip-network';
import { createTestPhone, registered } from '../../testing/sip/test-phones';
import type { Phone } from '../../telephony';
import { IncomingCallNotifier } from './incoming-call-notifier';

/** Stands in for the browser's Notification: records what was shown and closed. */
class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static readonly shown: FakeNotification[] = [];
  onclick: (() => void) | null = null;
  closed = false;

  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }

  close(): void {
    this.closed = true;
  }
}

let network: FakeSipNetwork;
let visibility: DocumentVisibilityState;
const cleanups: (() => Promise<void>)[] = [];

function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

function preferences(desktopNotifications: boolean): PreferencesStore {
  const store = createPreferencesStore({
    storage: undefined,
    devices: { canChooseOutput: false, list: () => Promise.resolve({ inputs: [], outputs: [] }), onChange: () => () => undefined },
    openMicrophone: () => Promise.reject(new Error('no microphone in this test')),
    createLevelMeter: () => ({ start: () => undefined, stop: () => undefined }),
  });
  store.getState().setDesktopNotifications(desktopNotifications);
  return store;
}

async function agentWithNotifier(desktopNotifications = true): Promise<PhoneStore> {
  const store = createPhoneStore({
    createPhone: (options) => createTestPhone(network, options.user, options).phone,
    tones: { unlock: () => undefined, play: () => undefined, stop: () => undefined },
    storage: undefined,
    mark: () => undefined,
  });
  cleanups.push(() => store.getState().signOut());
  render(
    <PhoneStoreProvider store={store}>
      <PreferencesStoreProvider store={preferences(desktopNotifications)}>
        <IncomingCallNotifier />
      </PreferencesStoreProvider>
    </PhoneStoreProvider>,
  );
  store.getState().signIn({ server: 'ws://fake.invalid', domain: 'test.invalid', user: '1001', password: 'x', displayName: '1001', dtmfMode: 'rfc4733' });
  await waitFor(() => expect(store.getState().registration.name).toBe('registered'));
  return store;
}

async function customerCalls(store: PhoneStore): Promise<Phone> {
  const { phone } = createTestPhone(network, '0312345678', { displayName: '山田 太郎' });
  cleanups.push(() => phone.stop());
  await registered(phone);
  await phone.dial('1001');
  await waitFor(() => expect(store.getState().calls[0]?.state).toBe('incoming'));
  return phone;
}

beforeEach(() => {
  network = new FakeSipNetwork();
  useLocaleStore.getState().setLocale('ja');
  FakeNotification.shown.length = 0;
  FakeNotification.permission = 'granted';
  visibility = 'visible';
  vi.stubGlobal('Notification', FakeNotification);
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
});

afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups.length = 0;
  vi.unstubAllGlobals();
});

describe('desktop notification of an incoming call', () => {
  it('is not shown while the agent can see the tab', async () => {
    const store = await agentWithNotifier();
    await customerCalls(store);
    expect(FakeNotification.shown).toHaveLength(0);
  });

  it('is shown while the tab is hidden, in Japanese, and a click brings the tab back', async () => {
    const store = await agentWithNotifier();
    setVisibility('hidden');
    await customerCalls(store);
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    const [notification] = FakeNotification.shown;
    expect(notification?.title).toBe('着信: 山田 太郎 (0312345678)');
    expect(notification?.options.requireInteraction).toBe(true);
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    notification?.onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(notification?.closed).toBe(true);
  });

  it('appears when the agent hides the tab while a call rings, and goes once the call is answered', async () => {
    const store = await agentWithNotifier();
    await customerCalls(store);
    expect(FakeNotification.shown).toHaveLength(0);
    setVisibility('hidden');
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    await store.getState().answer(store.getState().calls[0]?.id ?? '');
    await waitFor(() => expect(FakeNotification.shown[0]?.closed).toBe(true));
  });

  it('is not shown when the agent turned notifications off', async () => {
    const off = await agentWithNotifier(false);
    setVisibility('hidden');
    await customerCalls(off);
    expect(FakeNotification.shown).toHaveLength(0);
  });

  it('is not shown without the browser’s permission', async () => {
    FakeNotification.permission = 'denied';
    const store = await agentWithNotifier();
    setVisibility('hidden');
    await customerCalls(store);
    expect(FakeNotification.shown).toHaveLength(0);
  });
});
