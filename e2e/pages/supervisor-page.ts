import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { installMediaProbe } from '../fixtures/media-probe';

/**
 * A supervisor's live board (監視盤) as a QA engineer looks at it: agents by extension with
 * their state, time in state and current call, and the queues' figures. Locators use test ids
 * so scenarios run the same in Japanese and English.
 */
export class SupervisorPage {
  /** The whole board; visible once the supervisor is signed in. */
  readonly board: Locator;
  /** `open` while the board follows the service's live events. */
  readonly connection: Locator;
  readonly agentRows: Locator;
  readonly queueRows: Locator;
  readonly search: Locator;

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
  ) {
    this.board = page.getByTestId('supervisor-board');
    this.connection = page.getByTestId('board-connection');
    this.agentRows = page.getByTestId('board-agent-row');
    this.queueRows = page.getByTestId('board-queue-row');
    this.search = page.getByTestId('board-search');
  }

  /**
   * Opens the app in a browser context of its own and signs in as a supervisor (or
   * administrator), then waits until the board is live. The page may use the (fake)
   * microphone, whose tone is the supervisor's voice when monitoring, and carries the media
   * probe so tests read what its monitoring leg receives.
   */
  static async signIn(browser: Browser, appUrl: string, username: string, password: string, options: { locale?: string } = {}): Promise<SupervisorPage> {
    const context = await browser.newContext({ locale: options.locale ?? 'ja-JP', viewport: { width: 1600, height: 1000 }, permissions: ['microphone'] });
    await context.addInitScript(installMediaProbe);
    const page = await context.newPage();
    await page.goto(appUrl);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    const supervisor = new SupervisorPage(page, context);
    await expect(supervisor.board).toBeVisible();
    await expect(supervisor.connection).toHaveAttribute('data-state', 'open');
    return supervisor;
  }

  /** The row of the agent with this extension. */
  agent(extension: string): Locator {
    return this.page.locator(`[data-testid="board-agent-row"][data-extension="${extension}"]`);
  }

  /** The agent's state as the board shows it: 受付可, 受付停止 (休憩), 通話中, 後処理, オフライン. */
  agentState(extension: string): Locator {
    return this.agent(extension).getByTestId('board-agent-state');
  }

  /** How long the agent has been in their state (m:ss). */
  timeInState(extension: string): Locator {
    return this.agent(extension).getByTestId('board-agent-time');
  }

  /** The other party of the agent's current call, e.g. 03-1234-5678. */
  callNumber(extension: string): Locator {
    return this.agent(extension).getByTestId('board-call-number');
  }

  /** The queue the agent's current call came through: 東京窓口 (2001). */
  callQueue(extension: string): Locator {
    return this.agent(extension).getByTestId('board-call-queue');
  }

  /** How long the agent's current call has been answered (m:ss), or 呼出中 while it rings. */
  callDuration(extension: string): Locator {
    return this.agent(extension).getByTestId('board-call-duration');
  }

  /** The server-side recording flag of the agent's current call: 録音中 (`data-status="recording"`) or 一時停止中 (`paused`). */
  recordingFlag(extension: string): Locator {
    return this.agent(extension).getByTestId('board-recording-flag');
  }

  /** The agent row's button that starts listening to the agent's call (モニタリング). */
  monitorButton(extension: string): Locator {
    return this.agent(extension).getByRole('button', { name: /の通話をモニタリング$|^Listen to / });
  }

  /** The monitoring controls of the agent's row while the supervisor is in the call. */
  monitoring(extension: string): Locator {
    return this.agent(extension).getByRole('group');
  }

  /** A mode button of the active monitoring controls: モニタリング, ささやき, 割り込み, or 監視終了. */
  monitoringButton(extension: string, label: 'モニタリング' | 'ささやき' | '割り込み' | '監視終了'): Locator {
    return this.monitoring(extension).getByRole('button', { name: label, exact: true });
  }

  /** The row of the queue with this number. */
  queue(number: string): Locator {
    return this.page.locator(`[data-testid="board-queue-row"][data-number="${number}"]`);
  }

  /** Seconds shown by an m:ss (or h:mm:ss) duration. */
  static seconds(text: string): number {
    return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  }

  /** Signs out and closes the supervisor's browser context. */
  async close(): Promise<void> {
    await this.context.close();
  }
}
