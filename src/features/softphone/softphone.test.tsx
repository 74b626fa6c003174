import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useLocaleStore } from '../../i18n/locale-store';
import { createPhoneStore, type PhoneStore } from '../../stores/phone-store';
import { PhoneStoreProvider } from '../../stores/phone-store-context';
import { FakeSipNetwork } from '../../testing/sip/fake-sip-network';
import { createTestPhone } from '../../testing/sip/test-phones';
import { Softphone } from './softphone';

let network: FakeSipNetwork;

function renderSoftphone(): PhoneStore {
  const store = createPhoneStore({
    createPhone: (options) => createTestPhone(network, options.user, options).phone,
    tones: { unlock: () => undefined, play: () => undefined, stop: () => undefined },
    storage: undefined,
    mark: () => undefined,
  });
  render(
    <PhoneStoreProvider store={store}>
      <Softphone defaults={{ server: 'ws://127.0.0.1:5066', domain: '127.0.0.1' }} />
    </PhoneStoreProvider>,
  );
  return store;
}

beforeEach(() => {
  network = new FakeSipNetwork();
  useLocaleStore.getState().setLocale('en');
});

describe('Softphone', () => {
  it('explains each invalid sign-in field and does not register', async () => {
    const store = renderSoftphone();
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('SIP server (WebSocket URL)'));
    await user.type(screen.getByLabelText('SIP server (WebSocket URL)'), 'http://wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter a URL starting with ws:// or wss://')).toBeTruthy();
    expect(screen.getAllByText('Required')).toHaveLength(2);
    expect(store.getState().signedIn).toBe(false);
  });

  it('signs in, shows Ready, and shows the reason when a dialled user does not exist', async () => {
    renderSoftphone();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('User (extension)'), '1001');
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByTestId('phone-status').dataset.state).toBe('registered'));
    expect(screen.getByText('Ready')).toBeTruthy();
    await user.type(screen.getByLabelText('Number to call'), '9999');
    await user.click(screen.getByRole('button', { name: 'Call' }));
    await waitFor(() => expect(screen.getByText('No such user or number (404)')).toBeTruthy());
  });

  it('shows why registration failed in Japanese', async () => {
    useLocaleStore.getState().setLocale('ja');
    network.registerStatus = 403;
    renderSoftphone();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('ユーザー (内線番号)'), '1001');
    await user.type(screen.getByLabelText('パスワード'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'サインイン' }));
    await waitFor(() => expect(screen.getByTestId('phone-status-detail').textContent).toBe('認証に失敗しました (SIP 403)。ユーザーとパスワードを確認してください。'));
  });
});
