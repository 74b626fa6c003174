import type { ApiError, ApiResult } from '../api/api-error';
import { backoffDelay, defaultBackoff, type Backoff } from '../api/backoff';
import type { AgentStateChange, AgentStatusDto } from '../contract/events';
import { isRetryable, needsSession } from './call-event-outbox';

/**
 * Whether the service knows the agent's current state.
 * @remarks `synced`: the latest change was stored; `sending`: it is on its way; `retrying`:
 * the service or network failed and it is sent again at `retryAt` (epoch ms); `refused`: the
 * service refused it for good (an unknown not-ready reason, a user without a phone); the
 * error's `code` says why.
 */
export type AgentStateSync =
  | { readonly kind: 'synced' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'retrying'; readonly attempt: number; readonly retryAt: number }
  | { readonly kind: 'refused'; readonly change: AgentStateChange; readonly error: ApiError };

/** What the reporter needs; injected so tests use the mock service and fake timers. */
export interface AgentStateReporterOptions {
  /** Sends one change (AgentsApi.setMyState). */
  readonly send: (change: AgentStateChange) => Promise<ApiResult<AgentStatusDto>>;
  readonly onSync: (sync: AgentStateSync) => void;
  readonly backoff?: Backoff;
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * Sends the agent's state to the CTI service (PUT /api/agents/me/state): the latest change
 * wins, failures are retried with backoff, and nothing waits for it.
 *
 * @remarks
 * Only the newest state matters to routing and to the supervisors' board, so a change made
 * while another is on its way replaces it, and one waiting for a retry is replaced by the next.
 * The phone never waits for the service: it refuses or accepts calls by the local state.
 */
export class AgentStateReporter {
  private desired: AgentStateChange | undefined;
  private inFlight = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by stop() so a late answer of a stopped session is ignored. */
  private epoch = 0;
  private readonly backoff: Backoff;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: AgentStateReporterOptions) {
    this.backoff = options.backoff ?? defaultBackoff;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Sends `change` now, or as soon as the change on its way has been answered. */
  report(change: AgentStateChange): void {
    this.desired = change;
    this.attempt = 0;
    this.stopTimer();
    if (!this.inFlight) void this.flush();
  }

  /** Sends a change waiting for its retry now (the browser came back online). */
  retryNow(): void {
    if (this.retryTimer === undefined) return;
    this.stopTimer();
    void this.flush();
  }

  /** Forgets what was not sent (sign-out); answers still on their way are ignored. */
  stop(): void {
    this.epoch += 1;
    this.desired = undefined;
    this.inFlight = false;
    this.attempt = 0;
    this.stopTimer();
  }

  private async flush(): Promise<void> {
    const change = this.desired;
    if (change === undefined) return;
    const epoch = this.epoch;
    this.inFlight = true;
    this.options.onSync({ kind: 'sending' });
    const result = await this.options.send(change);
    if (epoch !== this.epoch) return;
    this.inFlight = false;
    if (this.desired !== change) {
      void this.flush();
      return;
    }
    if (result.ok) {
      this.desired = undefined;
      this.attempt = 0;
      this.options.onSync({ kind: 'synced' });
    } else if (isRetryable(result.error) && !needsSession(result.error)) {
      this.attempt += 1;
      const delay = backoffDelay(this.backoff, this.attempt, this.random);
      this.options.onSync({ kind: 'retrying', attempt: this.attempt, retryAt: this.now() + delay });
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        void this.flush();
      }, delay);
    } else {
      this.desired = undefined;
      this.options.onSync({ kind: 'refused', change, error: result.error });
    }
  }

  private stopTimer(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
