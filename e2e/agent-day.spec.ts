import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures/test';
import type { AgentPage } from './pages/agent-page';

/** A customer of the demo seed whose number pops exactly them, in the national form a phone line presents. */
interface KnownCustomer {
  readonly id: string;
  readonly name: string;
  /** `0312345678`: what the customer line sends as its number. */
  readonly number: string;
}

interface CustomerRow {
  id: string;
  name: string;
  phones: { e164: string; label: string }[];
}

interface CallCode {
  nameJa: string;
  nameEn: string;
  active: boolean;
}

interface CallRecordRow {
  id: string;
  direction: string;
  remoteNumber: string | null;
  customerId: string | null;
  categoryId: string | null;
  dispositionId: string | null;
  notes: string;
  followUpAt: string | null;
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), `GET ${url}`).toBe(200);
  return (await response.json()) as T;
}

/** Finds a customer of the agent's group with a callable number that matches no one else. */
async function pickCustomer(agent: AgentPage, appUrl: string): Promise<KnownCustomer> {
  const request = agent.page.request;
  const page = await getJson<{ items: CustomerRow[] }>(request, new URL('/api/customers?limit=50', appUrl).href);
  for (const customer of page.items) {
    const phone = customer.phones.find((candidate) => candidate.label !== 'fax' && candidate.e164.startsWith('+81'));
    if (!phone) continue;
    const lookup = await getJson<{ items: unknown[] }>(request, new URL(`/api/customers/lookup?number=${encodeURIComponent(phone.e164)}`, appUrl).href);
    if (lookup.items.length === 1) return { id: customer.id, name: customer.name, number: `0${phone.e164.slice(3)}` };
  }
  throw new Error('the demo seed has no customer with a number of their own');
}

/** The newest record of the agent's calls with `number`, read through the API as the agent. */
async function newestRecord(agent: AgentPage, appUrl: string, number: string): Promise<CallRecordRow> {
  const page = await getJson<{ items: CallRecordRow[] }>(agent.page.request, new URL(`/api/call-records?limit=1&number=${encodeURIComponent(number)}`, appUrl).href);
  const record = page.items[0];
  if (!record) throw new Error(`no call record for ${number}`);
  return record;
}

/** Fails on serious or critical accessibility violations of what the page shows now. */
async function expectAccessible(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  await testInfo.attach(`axe-${name}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(
    blocking.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`),
    `axe on ${name}`,
  ).toEqual([]);
}

/** Keeps a screenshot of the whole page as a test artifact. */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test.describe('an agent’s working day on the desktop', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('the sign-in screen is accessible and in Japanese for a Japanese browser', async ({ browser, stack }, testInfo) => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(stack.appUrl);
    await expect(page.getByTestId('login-submit')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expectAccessible(page, testInfo, 'sign-in');
    await context.close();
  });

  test('not ready, a customer’s call with screen pop, FAQ and record, the service restarted in after-call work, a callback from history', async ({ agents, customer, stack }, testInfo) => {
    test.setTimeout(240_000);
    const [agent, colleague] = await agents(2);
    if (!agent || !colleague) throw new Error('two agents expected');
    const desk = agent.desk;
    const known = await pickCustomer(agent, stack.appUrl);
    const categories = await getJson<{ items: CallCode[] }>(agent.page.request, new URL('/api/call-records/categories', stack.appUrl).href);
    const dispositions = await getJson<{ items: CallCode[] }>(agent.page.request, new URL('/api/call-records/dispositions', stack.appUrl).href);
    const category = categories.items.find((code) => code.active);
    const disposition = dispositions.items.find((code) => code.active);
    if (!category || !disposition) throw new Error('the demo seed has no active codes');

    await test.step('the idle desktop is accessible, in Japanese by default', async () => {
      await expect(agent.page.locator('html')).toHaveAttribute('lang', 'ja');
      await expectAccessible(agent.page, testInfo, 'desktop-idle');
    });

    const caller = await customer(known.number);

    await test.step('not ready: the customer’s call is refused with 480 and never rings', async () => {
      await desk.goNotReady('break');
      await caller.call(agent.extension);
      await expect.poll(() => caller.refusal()).toBe(480);
      await expect(agent.incomingCall).toHaveCount(0);
      await desk.goAvailable();
    });

    await test.step('available: the call rings with the customer on screen before it is answered', async () => {
      await caller.call(agent.extension);
      await expect(agent.incomingCall).toBeVisible();
      await expect(desk.customerName).toHaveText(known.name);
      await agent.answer();
      await caller.expectState('Established');
      await desk.expectState('on-call');
      await agent.expectAudioFlowing();
      await caller.expectAudioFlowing();
      await expect(desk.record).toBeVisible();
      await expect(desk.record.getByTestId('record-customer')).toHaveText(known.name);
    });

    await test.step('the call panel measures the call: the microphone moves the meter, getStats gives a good MOS on loopback', async () => {
      const meter = agent.callPanels.getByTestId('mic-level');
      await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
      const quality = agent.callPanels.getByTestId('call-quality');
      await expect(quality).toHaveAttribute('data-rating', 'good', { timeout: 20_000 });
      expect(Number(await quality.getAttribute('data-mos'))).toBeGreaterThanOrEqual(4);
    });

    await test.step('? opens the keyboard shortcut list, accessible, and Escape closes it', async () => {
      await agent.page.locator('body').click({ position: { x: 5, y: 5 } });
      await agent.page.keyboard.press('?');
      const help = agent.page.getByTestId('shortcut-help');
      await expect(help).toBeVisible();
      await expect(help).toContainText('Alt');
      await expectAccessible(agent.page, testInfo, 'shortcut-help');
      await agent.page.keyboard.press('Escape');
      await expect(help).toBeHidden();
    });

    await test.step('a Japanese FAQ query finds the article; the keyboard opens it beside the call', async () => {
      await desk.searchFaq('住所変更');
      await expect(desk.faqResults.first()).toContainText('住所変更');
      await desk.faqSearch.press('ArrowDown');
      await desk.faqSearch.press('Enter');
      await expect(desk.faqArticleTitle).toContainText('住所変更');
    });

    await test.step('the record is filled and saved during the call', async () => {
      await desk.fillRecord({ category: category.nameJa, disposition: disposition.nameJa, notes: '住所変更の手続きをご案内。', followUp: '2026-12-01' });
      await desk.saveRecord();
      await desk.expectRecordSaved();
      await expectAccessible(agent.page, testInfo, 'desktop-in-call');
      await keepScreenshot(agent.page, testInfo, 'agent-desktop-ja');
    });

    await test.step('the same screen in English', async () => {
      await agent.page.getByTestId('language').selectOption('en');
      await expect(agent.page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(desk.record.getByTestId('record-category')).toBeVisible();
      await keepScreenshot(agent.page, testInfo, 'agent-desktop-en');
      await expectAccessible(agent.page, testInfo, 'desktop-in-call-en');
      await agent.page.getByTestId('language').selectOption('ja');
    });

    await test.step('the customer hangs up: after-call work, with the record still open', async () => {
      await caller.hangUp();
      await desk.expectState('after-call-work');
      await expect(desk.record).toHaveAttribute('data-stage', 'wrap-up');
    });

    const notes = '住所変更の手続きをご案内。必要書類は後日郵送（サービス停止中に追記）。';
    await test.step('the CTI service stops during after-call work: what the agent types waits, unsent', async () => {
      await stack.stopService();
      await desk.record.getByTestId('record-notes').fill(notes);
      await desk.saveRecord();
      await expect(desk.recordStatus).toHaveAttribute('data-status', 'unsent');
    });

    await test.step('the service is back: the record arrives intact without the agent doing anything', async () => {
      await stack.startService();
      await desk.expectRecordSaved();
      const record = await newestRecord(agent, stack.appUrl, known.number);
      expect(record).toMatchObject({ direction: 'inbound', customerId: known.id, notes, followUpAt: '2026-12-01' });
      expect(record.categoryId).not.toBeNull();
      expect(record.dispositionId).not.toBeNull();
    });

    await test.step('wrap-up finished by hand: available again', async () => {
      await desk.finishWrapUp('available');
    });

    await test.step('a colleague’s call, then a callback from the history', async () => {
      await colleague.call(agent.extension);
      await expect(agent.incomingCall).toBeVisible();
      // An extension is a colleague, not a customer: no new-customer form.
      await expect(desk.customerPane.getByTestId('customer-internal')).toContainText(colleague.extension);
      await expect(desk.newCustomerForm).toHaveCount(0);
      await agent.answer();
      await desk.expectState('on-call');
      await colleague.hangUp();
      await desk.expectState('after-call-work');
      await desk.fillRecord({ category: category.nameJa, disposition: disposition.nameJa, notes: '内線の問い合わせ' });
      await desk.saveRecord();
      await desk.expectRecordSaved();
      await desk.finishWrapUp('available');
      // The colleague wraps their side of the call up too, or the callback would find them busy (486).
      await colleague.desk.fillRecord({ category: category.nameJa, disposition: disposition.nameJa });
      await colleague.desk.saveRecord();
      await colleague.desk.expectRecordSaved();
      await colleague.desk.finishWrapUp('available');

      await agent.page.getByTestId('history-tab-calls').click();
      const row = agent.page.getByTestId('history-call').filter({ hasText: colleague.extension }).first();
      await expect(row).toBeVisible();
      await row.getByTestId('click-to-call').click();
      await expect(colleague.incomingCall).toBeVisible();
      await colleague.answer();
      await agent.expectAudioFlowing();
      await colleague.expectAudioFlowing();
      await agent.hangUp();
      await agent.expectMediaReleased();
    });
  });
});
