import { AgentsApi } from '../api/agents-api';
import { ApiClient } from '../api/api-client';
import type { Backoff } from '../api/backoff';
import { CallRecordsApi } from '../api/call-records-api';
import type { RequiredRecordField } from '../contract/desk-policy';
import { createDeskStore, type DeskStore, type WrapUpCheck } from '../stores/desk-store';
import { createPhoneStore, type PhoneStore } from '../stores/phone-store';
import { createSessionStore, type SessionStore } from '../stores/session-store';
import type { FakeSipNetwork } from './sip/fake-sip-network';
import { createTestPhone } from './sip/test-phones';

/** Storage as the desk uses it, in memory. */
export type MemoryStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A fresh, empty storage (one browser profile's localStorage). */
export function memoryStorage(): MemoryStorage {
  const data = new Map<string, string>();
  return { getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value), removeItem: (key) => void data.delete(key) };
}

/** One browser tab of the agent desktop: phone, CTI session and desk stores. */
export interface DeskTab {
  readonly phone: PhoneStore;
  readonly session: SessionStore;
  readonly desk: DeskStore;
}

/** Retries quick enough for tests (20 ms doubling to 80 ms, no jitter). */
export const quickRetries: Backoff = { initialDelayMs: 20, maxDelayMs: 80, factor: 2, jitter: 0 };

/**
 * The stores of one tab as main.tsx wires them, over the mock CTI service (MSW) and phones on
 * `network`; `storage` stands for the browser profile's localStorage (share it to reload).
 */
export function openDeskTab(network: FakeSipNetwork, storage: MemoryStorage): DeskTab {
  const phone = createPhoneStore({
    createPhone: (options) => createTestPhone(network, options.user, options).phone,
    tones: { unlock: () => undefined, play: () => undefined, stop: () => undefined },
    storage: undefined,
    mark: () => undefined,
  });
  const api = new ApiClient({ reportUnexpected: () => undefined, timeoutMs: 2000 });
  const session = createSessionStore({ api, phone });
  const desk = createDeskStore({ phone, session, agents: new AgentsApi(api), callRecords: new CallRecordsApi(api), storage, backoff: quickRetries });
  return { phone, session, desk };
}

/** A stand-in for the call-record store's required-field check, filled by the test. */
export class RecordFields implements WrapUpCheck {
  private readonly filled = new Set<RequiredRecordField>();
  private readonly listeners = new Set<() => void>();
  missing(_sipCallId: string, required: readonly RequiredRecordField[]): readonly RequiredRecordField[] {
    return required.filter((field) => !this.filled.has(field));
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  fill(...fields: RequiredRecordField[]): void {
    for (const field of fields) this.filled.add(field);
    for (const listener of this.listeners) listener();
  }
}
