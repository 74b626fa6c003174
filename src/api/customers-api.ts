import type { z } from 'zod';
import {
  customerDetailSchema,
  customerLookupResultSchema,
  customerPageSchema,
  customerSchema,
  type CustomerCreate,
  type CustomerDetail,
  type CustomerDto,
  type CustomerLookupResult,
  type CustomerPage,
  type CustomerPatch,
  type customerSearchQuerySchema,
} from '../contract/customers';
import type { ApiClient } from './api-client';
import type { ApiResult } from './api-error';

/** A customer search: free text (`q`: name, フリガナ, notes) and/or a number in any format. */
export type CustomerSearch = Omit<z.input<typeof customerSearchQuerySchema>, 'limit'> & { readonly limit?: number };

/**
 * Customers (顧客情報, `/api/customers/*`) of the signed-in user's groups: screen pop by
 * number, search, create and edit.
 * @remarks Numbers may be typed in any common form; the service keeps them in E.164 and
 * answers 400 on `body.phones.<i>.number` for one that is no valid number.
 */
export class CustomersApi {
  constructor(private readonly client: ApiClient) {}

  /**
   * GET /api/customers/lookup: the screen pop for a call: every customer of the caller's
   * groups with exactly this number, each with their last 5 calls.
   * @remarks No match is an empty list, not an error; `e164` is `null` when the number is an
   * extension or withheld.
   */
  lookupCustomers(number: string): Promise<ApiResult<CustomerLookupResult>> {
    return this.client.get('/customers/lookup', customerLookupResultSchema, { number });
  }

  /** GET /api/customers: customers of the reader's groups, newest first, by cursor. */
  searchCustomers(search: CustomerSearch = {}): Promise<ApiResult<CustomerPage>> {
    return this.client.get('/customers', customerPageSchema, { ...search });
  }

  /** GET /api/customers/:id: the customer with their 10 most recent calls. */
  getCustomer(id: string): Promise<ApiResult<CustomerDetail>> {
    return this.client.get(`/customers/${encodeURIComponent(id)}`, customerDetailSchema);
  }

  /**
   * POST /api/customers: a new customer of `groupId` (left out: the user's only group).
   * @remarks 409 `conflict` with the field `body.phones.<i>.number` when a number already
   * belongs to another customer of the group: one number, one customer per group.
   */
  createCustomer(customer: CustomerCreate): Promise<ApiResult<CustomerDto>> {
    return this.client.send('POST', '/customers', customerSchema, customer);
  }

  /**
   * PATCH /api/customers/:id: changes the fields given (`phones` replaces the list).
   * @remarks 409 `conflict` when `expectedVersion` is stale or a number is taken.
   */
  updateCustomer(id: string, patch: CustomerPatch): Promise<ApiResult<CustomerDto>> {
    return this.client.send('PATCH', `/customers/${encodeURIComponent(id)}`, customerSchema, patch);
  }
}
