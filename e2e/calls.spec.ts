import { expect, test } from './fixtures/test';

test.describe('calls between two agents through Kamailio', () => {
  test('A calls B, B answers: audio flows both ways and both see a running timer', async ({ agents }) => {
    const [alice, bob] = await agents(2);
    if (!alice || !bob) throw new Error('two agents expected');

    await test.step('A dials B and hears ringback; B sees who is calling', async () => {
      await alice.call(bob.extension);
      await expect(alice.callIn('ringing')).toBeVisible();
      await expect(bob.incomingCall).toContainText(alice.user.displayName);
      await expect(bob.incomingCall).toContainText(alice.extension);
    });

    await test.step('B answers: both connected, RTP and audio level on both pages', async () => {
      await bob.answer();
      await expect(alice.callIn('active')).toBeVisible();
      await expect(bob.callIn('active')).toBeVisible();
      await expect(bob.incomingCall).toHaveCount(0);
      await Promise.all([alice.expectAudioFlowing(), bob.expectAudioFlowing()]);
    });

    await test.step('the call timer runs', async () => {
      const timer = alice.callIn('active').getByTestId('call-timer');
      const first = await timer.textContent();
      await expect(timer).not.toHaveText(first ?? '');
    });

    await test.step('A hangs up: both sides end and release every media resource', async () => {
      await alice.hangUp();
      await expect(alice.callPanels).toHaveCount(0);
      await expect(bob.callPanels).toHaveCount(0);
      await expect(bob.notices.filter({ hasText: /相手が通話を終了しました/ })).toBeVisible();
      await Promise.all([alice.expectMediaReleased(), bob.expectMediaReleased()]);
    });
  });

  test('the callee can hang up too', async ({ agents }) => {
    const [alice, bob] = await agents(2);
    if (!alice || !bob) throw new Error('two agents expected');
    await alice.call(bob.extension);
    await bob.answer();
    await expect(alice.callIn('active')).toBeVisible();
    await bob.hangUp();
    await expect(alice.callPanels).toHaveCount(0);
    await expect(alice.notices.filter({ hasText: /相手が通話を終了しました/ })).toBeVisible();
    await alice.expectMediaReleased();
  });

  test('hold stops media in both directions and resume restores it; both sides show it', async ({ agents }) => {
    const [alice, bob] = await agents(2);
    if (!alice || !bob) throw new Error('two agents expected');
    await alice.call(bob.extension);
    await bob.answer();
    await Promise.all([alice.expectAudioFlowing(), bob.expectAudioFlowing()]);

    await test.step('A holds: A shows held, B shows remote hold, and B stops receiving', async () => {
      await alice.toggleHold();
      await expect(alice.callIn('held')).toBeVisible();
      await expect(bob.callPanels.getByTestId('call-remote-hold')).toBeVisible();
      await bob.expectNoAudioArriving();
      await alice.expectNoAudioArriving();
    });

    await test.step('A resumes: both connected and media flows again', async () => {
      await alice.toggleHold();
      await expect(alice.callIn('active')).toBeVisible();
      await expect(bob.callPanels.getByTestId('call-remote-hold')).toHaveCount(0);
      await Promise.all([alice.expectAudioFlowing(), bob.expectAudioFlowing()]);
    });
    await alice.hangUp();
  });

  test('mute silences what the other side receives, unmute restores it', async ({ agents }) => {
    const [alice, bob] = await agents(2);
    if (!alice || !bob) throw new Error('two agents expected');
    await alice.call(bob.extension);
    await bob.answer();
    await bob.expectAudioFlowing();
    await alice.toggleMute();
    await expect(alice.callPanels.getByTestId('call-mute')).toHaveAttribute('aria-pressed', 'true');
    await bob.expectSilence();
    await alice.toggleMute();
    await bob.expectAudioFlowing();
    await alice.hangUp();
  });

  test('DTMF digits sent by A arrive at B in order', async ({ agents }) => {
    const [alice, bob] = await agents(2, { dtmfMode: 'info' });
    if (!alice || !bob) throw new Error('two agents expected');
    await alice.call(bob.extension);
    await bob.answer();
    await expect(alice.callIn('active')).toBeVisible();
    await alice.sendDtmf('1*9#0');
    await expect(alice.callPanels.getByTestId('dtmf-sent')).toHaveText('1*9#0');
    await expect(bob.callPanels.getByTestId('dtmf-received')).toHaveText('1*9#0');
    await alice.hangUp();
  });

  test('RFC 4733 DTMF is sent as telephone-events in the media', async ({ agents }) => {
    const [alice, bob] = await agents(2);
    if (!alice || !bob) throw new Error('two agents expected');
    await alice.call(bob.extension);
    await bob.answer();
    await expect(alice.callIn('active')).toBeVisible();
    await alice.sendDtmf('42');
    await expect(alice.callPanels.getByTestId('dtmf-sent')).toHaveText('42');
    // The sender's RTCDTMFSender drains its buffer once every tone has gone out as RTP events.
    await expect
      .poll(() =>
        alice.page.evaluate(() => {
          const probe = (window as unknown as { __probe: { peerConnections: RTCPeerConnection[] } }).__probe;
          const sender = probe.peerConnections.flatMap((pc) => pc.getSenders()).find((s) => s.dtmf);
          return sender?.dtmf?.canInsertDTMF === true && sender.dtmf.toneBuffer === '';
        }),
      )
      .toBe(true);
    await alice.hangUp();
  });

  test('a declined call tells the caller', async ({ agents }) => {
    const [alice, bob] = await agents(2);
    if (!alice || !bob) throw new Error('two agents expected');
    await alice.call(bob.extension);
    await expect(bob.incomingCall).toBeVisible();
    await bob.decline();
    await expect(alice.callPanels).toHaveCount(0);
    await expect(alice.notices.filter({ hasText: /拒否/ })).toBeVisible();
    await expect(bob.incomingCall).toHaveCount(0);
    await alice.expectMediaReleased();
  });

  test('the caller cancels while ringing: the callee banner disappears', async ({ agents }) => {
    const [alice, bob] = await agents(2);
    if (!alice || !bob) throw new Error('two agents expected');
    await alice.call(bob.extension);
    await expect(bob.incomingCall).toBeVisible();
    await expect(alice.callIn('ringing')).toBeVisible();
    await alice.hangUp();
    await expect(bob.incomingCall).toHaveCount(0);
    await expect(bob.notices.filter({ hasText: /取り消しました/ })).toBeVisible();
    await expect(alice.callPanels).toHaveCount(0);
  });

  test('a call to an unknown user gives a clear error and leaves nothing stuck', async ({ agents }) => {
    const [alice] = await agents(1);
    if (!alice) throw new Error('one agent expected');
    await alice.call('9999');
    await expect(alice.notices.filter({ hasText: '相手が見つかりません (404)' })).toBeVisible();
    await expect(alice.callPanels).toHaveCount(0);
    await alice.expectMediaReleased();
    await alice.dialInput.fill('9998');
    await expect(alice.dialButton).toBeEnabled();
  });

  test('a call to a known user who is not signed in is reported as unavailable', async ({ agents, stack }) => {
    const [alice] = await agents(1);
    if (!alice) throw new Error('one agent expected');
    const absent = stack.users.at(-1);
    if (!absent) throw new Error('demo users expected');
    await alice.call(absent.user);
    await expect(alice.notices.filter({ hasText: '(480)' })).toBeVisible();
    await expect(alice.callPanels).toHaveCount(0);
  });

  test('a second call while busy: refused without call waiting, offered with it, answered and swapped', async ({ agents }) => {
    const [alice, bob, carol] = await agents(3);
    if (!alice || !bob || !carol) throw new Error('three agents expected');
    await alice.call(bob.extension);
    await bob.answer();
    await expect(bob.callIn('active')).toBeVisible();

    await test.step('call waiting off: the second caller hears busy', async () => {
      await carol.call(bob.extension);
      await expect(carol.notices.filter({ hasText: '(486)' })).toBeVisible();
      await expect(bob.notices.filter({ hasText: carol.extension })).toBeVisible();
    });

    await test.step('call waiting on: B sees the waiting call and answers it; A is held', async () => {
      await bob.callWaiting.check();
      await carol.call(bob.extension);
      await expect(bob.incomingCall).toContainText(carol.user.displayName);
      await bob.answer();
      await expect(bob.callIn('active')).toContainText(carol.extension);
      await expect(bob.callIn('held')).toContainText(alice.extension);
      await expect(alice.callPanels.getByTestId('call-remote-hold')).toBeVisible();
      await carol.expectAudioFlowing();
    });

    await test.step('B swaps back to A: C is held, A talks again', async () => {
      await bob.callIn('held').getByTestId('call-switch').click();
      await expect(bob.callIn('active')).toContainText(alice.extension);
      await expect(bob.callIn('held')).toContainText(carol.extension);
      await expect(alice.callPanels.getByTestId('call-remote-hold')).toHaveCount(0);
      await alice.expectAudioFlowing();
    });

    await bob.hangUp(bob.callIn('active'));
    await bob.hangUp(bob.callIn('held'));
    await expect(bob.callPanels).toHaveCount(0);
    await bob.expectMediaReleased();
  });

  test('Kamailio restarts while agents are registered: both re-register by themselves and call again', async ({ agents, stack }) => {
    const [alice, bob] = await agents(2);
    if (!alice || !bob) throw new Error('two agents expected');
    const aliceStates = await alice.recordStatusChanges();
    const bobStates = await bob.recordStatusChanges();
    await stack.kamailio.restart();
    await expect.poll(aliceStates).toContain('reconnecting');
    await expect.poll(bobStates).toContain('reconnecting');
    await Promise.all([alice.expectRegistered(), bob.expectRegistered()]);
    expect((await aliceStates()).at(-1)).toBe('registered');
    await alice.call(bob.extension);
    await bob.answer();
    await Promise.all([alice.expectAudioFlowing(), bob.expectAudioFlowing()]);
    await alice.hangUp();
  });
});
