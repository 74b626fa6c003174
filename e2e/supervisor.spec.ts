import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { SupervisorPage } from './pages/supervisor-page';

/** Keeps a screenshot of the whole page as a test artifact (the README's comes from here). */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
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

    await test.step('the customer hangs up: the agent is in 後処理 and the call leaves the board', async () => {
      await caller.hangUp();
      await expect(supervisor.agentState(agent.extension)).toHaveText('後処理');
      await expect(supervisor.callNumber(agent.extension)).toHaveCount(0);
    });

    await supervisor.close();
  });
});
