import { expect, type Page } from '@playwright/test';
import { expectAudioFlowing, readMediaStats, type MediaStats } from '../fixtures/media-probe';

/** What the customer line page exposes (e2e/customer-line/customer-line.ts). */
interface CustomerLineWindow {
  customerLine: {
    call(server: string, domain: string, number: string, extension: string): Promise<void>;
    hangUp(): Promise<void>;
    state(): string;
    refusal(): number | undefined;
  };
}

/**
 * A customer calling from a phone number (an outside caller, not an agent): places calls to
 * the centre, hangs up, and shows what its media did.
 */
export class CustomerPage {
  constructor(
    readonly page: Page,
    /** The number the customer calls from, as the phone network would present it (e.g. `0312345678`). */
    readonly number: string,
    private readonly sipWsUrl: string,
    private readonly domain: string,
  ) {}

  /** Calls an extension (an agent) and returns at once; the call rings there. */
  async call(extension: string): Promise<void> {
    await this.page.evaluate(
      ([server, domain, number, target]) => (window as unknown as CustomerLineWindow).customerLine.call(server, domain, number, target),
      [this.sipWsUrl, this.domain, this.number, extension] as const,
    );
  }

  async hangUp(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as CustomerLineWindow).customerLine.hangUp());
  }

  /** SIP.js's state of the customer's call: `Establishing`, `Established`, `Terminated`. */
  async expectState(state: string): Promise<void> {
    await expect.poll(() => this.page.evaluate(() => (window as unknown as CustomerLineWindow).customerLine.state())).toBe(state);
  }

  /** The final status of a refused call (480, 486, …). */
  refusal(): Promise<number | undefined> {
    return this.page.evaluate(() => (window as unknown as CustomerLineWindow).customerLine.refusal());
  }

  /** RTP statistics of the customer's call. */
  mediaStats(): Promise<MediaStats> {
    return this.page.evaluate(readMediaStats);
  }

  /** Waits until the customer hears the agent (inbound packets with sound). */
  expectAudioFlowing(): Promise<void> {
    return expectAudioFlowing(this.page);
  }
}
