import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

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
   * administrator), then waits until the board is live.
   */
  static async signIn(browser: Browser, appUrl: string, username: string, password: string, options: { locale?: string } = {}): Promise<SupervisorPage> {
    const context = await browser.newContext({ locale: options.locale ?? 'ja-JP', viewport: { width: 1600, height: 1000 } });
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
