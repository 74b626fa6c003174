import type { CallRecord } from '../call-records/call-record';
import type { Customer, CustomerChanges, CustomerPage, CustomerQuery, NewCustomer } from './customer';

/** Storage of customers; implemented over PostgreSQL in `server/src/db`. */
export interface CustomerRepository {
  /** True when `groupId` is a group of the tenant. */
  groupExists(tenantId: string, groupId: string): Promise<boolean>;
  /**
   * Creates a customer with their numbers in one transaction.
   * @throws DomainError `conflict` when a number already belongs to another customer of the group.
   */
  create(customer: NewCustomer, now: Date): Promise<Customer>;
  find(tenantId: string, id: string): Promise<Customer | undefined>;
  /**
   * Writes `changes` if the customer is still at `expectedVersion`, adding one to it.
   * @returns the customer, `'stale'` when someone else changed it first, `undefined` when absent.
   */
  update(tenantId: string, id: string, expectedVersion: number, changes: CustomerChanges, now: Date): Promise<Customer | 'stale' | undefined>;
  search(query: CustomerQuery): Promise<CustomerPage>;
  /** Customers of `groupIds` with exactly this E.164 number (at most one per group). */
  findByPhone(tenantId: string, groupIds: 'all' | readonly string[], e164: string): Promise<Customer[]>;
  /** Which of `numbers` belong to a customer of the group other than `exceptId`. */
  numbersTaken(tenantId: string, groupId: string, numbers: readonly string[], exceptId: string | undefined): Promise<string[]>;
}

/** The calls shown with a customer; implemented by the call-record storage. */
export interface CustomerCallHistory {
  recentForCustomer(tenantId: string, groupIds: 'all' | readonly string[], customerId: string, numbers: readonly string[], limit: number): Promise<CallRecord[]>;
}
