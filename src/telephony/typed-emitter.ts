/**
 * A minimal, synchronous, typed event emitter.
 *
 * @remarks
 * The telephony core reports every outcome as an event; stores subscribe with {@link TypedEmitter.on}
 * and get back an unsubscribe function, so a store can be torn down without leaking listeners.
 * A throwing listener is isolated: it is reported through `onListenerError` and the others still run.
 */
export class TypedEmitter<Events extends { [K in keyof Events]: (...args: never[]) => void }> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  constructor(private readonly onListenerError: (error: unknown) => void = reportListenerError) {}

  /** Subscribes to one event; returns the function that unsubscribes. */
  on<K extends keyof Events>(event: K, listener: Events[K]): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => this.off(event, listener);
  }

  /** Subscribes to the next occurrence of one event only. */
  once<K extends keyof Events>(event: K, listener: Events[K]): () => void {
    const wrapper = ((...args: Parameters<Events[K]>) => {
      this.off(event, wrapper);
      (listener as (...a: Parameters<Events[K]>) => void)(...args);
    }) as unknown as Events[K];
    return this.on(event, wrapper);
  }

  /** Removes one listener. */
  off<K extends keyof Events>(event: K, listener: Events[K]): void {
    this.listeners.get(event)?.delete(listener);
  }

  /** Number of listeners, all events together: used by tests to prove teardown leaves none. */
  get listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  /** Removes every listener. */
  removeAllListeners(): void {
    this.listeners.clear();
  }

  protected emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (...a: Parameters<Events[K]>) => void)(...args);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}

function reportListenerError(error: unknown): void {
  console.error('[telephony] event listener threw', error);
}
