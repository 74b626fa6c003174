import { signedIn } from './fixtures/api-session';
import { expect, test } from './fixtures/test';
import type { AgentPage } from './pages/agent-page';

/**
 * Three agents on the real stack: B (1002) stands for the customer and calls A (1001), who
 * transfers the call to C (1003).
 */
async function customerOnTheLine(agents: (count: number) => Promise<AgentPage[]>): Promise<{ alice: AgentPage; bob: AgentPage; carol: AgentPage }> {
  const [alice, bob, carol] = await agents(3);
  if (!alice || !bob || !carol) throw new Error('three agents expected');
  await bob.call(alice.extension);
  await expect(alice.incomingCall).toBeVisible();
  await alice.answer();
  await expect(alice.callIn('active')).toBeVisible();
  await expect(bob.callIn('active')).toBeVisible();
  return { alice, bob, carol };
}

test.describe('transfer from the softphone', () => {
  test('blind transfer: A sends B to C, who answers; B and C hear each other and A has no call left', async ({ agents }) => {
    const { alice, bob, carol } = await customerOnTheLine(agents);

    await test.step('A transfers the call blind to C: A leaves the call at once', async () => {
      await alice.transferBlind(carol.extension);
      await expect(alice.notices.filter({ hasText: `${carol.extension} に転送しました` }).first()).toBeVisible();
      await expect(alice.callPanels).toHaveCount(0);
    });

    await test.step('C rings with B as the caller and answers: audio both ways', async () => {
      await expect(carol.incomingCall).toContainText(bob.extension);
      await carol.answer();
      await expect(carol.callIn('active')).toBeVisible();
      await expect(bob.callIn('active')).toHaveCount(1);
      await expect(bob.callPanels).toHaveCount(1);
      await Promise.all([bob.expectAudioFlowing(), carol.expectAudioFlowing()]);
      await alice.expectMediaReleased();
    });
    await carol.hangUp();
    await expect(bob.callPanels).toHaveCount(0);
  });

  test('blind transfer to a queue: A sends B to 東京窓口 (2001) while nobody is free; B waits until C is back, C answers; B and C talk; the records are linked', async ({ agents, stack }) => {
    const { alice, bob, carol } = await customerOnTheLine(agents);
    const supervisor = await signedIn(stack.appUrl, 'sv1', 'tsunagu-sv1');
    await carol.desk.goNotReady('break');

    await test.step('A transfers B blind to the queue number: A leaves the call at once', async () => {
      await alice.transferBlind('2001');
      await expect(alice.notices.filter({ hasText: '2001 に転送しました' }).first()).toBeVisible();
      await expect(alice.callPanels).toHaveCount(0);
    });

    await test.step('nobody with the skill is free (A is in after-call work, C on a break): B waits in the queue, hearing ringback', async () => {
      await expect(bob.callPanels).toHaveCount(1);
      // The queue itself says the call is still waiting after more than a round of the PBX's
      // questions (5 s): it was kept across a resume, not dropped.
      await expect
        .poll(async () => {
          const response = await supervisor.get('/api/queues');
          const { items } = (await response.json()) as { items: { number: string; stats: { waiting: number; longestWaitSeconds: number } }[] };
          const tokyo = items.find((row) => row.number === '2001')?.stats;
          return tokyo !== undefined && tokyo.waiting === 1 && tokyo.longestWaitSeconds >= 7;
        }, { message: '2001 keeps B waiting past a round of questions', timeout: 20_000 })
        .toBe(true);
      await expect(bob.callPanels).toHaveCount(1);
      await expect(carol.incomingCall).toBeHidden();
    });

    await test.step('C comes back from the break: the queue rings C, showing the queue; C answers and hears B', async () => {
      await carol.desk.goAvailable();
      await expect(carol.incomingCall).toContainText(bob.extension, { timeout: 15_000 });
      await expect(carol.incomingQueue).toContainText('東京窓口 (2001)');
      await carol.answer();
      await expect(carol.callIn('active')).toBeVisible();
      await expect(bob.callPanels).toHaveCount(1);
      await Promise.all([bob.expectAudioFlowing(), carol.expectAudioFlowing()]);
      await alice.expectMediaReleased();
    });

    await test.step("A's record says where the call went; C's record of it is linked to A's", async () => {
      await expect
        .poll(async () => {
          const handedOver = (await alice.callRecords()).find((record) => record.agentName === alice.user.displayName && record.transferredTo === '2001');
          const taken = (await carol.callRecords()).find((record) => record.agentName === carol.user.displayName && record.direction === 'inbound' && record.remoteNumber === bob.extension);
          return { transferred: handedOver?.endReason, linked: taken !== undefined && handedOver !== undefined && taken.linkedCallId === handedOver.id };
        })
        .toEqual({ transferred: 'transferred', linked: true });
    });
    await carol.hangUp();
    await expect(bob.callPanels).toHaveCount(0);
    await supervisor.dispose();
  });

  test('attended transfer completed: A consults C, completes; B and C talk, A has no call left', async ({ agents }) => {
    const { alice, bob, carol } = await customerOnTheLine(agents);

    await test.step('A consults C: B is held, C rings and answers, A and C hear each other', async () => {
      await alice.consult(carol.extension);
      await expect(bob.callPanels.getByTestId('call-remote-hold')).toBeVisible();
      await expect(carol.incomingCall).toContainText(alice.extension);
      await carol.answer();
      await expect(alice.consultationPanel).toHaveAttribute('data-state', 'active');
      await expect(alice.consultationPanel.getByTestId('transfer-complete')).toBeEnabled();
      await Promise.all([alice.expectAudioFlowing(), carol.expectAudioFlowing()]);
    });

    await test.step('A completes the transfer: C takes over B without ringing', async () => {
      await alice.completeTransfer();
      await expect(alice.callPanels).toHaveCount(0);
      await expect(alice.notices.filter({ hasText: /転送しました/ }).first()).toBeVisible();
      await expect(carol.callPanels).toHaveCount(1);
      await expect(carol.callIn('active').getByTestId('call-remote')).toContainText(bob.extension);
      await expect(carol.incomingCall).toHaveCount(0);
      await expect(bob.callPanels).toHaveCount(1);
      await expect(bob.callIn('active')).toBeVisible();
      await expect(bob.callIn('active').getByTestId('call-remote')).toHaveText(carol.extension);
      await expect(bob.callPanels.getByTestId('call-remote-hold')).toHaveCount(0);
    });

    await test.step('B and C hear each other; A released every media resource', async () => {
      await Promise.all([bob.expectAudioFlowing(), carol.expectAudioFlowing()]);
      await alice.expectMediaReleased();
    });

    await test.step("the call records link A's customer call to A's consultation, and C's new call to C's consultation", async () => {
      await expect
        .poll(async () => {
          const records = await alice.callRecords();
          const customerCall = records.find((record) => record.agentName === alice.user.displayName && record.direction === 'inbound' && record.transferredTo === carol.extension);
          const consultation = records.find((record) => record.id === customerCall?.linkedCallId);
          return { customerCall: customerCall?.endReason, consultation: consultation && [consultation.agentName, consultation.direction, consultation.remoteNumber] };
        })
        .toEqual({ customerCall: 'transferred', consultation: [alice.user.displayName, 'outbound', carol.extension] });
      await expect
        .poll(async () => {
          const records = await carol.callRecords();
          const mine = records.filter((record) => record.agentName === carol.user.displayName && record.direction === 'inbound');
          const taken = mine.find((record) => record.remoteNumber === bob.extension);
          const consultation = mine.find((record) => record.remoteNumber === alice.extension);
          return { linked: taken !== undefined && taken.linkedCallId === consultation?.id };
        })
        .toEqual({ linked: true });
    });
    await bob.hangUp();
    await expect(carol.callPanels).toHaveCount(0);
  });

  test('attended transfer cancelled: A hangs up the consultation and is back with B', async ({ agents }) => {
    const { alice, bob, carol } = await customerOnTheLine(agents);
    await alice.consult(carol.extension);
    await carol.answer();
    await expect(alice.consultationPanel).toHaveAttribute('data-state', 'active');

    await test.step('A cancels: C is hung up, B is resumed, and A and B hear each other', async () => {
      await alice.cancelConsultation();
      await expect(carol.callPanels).toHaveCount(0);
      await expect(alice.callPanels).toHaveCount(1);
      await expect(alice.callIn('active')).toBeVisible();
      await expect(alice.notices.filter({ hasText: /との通話に戻りました/ })).toBeVisible();
      await expect(bob.callPanels.getByTestId('call-remote-hold')).toHaveCount(0);
      await Promise.all([alice.expectAudioFlowing(), bob.expectAudioFlowing()]);
    });
    await alice.hangUp();
    await expect(bob.callPanels).toHaveCount(0);
  });

  test('blind transfer of an outside caller: the phone line follows the REFER to B, B answers, line and B hear each other, A is in after-call work', async ({ agents, phoneLine }) => {
    const [alice, bob] = await agents(2);
    if (!alice || !bob) throw new Error('two agents expected');
    const caller = await phoneLine('0312345678');

    await test.step('the customer calls A through the gateway and A answers', async () => {
      await caller.call(alice.extension);
      await expect(alice.incomingCall).toContainText('0312345678');
      await alice.answer();
      await caller.expectState('Established');
      await expect(alice.callIn('active')).toBeVisible();
    });
    const firstCall = caller.callId;

    await test.step('A transfers blind to B: the line accepts the REFER and calls B from the same number; A leaves the call', async () => {
      await alice.transferBlind(bob.extension);
      await expect(alice.notices.filter({ hasText: `${bob.extension} に転送しました` }).first()).toBeVisible();
      await expect(alice.callPanels).toHaveCount(0);
      await expect(bob.incomingCall).toContainText('0312345678');
      expect(caller.transfersFollowed).toBe(1);
      expect(caller.callId).not.toBe(firstCall);
    });

    await test.step('B answers: audio both ways between the line and B; A is in after-call work with no media left', async () => {
      await bob.answer();
      await caller.expectState('Established');
      await expect(bob.callIn('active')).toBeVisible();
      await Promise.all([bob.expectAudioFlowing(), caller.expectAudioFlowing()]);
      await alice.expectMediaReleased();
      await alice.desk.expectState('after-call-work');
    });

    await test.step('the customer hangs up: B’s call ends and the media is released', async () => {
      await caller.hangUp();
      await expect(bob.callPanels).toHaveCount(0);
      await bob.expectMediaReleased();
      await caller.expectMediaReleased();
    });
  });

  test('attended transfer of an outside caller: A consults B, completes; the phone line replaces A with B (INVITE with Replaces to the browser), line and B talk', async ({ agents, phoneLine }) => {
    const [alice, bob] = await agents(2);
    if (!alice || !bob) throw new Error('two agents expected');
    const caller = await phoneLine('0312345678');
    await caller.call(alice.extension);
    await alice.answer();
    await caller.expectState('Established');
    const firstCall = caller.callId;

    await test.step('A consults B while the customer is held; B answers and A and B talk', async () => {
      await alice.consult(bob.extension);
      await expect(bob.incomingCall).toContainText(alice.extension);
      await bob.answer();
      await expect(alice.consultationPanel).toHaveAttribute('data-state', 'active');
      await Promise.all([alice.expectAudioFlowing(), bob.expectAudioFlowing()]);
    });

    await test.step('A completes: the line follows the REFER with Replaces to B, who takes the customer over without ringing', async () => {
      await alice.completeTransfer();
      await expect(alice.callPanels).toHaveCount(0);
      await expect.poll(() => caller.transfersFollowed).toBe(1);
      expect(caller.callId).not.toBe(firstCall);
      await caller.expectState('Established');
      await expect(bob.incomingCall).toHaveCount(0);
      await expect(bob.callPanels).toHaveCount(1);
      await expect(bob.callIn('active').getByTestId('call-remote')).toContainText('0312345678');
      await Promise.all([bob.expectAudioFlowing(), caller.expectAudioFlowing()]);
      await alice.expectMediaReleased();
    });

    await caller.hangUp();
    await expect(bob.callPanels).toHaveCount(0);
    await caller.expectMediaReleased();
  });

  test('blind transfer of a call to an outside number: the line the agent called follows the REFER to B, B answers and they talk', async ({ agents, outsideLine }) => {
    const [alice, bob] = await agents(2);
    if (!alice || !bob) throw new Error('two agents expected');
    const line = await outsideLine('0312345678');

    await test.step('A calls 0312345678 through the gateway; the line answers', async () => {
      await alice.call('0312345678');
      await line.expectState('Established');
      await expect(alice.callIn('active')).toBeVisible();
    });
    const firstCall = line.callId;

    await test.step('A transfers blind to B: A leaves, the line calls B from its number', async () => {
      await alice.transferBlind(bob.extension);
      await expect(alice.callPanels).toHaveCount(0);
      await expect(bob.incomingCall).toContainText('0312345678');
      expect(line.transfersFollowed).toBe(1);
      expect(line.callId).not.toBe(firstCall);
    });

    await test.step('B answers: audio both ways between the line and B; the line hangs up', async () => {
      await bob.answer();
      await line.expectState('Established');
      await Promise.all([bob.expectAudioFlowing(), line.expectAudioFlowing()]);
      await alice.expectMediaReleased();
      await line.hangUp();
      await expect(bob.callPanels).toHaveCount(0);
    });
  });
});
