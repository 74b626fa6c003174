import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/api-client';
import type { ApiResult } from '../api/api-error';
import { CallRecordsApi } from '../api/call-records-api';
import { CustomersApi } from '../api/customers-api';
import { demoCustomerIds } from '../testing/msw/demo-customers';
import { demoGroupIds } from '../testing/msw/demo-directory';
import { faults } from '../testing/msw/faults';
import { installMockService } from '../testing/msw/install-mock-service';
import { server } from '../testing/msw/server';
import { signedInClient } from '../testing/msw/signed-in-client';
import { createCustomerStore, type CustomerStore, type NewCustomerForm } from './customer-store';

installMockService();

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const blankForm: NewCustomerForm = { name: '', nameKana: '', phone: '', email: '', address: '', notes: '' };
let client: ApiClient;

async function storeAs(username: string): Promise<CustomerStore> {
  ({ client } = await signedInClient(username));
  return createCustomerStore({ client });
}

function popOf(store: CustomerStore) {
  return store.getState().pop;
}

describe('customer store (screen pop)', () => {
  it('shows the one customer with the caller’s number and their previous calls, newest first', async () => {
    const store = await storeAs('1001');
    store.getState().popFor({ sipCallId: 'pop-1', remoteNumber: '0312345678' });
    expect(popOf(store).status).toBe('looking-up');
    await vi.waitFor(() => expect(popOf(store).status).toBe('found'));
    const pop = popOf(store);
    expect(pop.status === 'found' && pop.customer).toMatchObject({ id: demoCustomerIds.yamadaTokyo, name: '山田 太郎' });
    await vi.waitFor(() => expect(store.getState().history.status).toBe('loaded'));
    const records = store.getState().history.records;
    expect(records.length).toBeGreaterThan(0);
    const times = records.map((record) => Date.parse(record.startedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(store.getState().names[demoCustomerIds.yamadaTokyo]).toBe('山田 太郎');
  });

  it('leaves the current call out of the customer’s history', async () => {
    const store = await storeAs('1001');
    const api = new CallRecordsApi(client);
    const at = new Date(Date.now() - 5000).toISOString();
    valueOf(await api.fileCallEvent('pop-now', { phase: 'offered', at, direction: 'inbound', remoteNumber: '03-1234-5678' }));
    store.getState().popFor({ sipCallId: 'pop-now', remoteNumber: '03-1234-5678' });
    await vi.waitFor(() => expect(store.getState().history.status).toBe('loaded'));
    expect(store.getState().history.records.map((record) => record.sipCallId)).not.toContain('pop-now');
  });

  it('lets the agent choose when several customers have the number', async () => {
    const store = await storeAs('admin');
    store.getState().popFor({ sipCallId: 'pop-2', remoteNumber: '090-1234-5678' });
    await vi.waitFor(() => expect(popOf(store).status).toBe('choosing'));
    const pop = popOf(store);
    const candidates = pop.status === 'choosing' ? pop.candidates : [];
    expect(candidates.map((candidate) => candidate.id).sort()).toEqual([demoCustomerIds.yamadaTokyo, demoCustomerIds.yamadaOsaka].sort());

    store.getState().choose(demoCustomerIds.yamadaOsaka);
    const chosen = popOf(store);
    expect(chosen.status === 'found' && chosen.customer.address).toBe('大阪府大阪市北区梅田2-2-2');
  });

  it('offers the new-customer form when no one has the number, with the service’s field problems, and shows the customer it creates', async () => {
    const store = await storeAs('1001');
    store.getState().popFor({ sipCallId: 'pop-3', remoteNumber: '03-5550-9876' });
    await vi.waitFor(() => expect(popOf(store).status).toBe('new'));
    expect(store.getState().number).toBe('03-5550-9876');

    await store.getState().create({ ...blankForm, phone: '03-555', nameKana: 'yamada', email: 'not-mail' });
    expect(store.getState().createProblems).toEqual(
      expect.arrayContaining([
        { field: 'name', kind: 'required' },
        { field: 'nameKana', kind: 'kana' },
        { field: 'email', kind: 'email' },
      ]),
    );
    expect(popOf(store).status).toBe('new');

    await store.getState().create({ ...blankForm, name: '新井 春香', phone: '03-555' });
    expect(store.getState().createProblems).toEqual([{ field: 'phone', kind: 'phone-invalid' }]);

    await store.getState().create({ ...blankForm, name: '新井 春香', nameKana: 'あらい はるか', phone: '03-5550-9876' });
    const pop = popOf(store);
    expect(pop.status === 'found' && pop.customer).toMatchObject({ name: '新井 春香', nameKana: 'アライ ハルカ', phones: [{ e164: '+81355509876' }] });
    expect(store.getState().createProblems).toEqual([]);

    const again = valueOf(await new CustomersApi(client).lookupCustomers('0355509876'));
    expect(again.items.map((customer) => customer.name)).toEqual(['新井 春香']);
  });

  it('says a number belongs to another customer of the group', async () => {
    const store = await storeAs('1001');
    store.getState().popFor({ sipCallId: 'pop-4', remoteNumber: null });
    await store.getState().create({ ...blankForm, name: '川口 次郎', phone: '03-5211-0800' });
    expect(store.getState().createProblems).toEqual([{ field: 'phone', kind: 'phone-taken' }]);
  });

  it('goes straight to the form for a withheld number, without looking anything up', async () => {
    const store = await storeAs('1001');
    const lookups: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.includes('/customers/lookup')) lookups.push(request.url);
    });
    store.getState().popFor({ sipCallId: 'pop-5', remoteNumber: 'anonymous' });
    expect(popOf(store).status).toBe('new');
    expect(store.getState().number).toBeNull();
    store.getState().popFor({ sipCallId: 'pop-6', remoteNumber: null });
    expect(popOf(store).status).toBe('new');
    expect(lookups).toEqual([]);
  });

  it('knows a colleague’s extension is no customer: nothing to pop, no form', async () => {
    const store = await storeAs('1001');
    store.getState().popFor({ sipCallId: 'pop-internal', remoteNumber: '1002' });
    await vi.waitFor(() => expect(popOf(store).status).toBe('internal'));
  });

  it('explains a failed lookup and looks up again on retry', async () => {
    const store = await storeAs('1001');
    server.use(faults.unreachable('get', '/api/customers/lookup'));
    store.getState().popFor({ sipCallId: 'pop-7', remoteNumber: '03-5211-0800' });
    await vi.waitFor(() => expect(popOf(store)).toEqual({ status: 'failed', error: { kind: 'network' } }));
    server.resetHandlers();
    store.getState().retry();
    await vi.waitFor(() => expect(popOf(store).status).toBe('found'));
    const pop = popOf(store);
    expect(pop.status === 'found' && pop.customer.id).toBe(demoCustomerIds.minatoLogistics);
  });

  it('drops the answer for a call that is no longer in front of the agent', async () => {
    const store = await storeAs('1001');
    store.getState().popFor({ sipCallId: 'pop-8', remoteNumber: '03-1234-5678' });
    store.getState().popFor({ sipCallId: 'pop-9', remoteNumber: '03-5211-0800' });
    await vi.waitFor(() => expect(popOf(store).status).toBe('found'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const pop = popOf(store);
    expect(pop.status === 'found' && pop.customer.id).toBe(demoCustomerIds.minatoLogistics);

    store.getState().popFor(undefined);
    expect(store.getState()).toMatchObject({ sipCallId: undefined, pop: { status: 'idle' } });
  });

  it('creates in the only group of an agent', async () => {
    const store = await storeAs('1004');
    store.getState().popFor({ sipCallId: 'pop-10', remoteNumber: '06-5550-1111' });
    await vi.waitFor(() => expect(popOf(store).status).toBe('new'));
    await store.getState().create({ ...blankForm, name: '大阪 花子', phone: '06-5550-1111' });
    const pop = popOf(store);
    expect(pop.status === 'found' && pop.customer.groupId).toBe(demoGroupIds.osaka);
  });
});
