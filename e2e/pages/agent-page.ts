import { expect, type Locator, type Page } from '@playwright/test';
import { expectAudioFlowing, readMediaStats, type MediaStats } from '../fixtures/media-probe';
import type { DemoUser } from '../fixtures/stack';
import { DeskPage } from './desk-page';

/** How DTMF is sent: RFC 4733 in the media (default) or SIP INFO. */
export type DtmfMode = 'rfc4733' | 'info';

/** Options of a sign-in through the CTI service. */
export interface SignInOptions {
  readonly dtmfMode?: DtmfMode;
  /**
   * Not used: the CTI service hands out the SIP server and domain with the credentials.
   * Accepted so callers written for the direct form keep compiling.
   */
  readonly server?: string;
  readonly domain?: string;
  /**
   * Press 受付可 after signing in (default true): agents start not ready (受付停止), and
   * Kamailio and the softphone refuse their calls with 480 until they are available.
   */
  readonly available?: boolean;
}

/**
 * Options of a sign-in on the advanced form, straight to a SIP server.
 * @remarks The stack's Kamailio accepts only the short-lived credentials the CTI service
 * issues (auth_ephemeral), so a direct sign-in to it with a plain password fails with 401;
 * `user` and `password` default to this demo user's for SIP servers that know them.
 */
export interface DirectSignInOptions {
  readonly server: string;
  readonly domain: string;
  readonly user?: string;
  readonly password?: string;
  readonly dtmfMode?: DtmfMode;
}

/** The fields of a call record the transfer scenarios look at. */
export interface CallRecordSummary {
  readonly id: string;
  readonly sipCallId: string;
  readonly agentName: string | null;
  readonly direction: 'inbound' | 'outbound';
  readonly remoteNumber: string | null;
  readonly endReason: string | null;
  readonly transferredTo: string | null;
  readonly linkedCallId: string | null;
}

/**
 * The agent's softphone as a QA engineer drives it. Locators use test ids so scenarios run
 * the same in Japanese and English.
 */
export class AgentPage {
  readonly status: Locator;
  readonly dialInput: Locator;
  readonly dialButton: Locator;
  readonly incomingCall: Locator;
  readonly callPanels: Locator;
  readonly notices: Locator;
  readonly callWaiting: Locator;
  /** Why the CTI service refused the sign-in (wrong password, every seat in use, …). */
  readonly signInError: Locator;
  /** The desktop around the softphone: state, screen pop, record, FAQ, history. */
  readonly desk: DeskPage;
  /**
   * The queue the ringing call came through, on its banner: 「キュー: 東京窓口 (2001)」 (the
   * number alone while the name is unknown); absent for a call not routed through a queue.
   * Its `data-queue-number` attribute holds the number.
   */
  readonly incomingQueue: Locator;
  /** The queue each call panel's call came through (one per panel that has one), as {@link AgentPage.incomingQueue}. */
  readonly callQueues: Locator;

  constructor(
    readonly page: Page,
    readonly user: DemoUser,
  ) {
    this.status = page.getByTestId('phone-status');
    this.dialInput = page.getByTestId('dial-input');
    this.dialButton = page.getByTestId('dial-call');
    this.incomingCall = page.getByTestId('incoming-call');
    this.callPanels = page.getByTestId('call-panel');
    this.notices = page.getByTestId('phone-notice');
    this.callWaiting = page.getByTestId('call-waiting');
    this.signInError = page.getByTestId('login-error');
    this.desk = new DeskPage(page);
    this.incomingQueue = page.getByTestId('incoming-queue');
    this.callQueues = page.getByTestId('call-queue');
  }

  /** The extension other agents dial to reach this one. */
  get extension(): string {
    return this.user.user;
  }

  /**
   * Signs in to the CTI service as this demo user (their CTI password is their old SIP
   * password) and waits until the phone has registered with the credentials it was issued.
   */
  async signIn(options: SignInOptions = {}): Promise<void> {
    await this.page.getByTestId('login-username').fill(this.user.user);
    await this.page.getByTestId('login-password').fill(this.user.password);
    if (options.dtmfMode) await this.page.getByTestId('login-dtmf-mode').selectOption(options.dtmfMode);
    await this.page.getByTestId('login-submit').click();
    // A refusal (wrong password, no seat, 429 rate limit) fails here with its message, not as a timeout.
    await expect(this.status.or(this.signInError)).toBeVisible();
    if (await this.signInError.isVisible()) throw new Error(`sign-in of ${this.user.user} refused: ${await this.signInError.innerText()}`);
    await this.expectRegistered();
    if (options.available ?? true) await this.goAvailable();
  }

  /** 受付可: the agent takes calls from now on. */
  async goAvailable(): Promise<void> {
    await this.page.getByTestId('go-available').click();
    await expect(this.page.getByTestId('agent-state')).toHaveAttribute('data-state', 'available');
  }

  /**
   * Opens "advanced: connect directly to a SIP server" and submits the SIP form (no CTI
   * session). Does not wait: follow with {@link AgentPage.expectRegistered} or check the
   * failure on {@link AgentPage.status}.
   */
  async signInDirect(options: DirectSignInOptions): Promise<void> {
    const server = this.page.getByTestId('signin-server');
    if (!(await server.isVisible())) await this.page.getByTestId('login-direct-sip').click();
    await server.fill(options.server);
    await this.page.getByTestId('signin-domain').fill(options.domain);
    await this.page.getByTestId('signin-user').fill(options.user ?? this.user.user);
    await this.page.getByTestId('signin-password').fill(options.password ?? this.user.password);
    await this.page.getByTestId('signin-display-name').fill(this.user.displayName);
    if (options.dtmfMode) await this.page.getByTestId('signin-dtmf-mode').selectOption(options.dtmfMode);
    await this.page.getByTestId('signin-submit').click();
  }

  async expectRegistered(): Promise<void> {
    await expect(this.status).toHaveAttribute('data-state', 'registered');
  }

  /** Dials a number or extension from the dial pad. */
  async call(target: string): Promise<void> {
    await this.dialInput.fill(target);
    await this.dialButton.click();
  }

  /** The queue label of the call panel in `state` (e.g. `callQueueIn('active')` shows 東京窓口 (2001)). */
  callQueueIn(state: string): Locator {
    return this.callIn(state).getByTestId('call-queue');
  }

  /** The panel of the call with the given state (`active`, `held`, `ringing`, …). */
  callIn(state: string): Locator {
    return this.page.locator(`[data-testid="call-panel"][data-state="${state}"]`);
  }

  async answer(): Promise<void> {
    await this.incomingCall.getByTestId('incoming-answer').click();
  }

  async decline(): Promise<void> {
    await this.incomingCall.getByTestId('incoming-reject').click();
  }

  /** Hangs up (or cancels) the call shown in `panel` (the only one by default). */
  async hangUp(panel: Locator = this.callPanels): Promise<void> {
    await panel.getByTestId('call-hangup').click();
  }

  async toggleHold(panel: Locator = this.callPanels): Promise<void> {
    await panel.getByTestId('call-hold').click();
  }

  async toggleMute(panel: Locator = this.callPanels): Promise<void> {
    await panel.getByTestId('call-mute').click();
  }

  /** The customer's call while an attended transfer (相談転送) is in progress. */
  get consultedAboutPanel(): Locator {
    return this.page.locator('[data-testid="call-panel"][data-consultation="customer"]');
  }

  /** The consultation call of an attended transfer in progress. */
  get consultationPanel(): Locator {
    return this.page.locator('[data-testid="call-panel"][data-consultation="consultation"]');
  }

  /** Blind transfer (ブラインド転送) of the call in `panel` (the only one by default) to `target`. */
  async transferBlind(target: string, panel: Locator = this.callPanels): Promise<void> {
    await panel.getByTestId('transfer-target').fill(target);
    await panel.getByTestId('transfer-submit').click();
  }

  /**
   * 相談転送: holds the call in `panel` (the only one by default) and calls `target` to consult
   * them; waits until the consultation shows beside the held customer.
   */
  async consult(target: string, panel: Locator = this.callPanels): Promise<void> {
    await panel.getByTestId('transfer-target').fill(target);
    await panel.getByTestId('transfer-consult').click();
    await expect(this.consultationPanel).toBeVisible();
    await expect(this.consultedAboutPanel).toHaveAttribute('data-state', 'held');
  }

  /** 転送完了: hands the customer to the consulted party (REFER with Replaces). */
  async completeTransfer(): Promise<void> {
    await this.consultationPanel.getByTestId('transfer-complete').click();
  }

  /** 相談を取り消す: hangs up the consultation and goes back to the customer. */
  async cancelConsultation(): Promise<void> {
    await this.consultationPanel.getByTestId('transfer-cancel').click();
  }

  /**
   * The call records this agent may read (their group's), newest first, as the CTI service
   * returns them (GET /api/call-records with the page's session).
   */
  async callRecords(): Promise<CallRecordSummary[]> {
    const response = await this.page.request.get(new URL('/api/call-records?limit=50', this.page.url()).toString());
    if (!response.ok()) throw new Error(`GET /api/call-records: ${response.status()} ${await response.text()}`);
    const page = (await response.json()) as { items: CallRecordSummary[] };
    return page.items;
  }

  /** Opens the in-call keypad and presses each digit. */
  async sendDtmf(digits: string, panel: Locator = this.callPanels): Promise<void> {
    await panel.getByTestId('call-keypad').click();
    for (const digit of digits) {
      const id = digit === '*' ? 'star' : digit === '#' ? 'hash' : digit;
      await panel.getByTestId(`dtmf-key-${id}`).click();
    }
  }

  /**
   * Starts recording every registration state the status indicator shows; the returned
   * function reads the states seen so far (for transitions too quick to catch by polling).
   */
  async recordStatusChanges(): Promise<() => Promise<string[]>> {
    await this.page.evaluate(() => {
      const element = document.querySelector('[data-testid="phone-status"]');
      if (!element) throw new Error('no status indicator');
      const seen: string[] = [];
      (window as unknown as { __statusSeen: string[] }).__statusSeen = seen;
      new MutationObserver(() => {
        const state = element.getAttribute('data-state') ?? '';
        if (seen.at(-1) !== state) seen.push(state);
      }).observe(element, { attributes: true, attributeFilter: ['data-state'] });
    });
    return () => this.page.evaluate(() => [...(window as unknown as { __statusSeen: string[] }).__statusSeen]);
  }

  /** RTP statistics of this page's calls. */
  mediaStats(): Promise<MediaStats> {
    return this.page.evaluate(readMediaStats);
  }

  /** Waits until inbound audio packets keep arriving and carry sound (audio energy grows). */
  expectAudioFlowing(): Promise<void> {
    return expectAudioFlowing(this.page);
  }

  /**
   * Waits until what arrives is silence: packets may still flow (a muted sender sends
   * silence frames) but the received audio energy stops growing.
   */
  async expectSilence(): Promise<void> {
    await expect
      .poll(async () => {
        const first = (await this.mediaStats()).audioEnergy;
        await this.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1500)));
        return (await this.mediaStats()).audioEnergy - first;
      }, { timeout: 20_000 })
      .toBeLessThan(1e-5);
  }

  /** Waits until inbound packets stop rising (e.g. while held). */
  async expectNoAudioArriving(): Promise<void> {
    await expect
      .poll(async () => {
        const first = (await this.mediaStats()).packetsReceived;
        await this.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 600)));
        const second = (await this.mediaStats()).packetsReceived;
        return second - first;
      }, { timeout: 15_000 })
      .toBe(0);
  }

  /** Waits until no peer connection and no microphone track is left open. */
  async expectMediaReleased(): Promise<void> {
    await expect.poll(async () => this.mediaStats(), { timeout: 10_000 }).toMatchObject({ openPeerConnections: 0, liveTracks: 0 });
  }
}
