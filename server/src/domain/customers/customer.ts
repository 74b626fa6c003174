import type { PhoneLabel } from '../../../../src/contract/customers';

/** One of a customer's numbers, in E.164. */
export interface CustomerPhoneNumber {
  readonly e164: string;
  readonly label: PhoneLabel;
}

/**
 * A customer (顧客) as stored: personal data of the client, owned by one group (所属).
 * @remarks `version` guards changes (optimistic concurrency), as for call records.
 */
export interface Customer {
  readonly id: string;
  readonly tenantId: string;
  readonly groupId: string;
  readonly name: string;
  /** フリガナ in katakana. */
  readonly nameKana: string | null;
  readonly email: string | null;
  readonly address: string | null;
  readonly notes: string;
  readonly phones: readonly CustomerPhoneNumber[];
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The fields a person edits, checked and normalised. */
export interface CustomerFields {
  readonly name: string;
  readonly nameKana: string | null;
  readonly email: string | null;
  readonly address: string | null;
  readonly notes: string;
  readonly phones: readonly CustomerPhoneNumber[];
}

/** A customer to create. */
export interface NewCustomer extends CustomerFields {
  readonly tenantId: string;
  readonly groupId: string;
}

/** A change: only the fields present are written (`phones` replaces the whole list). */
export type CustomerChanges = Partial<CustomerFields>;

/** Filters of a customer search, checked and normalised by the service. */
export interface CustomerQuery {
  readonly tenantId: string;
  readonly groupIds: 'all' | readonly string[];
  /** Forms of the search term (as typed, in katakana); any may match name, フリガナ or notes. */
  readonly text?: readonly string[] | undefined;
  /** An E.164 number the customer must have. */
  readonly phone?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit: number;
}

/** One page of customers, newest first. */
export interface CustomerPage {
  readonly items: readonly Customer[];
  readonly nextCursor: string | null;
}
