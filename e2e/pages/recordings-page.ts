import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The recordings (録音) below a supervisor's or administrator's board, as a QA engineer uses
 * them: search, the results, and the player of one recording with its retention (保存期限,
 * 延長, 保存期間を終了…, 削除待ち). Locators use test ids so scenarios run the same in Japanese
 * and English.
 */
export class RecordingsPage {
  /** The 録音 button that opens the recordings below the board. */
  readonly tab: Locator;
  readonly number: Locator;
  readonly queue: Locator;
  readonly searchButton: Locator;
  readonly rows: Locator;
  readonly player: Locator;
  /** 保存期限: the date the recording is kept until. */
  readonly retention: Locator;
  /** 削除待ち: the retention ended, the job has not deleted it yet. */
  readonly pendingDeletion: Locator;
  /** The open player's notice that the recording was deleted (削除済み: nothing left to play). */
  readonly deletedNotice: Locator;
  /** 保存期間を終了… (administrators). */
  readonly endRetentionButton: Locator;
  readonly endRetentionDialog: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('recordings-tab');
    this.number = page.getByTestId('recordings-number');
    this.queue = page.getByTestId('recordings-queue');
    this.searchButton = page.getByTestId('recordings-search');
    this.rows = page.getByTestId('recording-row');
    this.player = page.getByTestId('recording-player');
    this.retention = page.getByTestId('recording-retention');
    this.pendingDeletion = page.getByTestId('recording-pending-deletion');
    this.deletedNotice = page.getByTestId('recording-deleted');
    this.endRetentionButton = page.getByTestId('recording-end-retention');
    this.endRetentionDialog = page.getByTestId('recording-end-retention-dialog');
  }

  /** Opens the recordings below the board. */
  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.page.getByTestId('recordings-view')).toBeVisible();
  }

  /** Searches the recordings of calls from (or to) `number`. */
  async searchByNumber(number: string): Promise<void> {
    await this.number.fill(number);
    await this.searchButton.click();
    await expect(this.searchButton).toBeEnabled();
  }

  /** The result row of the call with this SIP Call-ID. */
  rowOfCall(sipCallId: string): Locator {
    return this.page.locator(`[data-testid="recording-row"][data-sip-call-id="${sipCallId}"]`);
  }

  /** The status a result row shows: 録音中, 完了, 失敗, 削除待ち. */
  status(row: Locator): Locator {
    return row.getByTestId('recording-status');
  }

  /** Opens a result in the player. */
  async openRow(row: Locator): Promise<void> {
    await row.getByTestId('recording-open').click();
    await expect(this.player).toBeVisible();
  }

  /**
   * 保存期間を終了… from the keyboard: the dialog asks why, the reason is typed, and the end
   * confirmed; the dialog closes once the service accepted it.
   */
  async endRetention(reason: string): Promise<void> {
    await this.endRetentionButton.focus();
    await this.page.keyboard.press('Enter');
    await expect(this.endRetentionDialog).toBeVisible();
    await this.endRetentionDialog.getByTestId('recording-end-retention-reason').fill(reason);
    await this.endRetentionDialog.getByTestId('recording-end-retention-confirm').click();
    await expect(this.endRetentionDialog).toBeHidden();
  }
}
