import { expect, test } from './fixtures/test';

test.describe('calls from the phone network', () => {
  test('an outside caller on plain SIP/RTP reaches an agent: audio both ways through rtpengine, DTMF, hold and resume, hang-up, media released', async ({ agents, phoneLine, stack }) => {
    const [agent] = await agents(1);
    if (!agent) throw new Error('one agent expected');
    const caller = await phoneLine('0312345678');

    await test.step('the customer dials the agent’s extension and the agent answers in the browser', async () => {
      await caller.call(agent.extension);
      await expect(agent.incomingCall).toBeVisible();
      await expect(agent.incomingCall).toContainText('0312345678');
      await agent.answer();
      await caller.expectState('Established');
      await expect(agent.callIn('active')).toBeVisible();
    });

    await test.step('audio flows both ways: the agent hears the customer, the line counts packets both ways at rtpengine', async () => {
      await agent.expectAudioFlowing();
      await caller.expectAudioFlowing();
      const legs = await stack.rtpengine.control.queryCall(caller.callId ?? '');
      // Two parties, each with packets through the relay: the phone line and the browser.
      expect(legs).toHaveLength(2);
      for (const leg of legs) expect(leg.packetsFromParty).toBeGreaterThan(25);
    });

    await test.step('the customer presses digits: RFC 4733 events reach the agent’s side of the relay', async () => {
      await caller.sendDigits('1#');
      await expect.poll(() => stack.rtpengine.dtmfDigits(caller.callId ?? ''), { message: 'rtpengine saw the digits' }).toEqual(['1', '#']);
    });

    await test.step('the agent holds the customer (re-INVITE to a plain SIP line through the relay) and resumes', async () => {
      await agent.toggleHold();
      await expect(agent.callIn('held')).toBeVisible();
      await caller.expectNothingArriving();
      await agent.toggleHold();
      await expect(agent.callIn('active')).toBeVisible();
      await caller.expectAudioFlowing();
      await agent.expectAudioFlowing();
    });

    await test.step('the customer hangs up: the agent’s call ends and the media is released on both sides', async () => {
      await caller.hangUp();
      await caller.expectState('Terminated');
      await expect(agent.callPanels).toHaveCount(0);
      await agent.expectMediaReleased();
      await caller.expectMediaReleased();
    });
  });
});

test.describe('calls to the phone network', () => {
  test('an agent dials an outside number: the gateway route connects it presenting the caller ID the CTI service chose, audio both ways, hang-up releases the media', async ({ agents, outsideLine, stack }) => {
    const [agent] = await agents(1);
    if (!agent) throw new Error('one agent expected');
    const line = await outsideLine('0312345678');

    await test.step('the agent dials 0312345678 on the dial pad; the phone line answers', async () => {
      await agent.call('0312345678');
      await line.expectState('Established');
      await expect(agent.callIn('active')).toBeVisible();
    });

    await test.step('audio flows both ways: the agent hears the line, the line counts packets both ways at rtpengine', async () => {
      await agent.expectAudioFlowing();
      await line.expectAudioFlowing();
    });

    await test.step('the line was shown the caller ID the CTI service gives for this agent (GET /api/pbx/caller-id)', async () => {
      const response = await fetch(new URL(`/api/pbx/caller-id?extension=${agent.extension}`, stack.appUrl), {
        headers: { authorization: `Bearer ${stack.kamailio.ctiToken ?? ''}` },
      });
      expect(response.status).toBe(200);
      const chosen = (await response.json()) as { callerId: string | null; source: string };
      // 1001 has a direct number of its own in the demo (server/src/seed/queues-seed.ts).
      expect(chosen).toEqual({ callerId: '0312341001', source: 'agent' });
      expect(await line.presentedCaller()).toEqual({ assertedIdentity: chosen.callerId, fromUser: chosen.callerId, withheld: false });
    });

    await test.step('the agent hangs up: the line’s call ends and the media is released on both sides', async () => {
      await agent.hangUp();
      await line.expectState('Terminated');
      await expect(agent.callPanels).toHaveCount(0);
      await agent.expectMediaReleased();
      await line.expectMediaReleased();
    });
  });
});
