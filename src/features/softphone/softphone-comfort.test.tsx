import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useLocaleStore } from '../../i18n/locale-store';
import { createPhoneStore, type PhoneStore } from '../../stores/phone-store';
import { PhoneStoreProvider } from '../../stores/phone-store-context';
import { createPreferencesStore, type PreferencesStore } from '../../stores/preferences-store';
import { PreferencesStoreProvider } from '../../stores/preferences-store-context';
import { FakeSipNetwork } from '../../testing/sip/fake-sip-network';
import { createTestPhone, registered } from '../../testing/sip/test-phones';
import { estimateMos, rateMos, type AudioDevices, type Phone } from '../../telephony';
import { Softphone } from './softphone';

let network: FakeSipNetwork;
const cleanups: (() => Promise<void>)[] = [];

const lineConditions = { rttMs: 180, jitterMs: 25, lossFraction: 0.03 };
const lineMos = estimateMos(lineConditions);

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

const devices: AudioDevices = {
  inputs: [
    { deviceId: 'mic-internal', label: '内蔵マイク' },
    { deviceId: 'mic-headset', label: 'Jabra Evolve2 65' },
  ],
  outputs: [{ deviceId: 'spk-headset', label: 'Jabra Evolve2 65' }],
};

function preferencesStore(storage = memoryStorage()): PreferencesStore {
  return createPreferencesStore({
    storage,
    devices: { canChooseOutput: true, list: () => Promise.resolve(devices), onChange: () => () => undefined },
    openMicrophone: () => Promise.resolve({ getTracks: () => [] } as unknown as MediaStream),
    createLevelMeter: (_stream, onLevel) => ({ start: () => onLevel(0.42), stop: () => undefined }),
  });
}

/** The softphone of agent 1001 with stores whose quality and level come from fixed figures. */
async function agentSoftphone(preferences = preferencesStore()): Promise<{ store: PhoneStore; audioInputs: (string | undefined)[] }> {
  const audioInputs: (string | undefined)[] = [];
  const store = createPhoneStore({
    createPhone: (options) => {
      const { phone } = createTestPhone(network, options.user, options);
      const setAudioInput = phone.setAudioInput.bind(phone);
      phone.setAudioInput = (deviceId) => {
        audioInputs.push(deviceId);
        return setAudioInput(deviceId);
      };
      return phone;
    },
    tones: { unlock: () => undefined, play: () => undefined, stop: () => undefined },
    storage: undefined,
    mark: () => undefined,
    monitorQuality: (_call, onQuality) => ({ start: () => onQuality({ ...lineConditions, mos: lineMos, rating: rateMos(lineMos) }), stop: () => undefined }),
    meterLevel: (_stream, onLevel) => ({ start: () => onLevel(0.6), stop: () => undefined }),
  });
  cleanups.push(() => store.getState().signOut());
  render(
    <PhoneStoreProvider store={store}>
      <PreferencesStoreProvider store={preferences}>
        <main>
          <Softphone defaults={{ server: 'ws://fake.invalid', domain: 'test.invalid' }} />
        </main>
      </PreferencesStoreProvider>
    </PhoneStoreProvider>,
  );
  store.getState().signIn({ server: 'ws://fake.invalid', domain: 'test.invalid', user: '1001', password: 'x', displayName: '佐藤 花子', dtmfMode: 'rfc4733' });
  await waitFor(() => expect(screen.getByTestId('phone-status').dataset.state).toBe('registered'));
  return { store, audioInputs };
}

async function phoneOf(user: string): Promise<Phone> {
  const { phone } = createTestPhone(network, user);
  cleanups.push(() => phone.stop());
  return registered(phone);
}

/** A customer calls the agent, who answers on screen. */
async function answeredCall(): Promise<Phone> {
  const customer = await phoneOf('0312345678');
  await customer.dial('1001');
  await userEvent.setup().click(await screen.findByTestId('incoming-answer'));
  await waitFor(() => expect(screen.getByTestId('call-panel').dataset.state).toBe('active'));
  return customer;
}

async function expectNoAxeViolations(): Promise<void> {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);
}

beforeEach(() => {
  network = new FakeSipNetwork();
  useLocaleStore.getState().setLocale('en');
});

afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups.length = 0;
});

describe('softphone comfort', () => {
  it('shows the call quality band with its MOS and figures, and the microphone level', async () => {
    await agentSoftphone();
    await answeredCall();
    const quality = await screen.findByTestId('call-quality');
    await waitFor(() => expect(quality.dataset.mos).toBe(lineMos.toFixed(2)));
    // 180 ms round trip, 25 ms jitter, 3 % loss: R ≈ 79.2, just under "satisfied".
    expect(quality.dataset.rating).toBe('fair');
    expect(quality.textContent).toBe('Call quality: Fair');
    expect(screen.getByRole('tooltip').textContent).toBe(`Estimated MOS ${lineMos.toFixed(1)} / round trip 180 ms / jitter 25 ms / packet loss 3.0%`);
    const meter = screen.getByRole('meter', { name: 'Microphone level' });
    expect(meter.getAttribute('aria-valuenow')).toBe('60');
  });

  it('transfers the caller to a colleague from the call panel and says so', async () => {
    await agentSoftphone();
    const colleague = await phoneOf('1003');
    const colleagueRings = new Promise((resolve) => colleague.once('incoming', resolve));
    await answeredCall();
    const user = userEvent.setup();
    expect(screen.getByTestId('transfer-submit').hasAttribute('disabled')).toBe(true);
    await user.type(screen.getByLabelText('Transfer to'), '1003');
    await user.click(screen.getByTestId('transfer-submit'));
    await colleagueRings;
    const notice = await waitFor(() => {
      const found = screen.getAllByTestId('phone-notice').find((element) => element.dataset.kind === 'transfer');
      if (!found) throw new Error('no transfer notice yet');
      return found;
    });
    expect(notice.dataset.outcome).toBe('accepted');
    expect(notice.textContent).toContain('was transferred to 1003');
    await waitFor(() => expect(screen.queryByTestId('call-panel')).toBeNull());
  });

  it('consults a colleague (相談転送), swaps, and completes the transfer from the call panels', async () => {
    await agentSoftphone();
    const colleague = await phoneOf('1003');
    colleague.once('incoming', (call) => void colleague.answer(call));
    await answeredCall();
    const user = userEvent.setup();
    expect(screen.getByTestId('transfer-consult').hasAttribute('disabled')).toBe(true);
    await user.type(screen.getByLabelText('Transfer to'), '1003');
    await user.click(screen.getByRole('button', { name: 'Consult first' }));
    const customerPanel = await waitFor(() => {
      const panel = screen.getAllByTestId('call-panel').find((element) => element.dataset.consultation === 'customer');
      if (!panel) throw new Error('no customer panel in consultation');
      return panel;
    });
    await waitFor(() => expect(customerPanel.dataset.state).toBe('held'));
    expect(within(customerPanel).getByTestId('consultation-label').textContent).toBe('Consulting 1003 (the customer is on hold)');
    const consultationPanel = screen.getAllByTestId('call-panel').find((element) => element.dataset.consultation === 'consultation');
    if (!consultationPanel) throw new Error('no consultation panel');
    await waitFor(() => expect(consultationPanel.dataset.state).toBe('active'));
    expect(within(consultationPanel).getByTestId('consultation-label').textContent).toBe('Consultation about Agent 0312345678 (0312345678)');
    // Alt+T during the consultation lands on 転送完了 (the comfort feature focuses this id).
    expect(within(consultationPanel).getByRole('button', { name: 'Complete transfer' }).id).toBe(`transfer-target-${consultationPanel.dataset.callId ?? ''}`);
    await expectNoAxeViolations();

    await user.click(within(customerPanel).getByTestId('call-switch'));
    await waitFor(() => expect(customerPanel.dataset.state).toBe('active'));
    await waitFor(() => expect(consultationPanel.dataset.state).toBe('held'));

    await user.click(within(customerPanel).getByRole('button', { name: 'Complete transfer' }));
    const notice = await waitFor(() => {
      const found = screen.getAllByTestId('phone-notice').find((element) => element.dataset.kind === 'transfer');
      if (!found) throw new Error('no transfer notice yet');
      return found;
    });
    expect(notice.dataset.outcome).toBe('accepted');
    await waitFor(() => expect(screen.queryByTestId('call-panel')).toBeNull());
    await waitFor(() => expect(colleague.calls.map((call) => [call.snapshot.remoteUser, call.state])).toEqual([['0312345678', 'active']]));
    // Both legs ended as transferred: the transfer notice alone tells the agent.
    expect(screen.getAllByTestId('phone-notice').map((element) => element.dataset.kind)).toEqual(['transfer']);
  });

  it('completes before the colleague answers: says what will happen, then sends the customer there', async () => {
    await agentSoftphone();
    const colleague = await phoneOf('1003');
    const rings: string[] = [];
    colleague.on('incoming', (call) => rings.push(call.snapshot.remoteUser));
    await answeredCall();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Transfer to'), '1003');
    await user.click(screen.getByRole('button', { name: 'Consult first' }));
    await waitFor(() => expect(rings).toEqual(['1001']));
    const complete = within(screen.getAllByTestId('call-panel')[1] as HTMLElement).getByRole('button', { name: 'Complete transfer' });
    expect(document.getElementById(complete.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'No answer yet: Complete transfer now stops the consultation and sends the customer straight to 1003',
    );
    await user.click(complete);
    await waitFor(() => expect(rings).toEqual(['1001', '0312345678']));
    await waitFor(() => expect(screen.queryByTestId('call-panel')).toBeNull());
    const notice = screen.getAllByTestId('phone-notice').find((element) => element.dataset.kind === 'transfer');
    expect(notice?.dataset.outcome).toBe('accepted');
    expect(notice?.textContent).toContain('was transferred to 1003');
  });

  it('cancels a consultation and is back with the customer; a busy colleague brings the customer back with a notice', async () => {
    useLocaleStore.getState().setLocale('ja');
    await agentSoftphone();
    const colleague = await phoneOf('1003');
    colleague.once('incoming', (call) => void colleague.answer(call));
    await answeredCall();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('転送先'), '1003');
    await user.click(screen.getByRole('button', { name: '相談転送' }));
    await waitFor(() => expect(screen.getAllByTestId('call-panel').map((panel) => panel.dataset.state)).toEqual(['held', 'active']));
    await user.click(within(screen.getAllByTestId('call-panel')[1] as HTMLElement).getByRole('button', { name: '相談を取り消す' }));
    await waitFor(() => expect(screen.getAllByTestId('call-panel').map((panel) => panel.dataset.state)).toEqual(['active']));
    expect(screen.getByTestId('call-panel').dataset.consultation).toBeUndefined();
    const resumed = screen.getAllByTestId('phone-notice').find((element) => element.dataset.kind === 'consultation-ended');
    expect(resumed?.textContent).toContain('1003 との相談を終えました。Agent 0312345678 さんとの通話に戻りました');

    colleague.once('incoming', (call) => void call.reject(486));
    await user.type(screen.getByLabelText('転送先'), '1003');
    await user.click(screen.getByRole('button', { name: '相談転送' }));
    await waitFor(() => {
      const refused = screen.getAllByTestId('phone-notice').find((element) => element.dataset.kind === 'consultation-ended');
      expect(refused?.textContent).toContain('1003 に相談できませんでした (相手は話し中です (486))。Agent 0312345678 さんとの通話に戻りました');
    });
    await waitFor(() => expect(screen.getAllByTestId('call-panel').map((panel) => panel.dataset.state)).toEqual(['active']));
  });

  it('remembers the chosen microphone, switches the phone to it, and tests it', async () => {
    const storage = memoryStorage();
    const { audioInputs } = await agentSoftphone(preferencesStore(storage));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Audio settings' }));
    const settings = screen.getByRole('dialog', { name: 'Audio devices and notifications' });
    expect(settings.dataset.testid).toBe('device-settings');
    await waitFor(() => expect(within(settings).getAllByRole('option', { name: 'Jabra Evolve2 65' })).toHaveLength(2));
    await user.selectOptions(within(settings).getByLabelText('Microphone'), 'mic-headset');
    await user.selectOptions(within(settings).getByLabelText('Speaker or headset'), 'spk-headset');
    await waitFor(() => expect(audioInputs.at(-1)).toBe('mic-headset'));
    expect(JSON.parse(storage.data.get('tsunagu.preferences') ?? '{}')).toMatchObject({ microphone: { deviceId: 'mic-headset' }, speaker: { deviceId: 'spk-headset' } });

    await user.click(within(settings).getByRole('button', { name: 'Test microphone' }));
    expect(within(settings).getByRole('meter', { name: 'Level of the microphone under test' }).getAttribute('aria-valuenow')).toBe('42');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('device-settings')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Audio settings' }));
    await user.click(screen.getByRole('button', { name: 'Audio settings' }));
    expect(screen.getByTestId('device-settings')).toBeTruthy();
    await user.click(screen.getByTestId('signed-in-as'));
    expect(screen.queryByTestId('device-settings')).toBeNull();
  });

  it('says when the chosen headset is unplugged and the default is used', async () => {
    const storage = memoryStorage();
    storage.setItem('tsunagu.preferences', JSON.stringify({ microphone: { deviceId: 'mic-gone', label: 'USB ヘッドセット' } }));
    useLocaleStore.getState().setLocale('ja');
    const { audioInputs } = await agentSoftphone(preferencesStore(storage));
    expect((await screen.findByTestId('device-missing')).textContent).toBe('選んだマイク (USB ヘッドセット) が見つかりません。システムの既定のマイクを使っています');
    expect(audioInputs.every((deviceId) => deviceId === undefined)).toBe(true);
  });

  it('passes axe checks during a call with the audio settings open', async () => {
    await agentSoftphone();
    await answeredCall();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Audio settings' }));
    await screen.findByTestId('device-settings');
    await expectNoAxeViolations();
  });
});
