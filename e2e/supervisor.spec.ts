import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { signedIn } from './fixtures/api-session';
import { expectAudioFlowing, readInboundSsrcs } from './fixtures/media-probe';
import { phoneLineMediaPort, type Stack } from './fixtures/stack';
import { expect, test } from './fixtures/test';
import { RecordingsPage } from './pages/recordings-page';
import { SupervisorPage } from './pages/supervisor-page';

/** Keeps a screenshot of the whole page as a test artifact (the README's comes from here). */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** A recording as GET /api/recordings lists it (the fields the tests read). */
interface RecordingItem {
  readonly id: string;
  readonly sipCallId: string;
  readonly status: 'recording' | 'complete' | 'failed' | 'deleted';
  readonly durationMs: number | null;
  readonly agentExtension: string | null;
  readonly pauses: readonly { readonly startMs: number; readonly endMs: number | null; readonly by: string }[];
}

/** The newest recording of calls from `number`, as the supervisor's search finds it. */
async function newestRecording(api: APIRequestContext, appUrl: string, number: string): Promise<RecordingItem | undefined> {
  const response = await api.get(new URL(`/api/recordings?number=${number}&limit=1`, appUrl).href);
  expect(response.status(), 'GET /api/recordings').toBe(200);
  const { items } = (await response.json()) as { items: RecordingItem[] };
  return items[0];
}

/**
 * What the customer's leg of the call is fed from, as rtpengine's `query` lists it: the tags the
 * customer's tag (the one sending from the phone line's media port) is subscribed to. While the
 * customer hears the agent alone that is the agent's tag; in barge it is the stream the service
 * publishes (the agent mixed with the supervisor). rtpengine counts packets per stream it
 * receives, not per stream it sends, and sipp reports no SSRCs: this is how the test sees what
 * reaches the customer's phone.
 */
async function customerFeeds(stack: Stack, callId: string, mediaPort: number): Promise<string[]> {
  const legs = await stack.rtpengine.control.queryCall(callId);
  const customer = legs.find((leg) => leg.endpoint.endsWith(`:${mediaPort}`));
  if (!customer) throw new Error(`no leg of ${callId} sends from port ${mediaPort}: ${JSON.stringify(legs)}`);
  const reply = await stack.rtpengine.control.command({ command: 'query', 'call-id': callId });
  const tags = reply.tags as Record<string, { subscriptions?: { tag?: unknown; type?: unknown }[] }> | undefined;
  return (tags?.[customer.tag]?.subscriptions ?? []).map((subscription) => String(subscription.tag)).sort();
}

/**
 * The WAV files of the recording `id` in a worker's e2e stack: the service writes recordings
 * below `recordings/` beside its PGlite folder (`.run/e2e/worker-<n>/`), as
 * `<tenant>/<yyyy>/<mm>/<dd>/<id>.wav`.
 */
async function recordingFiles(workerIndex: number, id: string): Promise<string[]> {
  const dir = path.resolve(`.run/e2e/worker-${workerIndex}/recordings`);
  const names = await readdir(dir, { recursive: true });
  return names.filter((name) => path.basename(name).startsWith(`${id}.wav`)).map((name) => path.join(dir, name));
}

/** G.711 μ-law byte to a 16-bit linear sample. */
function ulawToLinear(byte: number): number {
  const value = ~byte & 0xff;
  const exponent = (value >> 4) & 0x07;
  const magnitude = ((((value & 0x0f) << 3) + 0x84) << exponent) - 0x84;
  return value & 0x80 ? -magnitude : magnitude;
}

/** The two channels (customer left, agent right) of a 2-channel 8 kHz μ-law WAV, decoded. */
function decodeStereoUlaw(wav: Buffer): { customer: Int16Array; agent: Int16Array } {
  expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
  expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
  let offset = 12;
  let format: { code: number; channels: number; rate: number } | undefined;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') format = { code: wav.readUInt16LE(body), channels: wav.readUInt16LE(body + 2), rate: wav.readUInt32LE(body + 4) };
    if (id === 'data') {
      expect(format, 'the WAV’s format').toEqual({ code: 7, channels: 2, rate: 8000 });
      const frames = Math.floor(Math.min(size, wav.length - body) / 2);
      const customer = new Int16Array(frames);
      const agent = new Int16Array(frames);
      for (let frame = 0; frame < frames; frame += 1) {
        customer[frame] = ulawToLinear(wav[body + frame * 2] ?? 0xff);
        agent[frame] = ulawToLinear(wav[body + frame * 2 + 1] ?? 0xff);
      }
      return { customer, agent };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('the WAV has no data chunk');
}

/** Root mean square of the samples between two instants (ms from the start) at 8 kHz. */
function rms(samples: Int16Array, fromMs: number, toMs: number): number {
  const from = Math.max(0, Math.floor(fromMs * 8));
  const to = Math.min(samples.length, Math.floor(toMs * 8));
  if (to <= from) throw new Error(`no samples between ${fromMs} and ${toMs} ms`);
  let sum = 0;
  for (let index = from; index < to; index += 1) sum += (samples[index] ?? 0) ** 2;
  return Math.sqrt(sum / (to - from));
}

test.describe('the supervisor desk', () => {
  test('the live board follows an agent: 受付可, a customer’s call through 東京窓口 with a ticking duration, then 後処理', async ({ browser, stack, agents, phoneLine }, testInfo) => {
    test.setTimeout(120_000);
    const supervisor = await SupervisorPage.signIn(browser, stack.appUrl, 'sv1', 'tsunagu-sv1');

    await test.step('sv1 sees the agents of 東京第一 only, and 東京第一’s queues', async () => {
      await expect(supervisor.agentRows).toHaveCount(3);
      await expect(supervisor.agent('1004')).toHaveCount(0);
      await expect(supervisor.queue('2001')).toContainText('東京窓口 (2001)');
      await expect(supervisor.queue('2003')).toHaveCount(0);
    });

    const [agent] = await agents(1);
    if (!agent) throw new Error('one agent expected');

    await test.step('the agent signs in and goes 受付可: the board shows it live', async () => {
      await expect(supervisor.agentState(agent.extension)).toHaveText('受付可');
      const axe = await new AxeBuilder({ page: supervisor.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      await testInfo.attach('axe-board.json', { body: JSON.stringify(axe.violations, null, 2), contentType: 'application/json' });
      expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
    });

    const caller = await phoneLine('0312345678');

    await test.step('a customer calls 2001 and the agent answers: 通話中 with the caller’s number, 東京窓口 and a ticking duration', async () => {
      await caller.call('2001');
      await expect(agent.incomingCall).toBeVisible();
      await agent.answer();
      await caller.expectState('Established');
      await expect(supervisor.agentState(agent.extension)).toHaveText('通話中');
      await expect(supervisor.callNumber(agent.extension)).toHaveText('03-1234-5678');
      await expect(supervisor.callQueue(agent.extension)).toHaveText('東京窓口 (2001)');
      await expect(supervisor.callDuration(agent.extension)).toHaveText(/^\d+:\d\d$/);
      const first = SupervisorPage.seconds(await supervisor.callDuration(agent.extension).innerText());
      await expect.poll(async () => SupervisorPage.seconds(await supervisor.callDuration(agent.extension).innerText()), { message: 'the call duration ticks' }).toBeGreaterThanOrEqual(first + 2);
      await keepScreenshot(supervisor.page, testInfo, 'supervisor-board');
    });

    await test.step('the call is recorded on the server: 録音中 on the board, also on a board opened in the middle of the call', async () => {
      await expect(supervisor.recordingFlag(agent.extension)).toHaveText('録音中');
      await expect(supervisor.recordingFlag(agent.extension)).toHaveAttribute('data-status', 'recording');
      const lateComer = await SupervisorPage.signIn(browser, stack.appUrl, 'admin', 'tsunagu-admin');
      try {
        await expect(lateComer.agentState(agent.extension)).toHaveText('通話中');
        await expect(lateComer.recordingFlag(agent.extension), 'from the board’s snapshot, before any recording event').toHaveText('録音中');
      } finally {
        await lateComer.close();
      }
    });

    await test.step('the customer hangs up: the agent is in 後処理 and the call leaves the board', async () => {
      await caller.hangUp();
      await expect(supervisor.agentState(agent.extension)).toHaveText('後処理');
      await expect(supervisor.callNumber(agent.extension)).toHaveCount(0);
      await expect(supervisor.recordingFlag(agent.extension)).toHaveCount(0);
    });

    await supervisor.close();
  });

  test('sv1 listens, whispers and barges into a customer’s call; the call is recorded on the server with a silent pause, played and audited', async ({ browser, stack, agents, phoneLine }) => {
    test.setTimeout(150_000);
    const customerPort = phoneLineMediaPort(test.info().workerIndex, 0);
    const supervisor = await SupervisorPage.signIn(browser, stack.appUrl, 'sv1', 'tsunagu-sv1');
    const [agent] = await agents(1);
    if (!agent) throw new Error('one agent expected');
    await expect(supervisor.agentState(agent.extension)).toHaveText('受付可');
    const caller = await phoneLine('0312345678');
    // sv1's own browser session: a second sign-in as sv1 would end it (one seat per user).
    const api = supervisor.page.request;
    const admin = await signedIn(stack.appUrl, 'admin', 'tsunagu-admin');
    const callId = (): string => {
      if (caller.callId === undefined) throw new Error('the customer has no call');
      return caller.callId;
    };
    let customerSsrc = 0;
    let agentTag = '';
    let callStartedAt = 0;
    let callLengthMs = 0;
    const agentFlag = agent.page.getByTestId('monitoring-flag');

    try {
      await test.step('a customer calls 2001 and the agent answers in the browser: the board shows the call', async () => {
        await caller.call('2001');
        await expect(agent.incomingCall).toBeVisible();
        await agent.answer();
        await caller.expectState('Established');
        callStartedAt = Date.now();
        await expect(supervisor.agentState(agent.extension)).toHaveText('通話中');
        await expect(supervisor.callNumber(agent.extension)).toHaveText('03-1234-5678');
        await expect.poll(async () => (await agent.page.evaluate(readInboundSsrcs)).length, { message: 'the agent hears one stream' }).toBe(1);
        customerSsrc = (await agent.page.evaluate(readInboundSsrcs))[0] ?? 0;
        await expect(agentFlag, 'nobody monitors the call yet').toHaveCount(0);
      });

      await test.step('モニタリング from the keyboard: the supervisor receives the call’s audio, the agent still hears the customer’s own stream', async () => {
        await supervisor.monitorButton(agent.extension).focus();
        await supervisor.page.keyboard.press('Enter');
        await expect(supervisor.monitoringButton(agent.extension, 'モニタリング')).toHaveAttribute('aria-pressed', 'true');
        await expectAudioFlowing(supervisor.page);
        // This centre's policy tells its agents (the e2e stack runs with TSUNAGU_MONITORING_VISIBLE_TO_AGENTS=1).
        await expect(agentFlag, 'the agent sees that the call is monitored').toHaveText('モニタリング中', { timeout: 10_000 });
        // Listening sends the supervisor to nobody: the agent's browser still decodes the customer's stream only.
        await sleep(1000);
        expect(await agent.page.evaluate(readInboundSsrcs)).toEqual([customerSsrc]);
        // Before anyone speaks in the call the customer is fed from one tag only: the agent's.
        const feeds = await customerFeeds(stack, callId(), customerPort);
        expect(feeds, 'the customer hears one party').toHaveLength(1);
        agentTag = feeds[0] ?? '';
        const legs = await stack.rtpengine.control.queryCall(callId());
        expect(legs.map((leg) => leg.tag), 'the agent’s tag is a leg of the call').toContain(agentTag);
      });

      await test.step('ささやき: the agent now hears the service’s mix (the supervisor’s voice with the customer)', async () => {
        await supervisor.monitoringButton(agent.extension, 'ささやき').click();
        await expect(supervisor.monitoringButton(agent.extension, 'ささやき')).toHaveAttribute('aria-pressed', 'true');
        await expect(supervisor.monitoringButton(agent.extension, 'モニタリング')).toHaveAttribute('aria-pressed', 'false');
        await expect(agentFlag).toHaveText('ささやき中', { timeout: 10_000 });
        await expect.poll(async () => (await agent.page.evaluate(readInboundSsrcs))[0], { message: 'the agent’s browser decodes the mixer’s stream', timeout: 10_000 }).not.toBe(customerSsrc);
        await expectAudioFlowing(agent.page);
        await expectAudioFlowing(supervisor.page);
        expect(await customerFeeds(stack, callId(), customerPort), 'the customer still hears the agent only').toEqual([agentTag]);
      });

      await test.step('割り込み: the customer hears the service’s mix too (agent and supervisor); the agent keeps hearing the mix', async () => {
        await supervisor.monitoringButton(agent.extension, '割り込み').click();
        await expect(supervisor.monitoringButton(agent.extension, '割り込み')).toHaveAttribute('aria-pressed', 'true');
        await expect(agentFlag).toHaveText('割り込み中', { timeout: 10_000 });
        await expect.poll(async () => (await agent.page.evaluate(readInboundSsrcs))[0], { timeout: 10_000 }).not.toBe(customerSsrc);
        await expectAudioFlowing(agent.page);
        await expectAudioFlowing(supervisor.page);
        await caller.expectAudioFlowing();
        await expect.poll(async () => (await customerFeeds(stack, callId(), customerPort)).some((tag) => tag !== agentTag), { message: 'the customer hears the service’s mix', timeout: 10_000 }).toBe(true);
        expect(await customerFeeds(stack, callId(), customerPort), 'and no longer the agent’s own stream beside it').not.toContain(agentTag);
      });

      await test.step('back to モニタリング: the agent hears the customer’s own stream again; then 監視終了', async () => {
        await supervisor.monitoringButton(agent.extension, 'モニタリング').click();
        await expect(supervisor.monitoringButton(agent.extension, 'モニタリング')).toHaveAttribute('aria-pressed', 'true');
        await expect(agentFlag).toHaveText('モニタリング中', { timeout: 10_000 });
        await expect.poll(async () => (await agent.page.evaluate(readInboundSsrcs))[0], { timeout: 10_000 }).toBe(customerSsrc);
        await expect.poll(() => customerFeeds(stack, callId(), customerPort), { message: 'the customer hears the agent alone again', timeout: 10_000 }).toEqual([agentTag]);
        await supervisor.monitoringButton(agent.extension, '監視終了').click();
        await expect(supervisor.monitorButton(agent.extension)).toBeVisible();
        await expect(agentFlag, 'the flag goes when the supervisor leaves the call').toHaveCount(0, { timeout: 10_000 });
        await expect.poll(async () => (await supervisor.page.evaluate(() => (window as unknown as { __probe: { peerConnections: RTCPeerConnection[] } }).__probe.peerConnections.filter((pc) => pc.connectionState !== 'closed').length))).toBe(0);
      });

      await test.step('the agent sees 録音中 and pauses the recording for 2 s from the call panel (a card number), then resumes', async () => {
        const recording = await newestRecording(api, stack.appUrl, '0312345678');
        expect(recording?.status, 'the call is being recorded on the server').toBe('recording');
        const flag = agent.page.getByTestId('recording-flag');
        const pause = agent.page.getByTestId('recording-pause');
        await expect(flag).toHaveAttribute('data-status', 'recording');
        await expect(flag).toContainText('録音中');
        await expect(pause).toHaveText('録音を一時停止');
        await pause.focus();
        await agent.page.keyboard.press('Enter');
        await expect(flag).toHaveAttribute('data-status', 'paused');
        await expect(flag).toContainText('一時停止中');
        await expect(pause).toHaveAttribute('aria-pressed', 'true');
        await sleep(2000);
        await expect(pause).toHaveText('録音を再開');
        await pause.click();
        await expect(flag).toHaveAttribute('data-status', 'recording');
        await expect(pause).toHaveAttribute('aria-pressed', 'false');
        await sleep(2000);
      });

      await test.step('the customer hangs up', async () => {
        await caller.hangUp();
        callLengthMs = Date.now() - callStartedAt;
        await expect(supervisor.agentState(agent.extension)).toHaveText('後処理');
      });

      await test.step('the recording is on the server: the call’s length, both sides heard, the pause silent in the file; download and playback audited', async () => {
        await expect.poll(async () => (await newestRecording(api, stack.appUrl, '0312345678'))?.status, { timeout: 15_000 }).toBe('complete');
        const recording = await newestRecording(api, stack.appUrl, '0312345678');
        if (!recording) throw new Error('no recording of the call');
        expect(recording.agentExtension).toBe(agent.extension);
        expect(Math.abs((recording.durationMs ?? 0) - callLengthMs), `recording ${recording.durationMs} ms, call ${callLengthMs} ms`).toBeLessThanOrEqual(2000);
        expect(recording.pauses).toHaveLength(1);
        const [pause] = recording.pauses;
        if (!pause || pause.endMs === null) throw new Error('the pause has no end');
        expect(pause.endMs - pause.startMs).toBeGreaterThanOrEqual(1500);

        const download = await api.get(new URL(`/api/recordings/${recording.id}/audio?download=1`, stack.appUrl).href);
        expect(download.status()).toBe(200);
        expect(download.headers()['content-type']).toBe('audio/wav');
        const { customer, agent: agentChannel } = decodeStereoUlaw(await download.body());
        expect(Math.abs(customer.length / 8 - (recording.durationMs ?? 0)), 'the file’s length is the recording’s').toBeLessThanOrEqual(1000);
        const levels = {
          customerBefore: rms(customer, 500, pause.startMs - 300),
          agentBefore: rms(agentChannel, 500, pause.startMs - 300),
          customerPaused: rms(customer, pause.startMs + 300, pause.endMs - 300),
          agentPaused: rms(agentChannel, pause.startMs + 300, pause.endMs - 300),
          customerAfter: rms(customer, pause.endMs + 300, customer.length / 8 - 300),
          agentAfter: rms(agentChannel, pause.endMs + 300, agentChannel.length / 8 - 300),
        };
        test.info().annotations.push({ type: 'recording', description: JSON.stringify({ callLengthMs, durationMs: recording.durationMs, pause, levels }) });
        // Outside the pause both sides are heard (the customer's recorded voice, the agent's tone).
        expect(rms(customer, 500, pause.startMs - 300), 'the customer before the pause').toBeGreaterThan(200);
        expect(rms(agentChannel, 500, pause.startMs - 300), 'the agent before the pause').toBeGreaterThan(200);
        expect(rms(customer, pause.endMs + 300, customer.length / 8 - 300), 'the customer after the pause').toBeGreaterThan(200);
        expect(rms(agentChannel, pause.endMs + 300, agentChannel.length / 8 - 300), 'the agent after the pause').toBeGreaterThan(200);
        // Inside it: silence on both channels.
        expect(rms(customer, pause.startMs + 300, pause.endMs - 300), 'the customer during the pause').toBeLessThan(20);
        expect(rms(agentChannel, pause.startMs + 300, pause.endMs - 300), 'the agent during the pause').toBeLessThan(20);

        // Seeking as a player does: a byte range.
        const range = await api.get(new URL(`/api/recordings/${recording.id}/audio`, stack.appUrl).href, { headers: { range: 'bytes=0-1023' } });
        expect(range.status()).toBe(206);
        expect(range.headers()['content-type']).toBe('audio/wav');
        expect((await range.body()).length).toBe(1024);

        // The supervisor finds the call's recording and plays it in the browser, seeking into it.
        await supervisor.page.getByTestId('recordings-tab').click();
        await supervisor.page.getByTestId('recordings-number').fill('0312345678');
        await supervisor.page.getByTestId('recordings-search').click();
        await supervisor.page.getByTestId('recording-row').first().getByTestId('recording-open').click();
        await expect(supervisor.page.getByTestId('recording-player')).toBeVisible();
        await expect(supervisor.page.getByTestId('recording-waveform')).toBeVisible();
        await expect(supervisor.page.getByTestId('recording-waveform-pause'), 'the pause is marked on the waveform').toHaveCount(1);
        const audio = supervisor.page.getByTestId('recording-audio');
        await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.duration), { message: 'the browser decodes the WAV' }).toBeCloseTo((recording.durationMs ?? 0) / 1000, 0);
        await audio.evaluate(async (element: HTMLAudioElement) => {
          element.currentTime = 5;
          await element.play();
        });
        await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime), { message: 'it plays on from the seek' }).toBeGreaterThan(5.5);
        await audio.evaluate((element: HTMLAudioElement) => element.pause());

        await expect
          .poll(async () => {
            const response = await admin.get(`/api/audit?resourceType=recording&resourceId=${recording.id}&limit=50`);
            expect(response.status()).toBe(200);
            const { items } = (await response.json()) as { items: { action: string; actorName: string | null }[] };
            return [...new Set(items.filter((entry) => entry.action === 'play' || entry.action === 'download').map((entry) => entry.action))].sort();
          }, { message: 'sv1’s download and playback are in the audit log' })
          .toEqual(['download', 'play']);
      });
    } finally {
      await admin.dispose();
      await supervisor.close();
    }
  });

  test('an administrator ends a recording’s retention (消去請求): the retention job deletes it within seconds, its audio and file are gone, and the deletion is audited with the reason', async ({ browser, stack, agents, phoneLine }) => {
    test.setTimeout(120_000);
    const reason = 'お客様からの消去請求 (個人情報保護法) — e2e';
    const administrator = await SupervisorPage.signIn(browser, stack.appUrl, 'admin', 'tsunagu-admin');
    const recordings = new RecordingsPage(administrator.page);
    // The administrator's own browser session for the API (a second sign-in as admin would end it).
    const api = administrator.page.request;
    const [agent] = await agents(1);
    if (!agent) throw new Error('one agent expected');
    await expect(administrator.agentState(agent.extension)).toHaveText('受付可');
    const caller = await phoneLine('0387654321');
    let callId = '';
    let recordingId = '';

    try {
      await test.step('a customer talks to the agent through 2001 for a few seconds, then hangs up', async () => {
        await caller.call('2001');
        await expect(agent.incomingCall).toBeVisible();
        await agent.answer();
        await caller.expectState('Established');
        callId = caller.callId ?? '';
        expect(callId).not.toBe('');
        await caller.expectAudioFlowing();
        await sleep(3000);
        await caller.hangUp();
        await expect(administrator.agentState(agent.extension)).toHaveText('後処理');
      });

      await test.step('the administrator finds the recording in 録音: complete, kept until its date; its WAV is on the server', async () => {
        await recordings.open();
        const row = recordings.rowOfCall(callId);
        await expect
          .poll(
            async () => {
              await recordings.searchByNumber('0387654321');
              return (await row.count()) === 1 ? recordings.status(row).innerText() : 'not listed';
            },
            { message: 'the finished recording is listed', timeout: 15_000 },
          )
          .toBe('完了');
        recordingId = (await row.getAttribute('data-recording-id')) ?? '';
        expect(recordingId).toMatch(/^[0-9a-f-]{36}$/);
        expect(await recordingFiles(test.info().workerIndex, recordingId), 'the recording’s file on the server').toHaveLength(1);
        await recordings.openRow(row);
        await expect(recordings.retention).toContainText('保存期限');
        await expect(recordings.pendingDeletion).toHaveCount(0);
      });

      await test.step('保存期間を終了… with the reason: the detail shows 削除待ち', async () => {
        await recordings.endRetention(reason);
        await expect(recordings.pendingDeletion).toHaveText('削除待ち');
        await expect(recordings.endRetentionButton).toHaveCount(0);
      });

      await test.step('within seconds the retention job has deleted it: not listed, deleted, its audio 404, its file gone', async () => {
        // The e2e stack runs the job every 2 s (TSUNAGU_RECORDING_RETENTION_INTERVAL_SECONDS).
        await expect(recordings.deletedNotice, 'the open player says it was deleted').toBeVisible({ timeout: 15_000 });
        await expect(recordings.pendingDeletion).toHaveCount(0);
        await expect(administrator.page.getByTestId('recording-audio'), 'and offers nothing to play').toHaveCount(0);
        await expect
          .poll(
            async () => {
              await recordings.searchByNumber('0387654321');
              return recordings.rowOfCall(callId).count();
            },
            { message: 'the search no longer lists it', timeout: 15_000 },
          )
          .toBe(0);
        const detail = await api.get(new URL(`/api/recordings/${recordingId}`, stack.appUrl).href);
        expect(detail.status()).toBe(200);
        expect(((await detail.json()) as { status: string }).status).toBe('deleted');
        const audio = await api.get(new URL(`/api/recordings/${recordingId}/audio`, stack.appUrl).href);
        expect(audio.status(), 'its audio is gone').toBe(404);
        expect(((await audio.json()) as { error: { message: string } }).error.message).toMatch(/deleted/);
        expect(await recordingFiles(test.info().workerIndex, recordingId), 'no file of it is left on the server').toEqual([]);
      });

      await test.step('the audit log holds the administrator’s end of the retention, then the job’s deletion naming the recording and the reason', async () => {
        const response = await api.get(new URL(`/api/audit?resourceType=recording&resourceId=${recordingId}&limit=50`, stack.appUrl).href);
        expect(response.status()).toBe(200);
        const { items } = (await response.json()) as { items: { id: number; action: string; actorName: string | null; resourceId: string | null; detail: Record<string, unknown> }[] };
        const ended = items.find((entry) => entry.detail.change === 'retention-ended');
        const deleted = items.find((entry) => entry.action === 'delete');
        expect(ended, 'the administrator’s entry').toMatchObject({ action: 'update', actorName: 'admin', detail: { reason, sipCallId: callId } });
        expect(deleted, 'the job’s entry').toMatchObject({
          actorName: 'retention job',
          resourceId: recordingId,
          detail: { reason: 'retention-ended', retentionEndReason: reason, sipCallId: callId, file: 'removed' },
        });
        expect(deleted?.id ?? 0, 'the deletion comes after the end').toBeGreaterThan(ended?.id ?? Number.MAX_SAFE_INTEGER);
      });
    } finally {
      await administrator.close();
    }
  });
});
