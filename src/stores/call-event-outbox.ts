import type { ApiError, ApiResult } from '../api/api-error';
import { backoffDelay, defaultBackoff, type Backoff } from '../api/backoff';
import { callEventRequestSchema, sipCallIdSchema, type CallEventRequest, type CallEventResult } from '../contract/call-records';

/** One call event waiting to be filed. */
export interface OutboxEntry {
  readonly sipCallId: string;
  readonly event: CallEventRequest;
}

/**
 * Where the outbox stands.
 * @remarks `idle`: nothing to send or closed; `sending`: a request is out; `retrying`: the
 * service or the network failed and the head is tried again at `retryAt` (epoch ms);
 * `waiting-for-session`: the service wants a new sign-in (401, stale CSRF token), so the
 * events wait in storage for the next session.
 */
export type OutboxStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'retrying'; readonly attempt: number; readonly retryAt: number }
  | { readonly kind: 'waiting-for-session' };

/** What the outbox needs; injected so tests use the mock service, fake timers and memory storage. */
export interface CallEventOutboxOptions {
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  /** Files one event (CallRecordsApi.fileCallEvent). */
  readonly file: (sipCallId: string, event: CallEventRequest) => Promise<ApiResult<CallEventResult>>;
  /** The service took an event; its answer carries the record's id and version. */
  readonly onFiled: (entry: OutboxEntry, result: CallEventResult) => void;
  /** The service refused an event for good (400, 403, 404): it is dropped, never retried. */
  readonly onRefused: (entry: OutboxEntry, error: ApiError) => void;
  /** The count of waiting events or the status changed. */
  readonly onChange: (pending: number, status: OutboxStatus) => void;
  readonly backoff?: Backoff;
  readonly now?: () => number;
  readonly random?: () => number;
}

const storageKeyPrefix = 'tsunagu.desk.outbox.';

/**
 * A durable, ordered queue of call events for the CTI service, kept in storage per user.
 *
 * @remarks
 * Events are written to storage before anything is sent, so a network failure, a service
 * outage or a page reload loses none: the next session of the same user sends what is left.
 * They go one at a time in the order they happened; a failure without an answer, a 5xx or a
 * 429 keeps the head and tries it again with exponential backoff (re-sending after an unknown
 * outcome is safe: the service files events idempotently by Call-ID, phase and instant).
 * A 401 or a CSRF refusal pauses the queue until the next {@link CallEventOutbox.open}; any
 * other 4xx means the event can never be filed, so it is dropped and reported.
 */
export class CallEventOutbox {
  private entries: OutboxEntry[] = [];
  private userId: string | undefined;
  private statusValue: OutboxStatus = { kind: 'idle' };
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private sending = false;
  /** Bumped by open() and close() so an answer of an older session is ignored. */
  private epoch = 0;
  private readonly backoff: Backoff;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: CallEventOutboxOptions) {
    this.backoff = options.backoff ?? defaultBackoff;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Events not yet filed, in order. */
  get pending(): readonly OutboxEntry[] {
    return this.entries;
  }

  /** Where the queue stands. */
  get status(): OutboxStatus {
    return this.statusValue;
  }

  /**
   * Starts a session of `userId`: loads the events kept from earlier ones and sends them.
   * @remarks Events of another user stay in storage under their own key.
   */
  open(userId: string): void {
    this.stopTimer();
    this.epoch += 1;
    this.userId = userId;
    this.entries = readEntries(this.options.storage, userId);
    this.attempt = 0;
    this.sending = false;
    this.setStatus({ kind: 'idle' });
    this.kick();
  }

  /** Stops sending (sign-out); what is left stays in storage for the user's next session. */
  close(): void {
    this.stopTimer();
    this.epoch += 1;
    this.userId = undefined;
    this.entries = [];
    this.sending = false;
    this.setStatus({ kind: 'idle' });
  }

  /**
   * Queues one event behind the others and stores it at once.
   * @throws Error when no session is open (a bug: events belong to a signed-in agent).
   */
  add(sipCallId: string, event: CallEventRequest): void {
    if (this.userId === undefined) throw new Error('call event filed without a signed-in agent');
    this.entries = [...this.entries, { sipCallId, event }];
    this.persist();
    this.notify();
    this.kick();
  }

  /** Tries a waiting head now instead of at its backoff time (the browser came back online). */
  retryNow(): void {
    if (this.statusValue.kind !== 'retrying') return;
    this.stopTimer();
    this.kick();
  }

  private kick(): void {
    if (this.sending || this.retryTimer !== undefined || this.userId === undefined) return;
    if (this.statusValue.kind === 'waiting-for-session') return;
    const head = this.entries[0];
    if (head === undefined) {
      this.setStatus({ kind: 'idle' });
      return;
    }
    void this.send(head);
  }

  private async send(head: OutboxEntry): Promise<void> {
    const epoch = this.epoch;
    this.sending = true;
    this.setStatus({ kind: 'sending' });
    const result = await this.options.file(head.sipCallId, head.event);
    if (epoch !== this.epoch) return;
    this.sending = false;
    if (result.ok) {
      this.attempt = 0;
      this.drop(head);
      this.options.onFiled(head, result.value);
    } else if (isRetryable(result.error)) {
      this.attempt += 1;
      const delay = backoffDelay(this.backoff, this.attempt, this.random);
      this.setStatus({ kind: 'retrying', attempt: this.attempt, retryAt: this.now() + delay });
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.kick();
      }, delay);
      return;
    } else if (needsSession(result.error)) {
      this.setStatus({ kind: 'waiting-for-session' });
      return;
    } else {
      this.attempt = 0;
      this.drop(head);
      this.options.onRefused(head, result.error);
    }
    this.kick();
  }

  private drop(entry: OutboxEntry): void {
    this.entries = this.entries.filter((candidate) => candidate !== entry);
    this.persist();
    this.notify();
  }

  private setStatus(status: OutboxStatus): void {
    if (status.kind === this.statusValue.kind && status.kind !== 'retrying') return;
    this.statusValue = status;
    this.notify();
  }

  private notify(): void {
    this.options.onChange(this.entries.length, this.statusValue);
  }

  private persist(): void {
    const storage = this.options.storage;
    if (!storage || this.userId === undefined) return;
    const key = storageKeyPrefix + this.userId;
    try {
      if (this.entries.length === 0) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(this.entries));
    } catch (error) {
      // Storage full or blocked: the events still go out from memory while the page lives.
      console.warn('call events could not be kept in local storage', error);
    }
  }

  private stopTimer(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}

/**
 * No answer, a failing service, or "slow down": the same request may succeed later.
 * @remarks A success outside the contract is not retried: the service took the request.
 */
export function isRetryable(error: ApiError): boolean {
  if (error.kind === 'network') return true;
  if (error.kind === 'invalid-response') return false;
  return error.status >= 500 || error.status === 429 || error.status === 408;
}

/** The session is gone or its CSRF token is stale: only a new sign-in helps. */
export function needsSession(error: ApiError): boolean {
  return error.kind === 'http' && (error.status === 401 || (error.status === 403 && error.code === 'csrf'));
}

/** The stored events of `userId`; entries that no longer match the contract are skipped. */
function readEntries(storage: CallEventOutboxOptions['storage'], userId: string): OutboxEntry[] {
  const raw = storage?.getItem(storageKeyPrefix + userId);
  if (!raw) return [];
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    console.warn('stored call events are not JSON; they are skipped');
    return [];
  }
  if (!Array.isArray(stored)) return [];
  const entries: OutboxEntry[] = [];
  for (const item of stored as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { sipCallId, event } = item as { sipCallId?: unknown; event?: unknown };
    const id = sipCallIdSchema.safeParse(sipCallId);
    const parsed = callEventRequestSchema.safeParse(event);
    if (id.success && parsed.success) entries.push({ sipCallId: id.data, event: parsed.data });
  }
  return entries;
}
