import type { APIRequestContext } from '@playwright/test';
import { signedIn } from './fixtures/api-session';
import type { PhoneLine } from './fixtures/phone-line';
import { expect, test } from './fixtures/test';
import type { AgentPage } from './pages/agent-page';

/** A queue as `GET /api/queues` lists it, with the fields these tests read. */
interface QueueRow {
  readonly id: string;
  readonly number: string;
  readonly stats: { readonly waiting: number; readonly answeredToday: number; readonly abandonedToday: number; readonly afterHoursToday: number };
}

async function queue(context: APIRequestContext, number: string): Promise<QueueRow> {
  const response = await context.get('/api/queues');
  expect(response.status(), 'GET /api/queues').toBe(200);
  const rows = (await response.json()) as QueueRow[] | { items: QueueRow[] };
  const found = (Array.isArray(rows) ? rows : rows.items).find((row) => row.number === number);
  if (!found) throw new Error(`queue ${number} not listed`);
  return found;
}

interface CallCode {
  readonly nameJa: string;
  readonly active: boolean;
}

/** The first active category and disposition: what an agent files to leave after-call work. */
async function recordCodes(agent: AgentPage): Promise<{ category: string; disposition: string }> {
  const [categories, dispositions] = await Promise.all(
    ['categories', 'dispositions'].map(async (kind) => {
      const response = await agent.page.request.get(new URL(`/api/call-records/${kind}`, agent.page.url()).href);
      expect(response.status(), `GET /api/call-records/${kind}`).toBe(200);
      return ((await response.json()) as { items: CallCode[] }).items;
    }),
  );
  const category = categories?.find((code) => code.active);
  const disposition = dispositions?.find((code) => code.active);
  if (!category || !disposition) throw new Error('the demo seed has no active codes');
  return { category: category.nameJa, disposition: disposition.nameJa };
}

/** Waits until the line keeps receiving packets while its call is not answered: it hears early media (music, an announcement). */
async function expectHearingEarlyMedia(line: PhoneLine): Promise<void> {
  const heard = async (): Promise<number> => {
    const unread = await line.unreadAudio();
    return unread.queuedBytes + unread.droppedPackets;
  };
  const before = await heard();
  // At 8 kHz G.711 that is over a second of audio (50 packets of 160 bytes and their headers).
  await expect.poll(async () => (await heard()) - before, { message: `phone line ${line.number} hears the queue’s audio`, timeout: 15_000 }).toBeGreaterThan(8000);
  expect(await line.state()).toBe('Establishing');
}

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
      // Two parties, each with packets through the relay: the phone line and the browser;
      // beside them the service's recorder (全通話録音), subscribed to both as rec-<id>.
      const parties = legs.filter((leg) => !leg.tag.startsWith('rec-'));
      expect(parties).toHaveLength(2);
      for (const leg of parties) expect(leg.packetsFromParty).toBeGreaterThan(25);
      expect(legs.filter((leg) => leg.tag.startsWith('rec-'))).toHaveLength(1);
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

/**
 * One agent (1001, without the billing skill 料金窓口 2002 needs) signed in, and a customer calling
 * 2002 who waits hearing the hold music, counted as waiting: nobody can take the call.
 */
async function waitingInBillingQueue(
  agents: (count: number) => Promise<AgentPage[]>,
  phoneLine: (number: string) => Promise<PhoneLine>,
  appUrl: string,
): Promise<{ agent: AgentPage; supervisor: APIRequestContext; before: QueueRow; caller: PhoneLine }> {
  const [agent] = await agents(1);
  if (!agent) throw new Error('one agent expected');
  expect(agent.extension).toBe('1001');
  const supervisor = await signedIn(appUrl, 'sv1', 'tsunagu-sv1');
  const before = await queue(supervisor, '2002');
  const caller = await phoneLine('0312345678');
  await caller.call('2002');
  await expectHearingEarlyMedia(caller);
  await expect.poll(async () => (await queue(supervisor, '2002')).stats.waiting).toBe(1);
  return { agent, supervisor, before, caller };
}

test.describe('calls to a queue number', () => {
  test('2001 rings the longest-idle agent with the skill; no answer in the ring time → the next agent answers, audio both ways, counted as answered', async ({ agents, phoneLine, stack }) => {
    // Signed in and made available one after the other: the first has been idle longest.
    const [first, second] = await agents(2);
    if (!first || !second) throw new Error('two agents expected');
    const supervisor = await signedIn(stack.appUrl, 'sv1', 'tsunagu-sv1');
    const before = await queue(supervisor, '2001');
    const caller = await phoneLine('0312345678');

    await test.step('the customer calls 東京窓口 (2001): the longest-idle agent rings, the other does not', async () => {
      await caller.call('2001');
      await expect(first.incomingCall).toBeVisible();
      await expect(first.incomingCall).toContainText('0312345678');
      await expect(first.incomingQueue).toContainText('東京窓口 (2001)');
      await expect(second.incomingCall).toBeHidden();
    });

    await test.step('nobody answers within 2001’s ring time (15 s): the call leaves the first agent and rings the second', async () => {
      await expect(second.incomingCall).toBeVisible({ timeout: 30_000 });
      await expect(first.incomingCall).toBeHidden();
    });

    await test.step('the second agent answers: audio both ways through the relay', async () => {
      await second.answer();
      await caller.expectState('Established');
      await expect(second.callIn('active')).toBeVisible();
      await expect(second.callQueueIn('active')).toContainText('東京窓口 (2001)');
      await Promise.all([second.expectAudioFlowing(), caller.expectAudioFlowing()]);
    });

    await test.step('the queue counts the call as answered', async () => {
      await expect.poll(async () => (await queue(supervisor, '2001')).stats.answeredToday).toBe(before.stats.answeredToday + 1);
    });

    await caller.hangUp();
    await expect(second.callPanels).toHaveCount(0);
    await caller.expectMediaReleased();
    await supervisor.dispose();
  });
  test('every agent busy: the next caller hears hold music, waits, and rings the agent once they are free again', async ({ agents, phoneLine, stack }) => {
    const [agent] = await agents(1);
    if (!agent) throw new Error('one agent expected');
    const supervisor = await signedIn(stack.appUrl, 'sv1', 'tsunagu-sv1');
    const codes = await recordCodes(agent);
    const firstCaller = await phoneLine('0312345678');
    const nextCaller = await phoneLine('0311112222');

    await test.step('the only agent takes a first call to 2001', async () => {
      await firstCaller.call('2001');
      await expect(agent.incomingCall).toBeVisible();
      await agent.answer();
      await firstCaller.expectState('Established');
    });

    await test.step('a second caller to 2001 waits: early media from rtpengine (hold music), counted as waiting', async () => {
      await nextCaller.call('2001');
      await expectHearingEarlyMedia(nextCaller);
      await expect.poll(async () => (await queue(supervisor, '2001')).stats.waiting).toBe(1);
      await expect(agent.incomingCall).toBeHidden();
    });

    await test.step('the agent ends the first call and wraps up: the waiting caller rings at once and is answered, audio both ways', async () => {
      await agent.hangUp();
      await firstCaller.expectState('Terminated');
      await agent.desk.fillRecord(codes);
      await agent.desk.finishWrapUp('available');
      await expect(agent.incomingCall).toBeVisible({ timeout: 15_000 });
      await expect(agent.incomingCall).toContainText('0311112222');
      await agent.answer();
      await nextCaller.expectState('Established');
      await Promise.all([agent.expectAudioFlowing(), nextCaller.expectAudioFlowing()]);
      await expect.poll(async () => (await queue(supervisor, '2001')).stats.waiting).toBe(0);
    });

    await nextCaller.hangUp();
    await expect(agent.callPanels).toHaveCount(0);
    await nextCaller.expectMediaReleased();
    await supervisor.dispose();
  });

  test('after hours (平日窓口 2009 closed by its supervisor): the caller hears the after-hours announcement, then is released with 480, counted after hours', async ({ agents, phoneLine, stack }) => {
    const [agent] = await agents(1);
    if (!agent) throw new Error('one agent expected');
    const supervisor = await signedIn(stack.appUrl, 'sv1', 'tsunagu-sv1');
    const weekdayDesk = await queue(supervisor, '2009');
    const closing = await supervisor.put(`/api/queues/${weekdayDesk.id}/hours-override`, { data: { override: 'closed' } });
    expect(closing.status(), await closing.text()).toBe(200);
    const caller = await phoneLine('0312345678');
    try {
      await caller.call('2009');
      await expectHearingEarlyMedia(caller);
      await expect.poll(() => caller.refusal(), { message: 'released after the announcement', timeout: 20_000 }).toBe(480);
      await expect(agent.incomingCall).toBeHidden();
      await caller.expectMediaReleased();
      await expect.poll(async () => (await queue(supervisor, '2009')).stats.afterHoursToday).toBe(weekdayDesk.stats.afterHoursToday + 1);
    } finally {
      await supervisor.put(`/api/queues/${weekdayDesk.id}/hours-override`, { data: { override: 'schedule' } });
      await supervisor.dispose();
    }
  });

  test('料金窓口 (2002) with nobody free: the caller waits with music until its 30 s limit, hears the apology, is released and counted abandoned', async ({ agents, phoneLine, stack }) => {
    const { agent, supervisor, before, caller } = await waitingInBillingQueue(agents, phoneLine, stack.appUrl);
    await expect.poll(() => caller.refusal(), { message: 'released at the wait limit', timeout: 45_000 }).toBe(480);
    await caller.expectMediaReleased();
    const after = await queue(supervisor, '2002');
    expect(after.stats.abandonedToday).toBe(before.stats.abandonedToday + 1);
    expect(after.stats.waiting).toBe(0);
    await expect(agent.incomingCall).toBeHidden();
    await supervisor.dispose();
  });

  test('料金窓口 (2002) with nobody free: the caller gives up while the music plays — CANCEL, 487, counted abandoned at once, media released', async ({ agents, phoneLine, stack }) => {
    const { agent, supervisor, before, caller } = await test.step('the customer calls 2002 and waits with the hold music', () =>
      waitingInBillingQueue(agents, phoneLine, stack.appUrl),
    );

    await test.step('the customer hangs up before the 30 s limit: the line sends CANCEL and its call ends with 487', async () => {
      await caller.hangUp();
      expect(await caller.state()).toBe('Terminated');
      expect(await caller.refusal()).toBe(487);
    });

    await test.step('the queue counts the call abandoned within seconds: Kamailio reported it, not the wait limit or the sweep', async () => {
      await expect
        .poll(async () => (await queue(supervisor, '2002')).stats, { message: '2002 after the hang-up', timeout: 10_000 })
        .toMatchObject({ waiting: 0, abandonedToday: before.stats.abandonedToday + 1 });
      await caller.expectMediaReleased();
      await expect(agent.incomingCall).toBeHidden();
    });
    await supervisor.dispose();
  });

  test('the caller hangs up while an agent’s phone rings for 2001: the ringing banner goes away, counted abandoned', async ({ agents, phoneLine, stack }) => {
    const [agent] = await agents(1);
    if (!agent) throw new Error('one agent expected');
    const supervisor = await signedIn(stack.appUrl, 'sv1', 'tsunagu-sv1');
    const before = await queue(supervisor, '2001');
    const caller = await phoneLine('0312345678');

    await test.step('the customer calls 東京窓口 (2001): the agent’s phone rings', async () => {
      await caller.call('2001');
      await expect(agent.incomingCall).toBeVisible();
      await expect(agent.incomingQueue).toContainText('東京窓口 (2001)');
    });

    await test.step('the customer hangs up before anyone answers: CANCEL reaches the agent, the banner disappears, the line’s call ends with 487', async () => {
      await caller.hangUp();
      await expect(agent.incomingCall).toBeHidden();
      expect(await caller.refusal()).toBe(487);
      await expect(agent.callPanels).toHaveCount(0);
    });

    await test.step('the queue counts the call abandoned and nobody waiting; media released', async () => {
      await expect
        .poll(async () => (await queue(supervisor, '2001')).stats, { message: '2001 after the hang-up', timeout: 10_000 })
        .toMatchObject({ waiting: 0, abandonedToday: before.stats.abandonedToday + 1 });
      await caller.expectMediaReleased();
    });
    await supervisor.dispose();
  });
});
