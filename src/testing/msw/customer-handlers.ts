import { http } from 'msw';
import { z } from 'zod';
import { idSchema } from '../../contract/common';
import {
  customerCreateSchema,
  customerDetailSchema,
  customerLookupQuerySchema,
  customerLookupResultSchema,
  customerPageSchema,
  customerPatchSchema,
  customerSchema,
  customerSearchQuerySchema,
  type CustomerDetail,
} from '../../contract/customers';
import type { DemoAccount } from './demo-directory';
import { visibleGroups } from './mock-access';
import { auditBy } from './mock-audit';
import { mockCallRecords } from './mock-call-records';
import { mockCustomers, type MockCustomer } from './mock-customers';
import { mockDatabase } from './mock-database';
import { contractResponse, readBody, readParams, readQuery, signedInSession } from './mock-http';
import { answerRefusals } from './mock-refusal';
import { readCallParty } from './phone-numbers';

const customerParams = z.object({ id: idSchema });
/** Calls shown on a customer's page, and with each customer of a screen pop. */
const recentCallsOnPage = 10;
const recentCallsOnPop = 5;

/** The customer with their most recent calls that `account` may see. */
function detailOf(account: DemoAccount, customer: MockCustomer, calls: number): CustomerDetail {
  const recent = mockCallRecords.recentForCustomer(
    visibleGroups(account),
    customer.id,
    customer.phones.map((phone) => phone.e164),
    calls,
  );
  return { ...mockCustomers.toDto(customer), recentCallRecords: recent.map((record) => mockCallRecords.toDto(record)) };
}

/**
 * `/api/customers/*`: screen pop by number, search by text or number with cursor paging,
 * create and edit with numbers in any format (E.164 inside, one customer per number and
 * group, 409 on a stale version); each read, search and change audited, every group seeing
 * only its own customers.
 */
export const customerHandlers = [
  http.post('/api/customers', async ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const body = await readBody(request, customerCreateSchema);
    if (!body.ok) return body.response;
    const { groupId, ...form } = body.value;
    return answerRefusals('body', () => {
      const customer = mockCustomers.create(signedIn.account, groupId, form, mockDatabase.now());
      auditBy(signedIn.account, 'create', 'customer', customer.id, { groupId: customer.groupId });
      return contractResponse(customerSchema, mockCustomers.toDto(customer), { status: 201 });
    });
  }),

  http.get('/api/customers/lookup', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const query = readQuery(request, customerLookupQuerySchema);
    if (!query.ok) return query.response;
    const { account } = signedIn;
    const party = readCallParty(query.value.number);
    const e164 = party?.kind === 'phone' ? party.value : null;
    const matches = e164 === null ? [] : mockCustomers.findByPhone(visibleGroups(account), e164);
    const items = matches.map((customer) => detailOf(account, customer, recentCallsOnPop));
    auditBy(account, 'search', 'customer', null, { lookup: e164 ?? query.value.number, ids: matches.map((customer) => customer.id) });
    for (const item of items) auditBy(account, 'read', 'customer', item.id, { via: 'lookup', callRecordIds: item.recentCallRecords.map((call) => call.id) });
    return contractResponse(customerLookupResultSchema, { e164, items });
  }),

  http.get('/api/customers', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const query = readQuery(request, customerSearchQuerySchema);
    if (!query.ok) return query.response;
    return answerRefusals('querystring', () => {
      const page = mockCustomers.search(signedIn.account, query.value);
      const filters = { ...(query.value.q === undefined ? {} : { q: query.value.q }), ...(page.phone === undefined ? {} : { phone: page.phone }) };
      auditBy(signedIn.account, 'search', 'customer', null, { filters, count: page.items.length, ids: page.items.map((customer) => customer.id) });
      return contractResponse(customerPageSchema, { items: page.items.map((customer) => mockCustomers.toDto(customer)), nextCursor: page.nextCursor });
    });
  }),

  http.get('/api/customers/:id', ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, customerParams);
    if (!param.ok) return param.response;
    return answerRefusals('querystring', () => {
      const detail = detailOf(signedIn.account, mockCustomers.readable(signedIn.account, param.value.id), recentCallsOnPage);
      auditBy(signedIn.account, 'read', 'customer', detail.id, { callRecordIds: detail.recentCallRecords.map((call) => call.id) });
      return contractResponse(customerDetailSchema, detail);
    });
  }),

  http.patch('/api/customers/:id', async ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, customerParams);
    if (!param.ok) return param.response;
    const body = await readBody(request, customerPatchSchema);
    if (!body.ok) return body.response;
    return answerRefusals('body', () => {
      const saved = mockCustomers.update(signedIn.account, param.value.id, body.value, mockDatabase.now());
      auditBy(signedIn.account, 'update', 'customer', saved.id, { version: saved.version });
      return contractResponse(customerSchema, mockCustomers.toDto(saved));
    });
  }),
];
