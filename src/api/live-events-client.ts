import { liveEventSchema, type LiveEvent } from '../contract/events';
import { backoffDelay, defaultBackoff, type Backoff } from './backoff';
import { canTransition, type LiveEventsCloseReason, type LiveEventsState } from './live-events-state';

/** The part of the browser's WebSocket the client uses; tests may pass a fake. */
export interface LiveEventsSocket {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(code?: number, reason?: string): void;
}

/** Options of {@link LiveEventsClient}; every one has a production default. */
export interface LiveEventsClientOptions {
  /** `ws(s)://<this host>/api/events` by default. */
  readonly url?: string;
  /** Opens the socket; `new WebSocket(url)` by default. */
  readonly createSocket?: (url: string) => LiveEventsSocket;
  readonly backoff?: Partial<Backoff>;
  readonly now?: () => number;
  readonly random?: () => number;
}

/** What the client reports. */
export interface LiveEventsListeners {
  /** A message that matched the contract. */
  event: (event: LiveEvent) => void;
  state: (state: LiveEventsState) => void;
  /** A message that did not match the contract; it is dropped. */
  'invalid-message': (problem: string) => void;
}

/** Close codes of the service's live-events route. */
const closeCodes = { normal: 1000, unauthenticated: 4401, forbidden: 4403 } as const;

/**
 * The live-events WebSocket of the CTI service (`/api/events`): agent-state and call events,
 * zod-parsed and typed.
 *
 * @remarks
 * Authenticated by the session cookie, so open it after sign-in. A connection lost for any
 * other reason than {@link LiveEventsClient.close} is opened again with exponential backoff;
 * a refusal by the service (4401 not signed in, 4403 wrong origin) is final. `close()` is
 * clean: code 1000, no reconnect, no event after it.
 */
export class LiveEventsClient {
  private stateValue: LiveEventsState = { name: 'idle' };
  private socket: LiveEventsSocket | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private readonly listeners: { [K in keyof LiveEventsListeners]: Set<LiveEventsListeners[K]> } = {
    event: new Set(),
    state: new Set(),
    'invalid-message': new Set(),
  };
  private readonly url: string;
  private readonly createSocket: (url: string) => LiveEventsSocket;
  private readonly backoff: Backoff;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(options: LiveEventsClientOptions = {}) {
    this.url = options.url ?? defaultUrl();
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url));
    this.backoff = { ...defaultBackoff, ...options.backoff };
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Current connection state. */
  get state(): LiveEventsState {
    return this.stateValue;
  }

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof LiveEventsListeners>(type: K, listener: LiveEventsListeners[K]): () => void {
    const set = this.listeners[type] as Set<LiveEventsListeners[K]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Opens the connection; does nothing while it is already open or being opened. */
  open(): void {
    if (this.stateValue.name !== 'idle' && this.stateValue.name !== 'closed') return;
    this.attempt = 0;
    this.connect();
  }

  /** Closes the connection for good (sign-out); no reconnect and no event follow. */
  close(): void {
    this.finish('closed');
  }

  private connect(): void {
    this.retryTimer = undefined;
    this.attempt += 1;
    this.transition({ name: 'connecting', attempt: this.attempt });
    let socket: LiveEventsSocket;
    try {
      socket = this.createSocket(this.url);
    } catch {
      this.scheduleRetry(closeCodes.normal);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.transition({ name: 'open', since: this.now() });
    };
    socket.onmessage = (message) => this.receive(message.data);
    // An error is always followed by a close, which decides what happens next.
    socket.onerror = () => undefined;
    socket.onclose = (event) => {
      this.detach(socket);
      if (event.code === closeCodes.unauthenticated) this.finish('unauthenticated');
      else if (event.code === closeCodes.forbidden) this.finish('forbidden');
      else this.scheduleRetry(event.code);
    };
  }

  private receive(data: unknown): void {
    let json: unknown;
    try {
      json = typeof data === 'string' ? JSON.parse(data) : undefined;
    } catch {
      json = undefined;
    }
    const parsed = liveEventSchema.safeParse(json);
    if (!parsed.success) {
      const problem = json === undefined ? 'not a JSON text message' : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
      for (const listener of this.listeners['invalid-message']) listener(problem);
      return;
    }
    for (const listener of this.listeners.event) listener(parsed.data);
  }

  private scheduleRetry(code: number): void {
    const delay = backoffDelay(this.backoff, this.attempt, this.random);
    this.transition({ name: 'reconnecting', attempt: this.attempt, retryAt: this.now() + delay, code });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private finish(reason: LiveEventsCloseReason): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const socket = this.socket;
    if (socket) {
      this.detach(socket);
      socket.close(closeCodes.normal, 'closed by the client');
    }
    this.transition({ name: 'closed', reason });
  }

  private detach(socket: LiveEventsSocket): void {
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
    if (this.socket === socket) this.socket = undefined;
  }

  private transition(next: LiveEventsState): void {
    const previous = this.stateValue;
    if (previous.name === next.name && next.name !== 'connecting' && next.name !== 'reconnecting') return;
    if (previous.name !== next.name && !canTransition(previous.name, next.name)) {
      throw new Error(`illegal live-events transition ${previous.name} → ${next.name}`);
    }
    this.stateValue = next;
    for (const listener of this.listeners.state) listener(next);
  }
}

function defaultUrl(): string {
  const page = new URL(typeof location === 'undefined' ? 'http://localhost/' : location.href);
  return `${page.protocol === 'https:' ? 'wss' : 'ws'}://${page.host}/api/events`;
}
