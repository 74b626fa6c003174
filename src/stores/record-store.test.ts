import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/api-client';
import type { ApiResult } from '../api/api-error';
import { CallRecordsApi } from '../api/call-records-api';
import { CustomersApi } from '../api/customers-api';
import { demoCallCategories, demoDispositions } from '../testing/msw/demo-call-codes';
import { faults } from '../testing/msw/faults';
import { installMockService } from '../testing/msw/install-mock-service';
import { server } from '../testing/msw/server';
import { signedInClient } from '../testing/msw/signed-in-client';
import { createRecordStore, draftStorageKey, missingRequiredFields, offeredCodes, type DraftStorage, type RecordStore } from './record-store';

installMockService();

/** localStorage as a map, shared by the stores of one test as a reloaded tab shares it. */
class MemoryStorage implements DraftStorage {
  readonly entries = new Map<string, string>();
  getItem(key: string): string | null {
    return this.entries.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.entries.set(key, value);
  }
  removeItem(key: string): void {
    this.entries.delete(key);
  }
}

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const userId = 'agent-1001';
const stores: RecordStore[] = [];
let storage: MemoryStorage;
let client: ApiClient;
let api: CallRecordsApi;

function newStore(overrides: { keepSavedMs?: number; now?: () => number } = {}): RecordStore {
  const store = createRecordStore({ client, userId, storage, debounceMs: 10, backoff: { initialDelayMs: 20, maxDelayMs: 80, factor: 2, jitter: 0 }, ...overrides });
  stores.push(store);
  return store;
}

/** An answered inbound call of agent 1001, as the softphone files it: the service creates its record. */
async function answeredCall(sipCallId: string): Promise<string> {
  const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
  const call = { direction: 'inbound', remoteNumber: '03-5550-1234' } as const;
  valueOf(await api.fileCallEvent(sipCallId, { ...call, phase: 'offered', at: at(20) }));
  return valueOf(await api.fileCallEvent(sipCallId, { ...call, phase: 'answered', at: at(10) })).callRecordId;
}

function draftOf(store: RecordStore, sipCallId: string) {
  const draft = store.getState().drafts[sipCallId];
  if (!draft) throw new Error(`no draft for ${sipCallId}`);
  return draft;
}

const billing = demoCallCategories[0]?.id ?? '';
const resolved = demoDispositions[0]?.id ?? '';

beforeEach(async () => {
  storage = new MemoryStorage();
  ({ client } = await signedInClient('1001'));
  api = new CallRecordsApi(client);
});

afterEach(() => {
  for (const store of stores.splice(0)) store.getState().dispose();
});

describe('record store', () => {
  it('keeps what the agent typed in local storage: a new store over the same storage has it and sends it', async () => {
    const first = newStore();
    first.getState().track({ sipCallId: 'call-1', callRecordId: undefined, customerId: null });
    first.getState().edit('call-1', { notes: '住所変更のご依頼', categoryId: billing });
    expect(storage.getItem(draftStorageKey(userId))).toContain('住所変更のご依頼');
    first.getState().dispose();

    const reloaded = newStore();
    expect(draftOf(reloaded, 'call-1').fields).toMatchObject({ notes: '住所変更のご依頼', categoryId: billing });
    expect(draftOf(reloaded, 'call-1').unsent).toEqual(expect.arrayContaining(['notes', 'categoryId']));

    const callRecordId = await answeredCall('call-1');
    reloaded.getState().track({ sipCallId: 'call-1', callRecordId, customerId: null });
    await vi.waitFor(() => expect(draftOf(reloaded, 'call-1').status).toBe('saved'));
    expect(valueOf(await api.getCallRecord(callRecordId))).toMatchObject({ notes: '住所変更のご依頼', categoryId: billing });
  });

  it('keeps each user’s drafts apart', () => {
    const mine = newStore();
    mine.getState().edit('call-2', { notes: 'メモ' });
    const someoneElse = createRecordStore({ client, userId: 'agent-1002', storage });
    stores.push(someoneElse);
    expect(someoneElse.getState().drafts).toEqual({});
  });

  it('goes unsent while the service is unreachable and sends the same values once it is back', async () => {
    const callRecordId = await answeredCall('call-3');
    const store = newStore();
    store.getState().track({ sipCallId: 'call-3', callRecordId, customerId: null });
    await vi.waitFor(() => expect(draftOf(store, 'call-3').status).toBe('saved'));

    server.use(faults.unreachable('patch', '/api/call-records/:id'));
    store.getState().edit('call-3', { notes: '折り返し希望', dispositionId: resolved });
    await vi.waitFor(() => expect(draftOf(store, 'call-3').status).toBe('unsent'));
    expect(draftOf(store, 'call-3').error).toEqual({ kind: 'network' });
    expect(valueOf(await api.getCallRecord(callRecordId)).notes).toBe('');

    server.resetHandlers();
    await vi.waitFor(() => expect(draftOf(store, 'call-3').status).toBe('saved'), { timeout: 2000 });
    expect(valueOf(await api.getCallRecord(callRecordId))).toMatchObject({ notes: '折り返し希望', dispositionId: resolved });
    expect(draftOf(store, 'call-3').savedAt).toBeTypeOf('number');
  });

  it('sends unsent drafts at once when the browser is back online', async () => {
    const callRecordId = await answeredCall('call-11');
    const online = new EventTarget();
    const store = createRecordStore({ client, userId, storage, debounceMs: 10, backoff: { initialDelayMs: 60_000, maxDelayMs: 60_000, factor: 1, jitter: 0 }, onlineEvents: online });
    stores.push(store);
    server.use(faults.unreachable('get', '/api/call-records/:id'));
    store.getState().track({ sipCallId: 'call-11', callRecordId, customerId: null });
    store.getState().edit('call-11', { notes: '回線断の間のメモ' });
    await vi.waitFor(() => expect(draftOf(store, 'call-11').status).toBe('unsent'));

    server.resetHandlers();
    online.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(draftOf(store, 'call-11').status).toBe('saved'));
    expect(valueOf(await api.getCallRecord(callRecordId)).notes).toBe('回線断の間のメモ');
  });

  it('retries a 500 too, and a reload while it is down still has the draft', async () => {
    const callRecordId = await answeredCall('call-4');
    server.use(faults.serverError('get', '/api/call-records/:id'));
    const store = newStore();
    store.getState().track({ sipCallId: 'call-4', callRecordId, customerId: null });
    store.getState().edit('call-4', { notes: 'サービス停止中の入力' });
    await vi.waitFor(() => expect(draftOf(store, 'call-4')).toMatchObject({ status: 'unsent', error: { kind: 'service', status: 500 } }));
    store.getState().dispose();

    server.resetHandlers();
    const reloaded = newStore();
    await vi.waitFor(() => expect(draftOf(reloaded, 'call-4').status).toBe('saved'));
    expect(valueOf(await api.getCallRecord(callRecordId)).notes).toBe('サービス停止中の入力');
  });

  it('on a conflict reloads the record and applies the agent’s own changes again', async () => {
    const callRecordId = await answeredCall('call-5');
    const store = newStore();
    store.getState().track({ sipCallId: 'call-5', callRecordId, customerId: null });
    await vi.waitFor(() => expect(draftOf(store, 'call-5').version).toBe(1));

    // A supervisor's save lands first: the store's version 1 is now stale.
    valueOf(await api.updateCallRecord(callRecordId, { expectedVersion: 1, dispositionId: resolved, notes: 'SVのメモ' }));
    const conflicts: number[] = [];
    server.events.on('response:mocked', ({ request, response }) => {
      if (request.method === 'PATCH' && response.status === 409) conflicts.push(response.status);
    });
    store.getState().edit('call-5', { notes: 'お客様へ折り返し済み', categoryId: billing });

    await vi.waitFor(() => expect(draftOf(store, 'call-5').status).toBe('saved'));
    expect(conflicts).toHaveLength(1);
    const saved = valueOf(await api.getCallRecord(callRecordId));
    expect(saved).toMatchObject({ notes: 'お客様へ折り返し済み', categoryId: billing, dispositionId: resolved, version: 3 });
    expect(draftOf(store, 'call-5').fields).toMatchObject({ notes: 'お客様へ折り返し済み', categoryId: billing, dispositionId: resolved });
  });

  it('puts the fields the service refused next to the fields and does not retry them', async () => {
    const callRecordId = await answeredCall('call-6');
    const store = newStore();
    store.getState().track({ sipCallId: 'call-6', callRecordId, customerId: null });
    store.getState().edit('call-6', { categoryId: '00000000-0000-4000-8000-000000000000' });
    await vi.waitFor(() => expect(draftOf(store, 'call-6').status).toBe('error'));
    expect(draftOf(store, 'call-6').problems).toEqual([{ field: 'categoryId', message: 'no such inquiry category in use' }]);

    store.getState().edit('call-6', { categoryId: billing });
    expect(draftOf(store, 'call-6').problems).toEqual([]);
    await vi.waitFor(() => expect(draftOf(store, 'call-6').status).toBe('saved'));
  });

  it('sends the customer the screen pop linked, and an unlink', async () => {
    const callRecordId = await answeredCall('call-7');
    const customer = valueOf(await new CustomersApi(client).createCustomer({ name: '山田 太郎', phones: [{ number: '090-5550-7777' }] }));
    const store = newStore();
    store.getState().track({ sipCallId: 'call-7', callRecordId, customerId: null });
    await vi.waitFor(() => expect(draftOf(store, 'call-7').status).toBe('saved'));
    store.getState().track({ sipCallId: 'call-7', callRecordId, customerId: customer.id });
    await vi.waitFor(() => expect(draftOf(store, 'call-7')).toMatchObject({ status: 'saved', customerName: '山田 太郎' }));
    expect(valueOf(await api.getCallRecord(callRecordId)).customerId).toBe(customer.id);

    store.getState().track({ sipCallId: 'call-7', callRecordId, customerId: null });
    await vi.waitFor(() => expect(draftOf(store, 'call-7')).toMatchObject({ status: 'saved', customerName: null }));
    expect(valueOf(await api.getCallRecord(callRecordId)).customerId).toBeNull();
  });

  it('lists the required fields still empty, per policy', () => {
    const store = newStore();
    expect(missingRequiredFields(store.getState(), 'nothing-typed', ['categoryId', 'notes'])).toEqual(['categoryId', 'notes']);
    store.getState().edit('call-8', { notes: '   ', dispositionId: resolved });
    expect(missingRequiredFields(store.getState(), 'call-8', ['categoryId', 'dispositionId', 'notes'])).toEqual(['categoryId', 'notes']);
    store.getState().edit('call-8', { notes: '対応済み', categoryId: billing });
    expect(missingRequiredFields(store.getState(), 'call-8', ['categoryId', 'dispositionId', 'notes'])).toEqual([]);
    expect(missingRequiredFields(store.getState(), 'call-8', [])).toEqual([]);
  });

  it('loads the categories and dispositions and offers the active ones', async () => {
    const store = newStore();
    store.getState().loadCodes();
    await vi.waitFor(() => expect(store.getState().categories).toHaveLength(demoCallCategories.length));
    const retired = demoCallCategories.find((code) => !code.active);
    expect(retired).toBeDefined();
    const offered = offeredCodes(store.getState().categories, null).map((code) => code.id);
    expect(offered).not.toContain(retired?.id);
    expect(offeredCodes(store.getState().categories, retired?.id ?? null).map((code) => code.id)).toContain(retired?.id);
    expect(store.getState().dispositions.length).toBeGreaterThan(0);
  });

  it('forgets drafts the service has had for a while', async () => {
    let clock = Date.now();
    const callRecordId = await answeredCall('call-9');
    const store = newStore({ now: () => clock, keepSavedMs: 60_000 });
    store.getState().track({ sipCallId: 'call-9', callRecordId, customerId: null });
    store.getState().edit('call-9', { notes: '完了' });
    await vi.waitFor(() => expect(draftOf(store, 'call-9').status).toBe('saved'));
    store.getState().edit('call-10', { notes: 'まだ記録のない通話' });
    store.getState().dispose();

    clock += 2 * 60_000;
    const later = newStore({ now: () => clock, keepSavedMs: 60_000 });
    expect(Object.keys(later.getState().drafts)).toEqual(['call-10']);
  });
});
