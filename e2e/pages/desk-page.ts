import { expect, type Locator, type Page } from '@playwright/test';

/** Agent states as the state bar shows them in `data-state`. */
export type AgentStateName = 'offline' | 'available' | 'not-ready' | 'on-call' | 'after-call-work';

/**
 * The agent desktop around the softphone as a QA engineer drives it: the state bar, the
 * screen pop, the call record, the FAQ and the history. Test ids, so it reads the same in
 * Japanese and English.
 */
export class DeskPage {
  readonly state: Locator;
  readonly customerPane: Locator;
  readonly customerName: Locator;
  readonly customerHistory: Locator;
  readonly newCustomerForm: Locator;
  readonly record: Locator;
  readonly recordStatus: Locator;
  readonly faqSearch: Locator;
  readonly faqResults: Locator;
  readonly faqArticleTitle: Locator;
  readonly historyPane: Locator;
  /** The queue the current call came through, on its call record: 東京窓口 (2001); absent for other calls. */
  readonly recordQueue: Locator;

  constructor(readonly page: Page) {
    this.state = page.getByTestId('agent-state');
    this.customerPane = page.getByTestId('customer-pane');
    this.customerName = page.getByTestId('customer-name');
    this.customerHistory = page.getByTestId('customer-history');
    this.newCustomerForm = page.getByTestId('new-customer-form');
    this.record = page.getByTestId('record-panel');
    this.recordStatus = page.getByTestId('record-status');
    this.faqSearch = page.getByTestId('faq-search');
    this.faqResults = page.getByTestId('faq-result');
    this.faqArticleTitle = page.getByTestId('faq-article-title');
    this.historyPane = page.getByTestId('history-pane');
    this.recordQueue = page.getByTestId('record-queue');
  }

  async expectState(state: AgentStateName): Promise<void> {
    await expect(this.state).toHaveAttribute('data-state', state);
  }

  async goAvailable(): Promise<void> {
    await this.page.getByTestId('go-available').click();
    await this.expectState('available');
  }

  /** Not ready with a reason of the centre's list (`break`, `lunch`, …). */
  async goNotReady(reasonCode: string): Promise<void> {
    await this.page.getByTestId('go-not-ready').click();
    await this.page.getByTestId('not-ready-reason').locator(`[data-reason="${reasonCode}"]`).click();
    await expect(this.state).toHaveAttribute('data-reason', reasonCode);
  }

  /** Chooses a category and a disposition by their visible names and types notes. */
  async fillRecord(fields: { category: string; disposition: string; notes?: string; followUp?: string }): Promise<void> {
    await this.record.getByTestId('record-category').selectOption({ label: fields.category });
    await this.record.getByTestId('record-disposition').selectOption({ label: fields.disposition });
    if (fields.notes !== undefined) await this.record.getByTestId('record-notes').fill(fields.notes);
    if (fields.followUp !== undefined) await this.record.getByTestId('record-follow-up').fill(fields.followUp);
  }

  async saveRecord(): Promise<void> {
    await this.record.getByTestId('record-save').click();
  }

  async expectRecordSaved(): Promise<void> {
    await expect(this.recordStatus).toHaveAttribute('data-status', 'saved', { timeout: 30_000 });
  }

  /** Presses 後処理完了 and waits for the state that follows. */
  async finishWrapUp(next: AgentStateName = 'available'): Promise<void> {
    await this.page.getByTestId('finish-wrap-up').click();
    await this.expectState(next);
  }

  /** Types a query into the FAQ search and waits for results. */
  async searchFaq(query: string): Promise<void> {
    await this.faqSearch.fill(query);
    await expect(this.faqResults.first()).toBeVisible();
  }
}
