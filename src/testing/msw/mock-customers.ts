import type { z } from 'zod';
import type { customerCreateSchema, CustomerDto, CustomerPatch, PhoneLabel } from '../../contract/customers';
import { buildDemoCustomers } from './demo-customers';
import { demoGroupIds, type DemoAccount } from './demo-directory';
import { customerSearchForms, toKatakana } from './japanese-text';
import { keysetPage } from './keyset-cursor';
import { inGroups, requireGroup, visibleGroups } from './mock-access';
import { mockDatabase } from './mock-database';
import { MockRefusal, type FieldProblem } from './mock-refusal';
import { formatNational, parsePhoneNumber } from './phone-numbers';

/** One of a customer's numbers, in E.164. */
export interface MockCustomerPhone {
  readonly e164: string;
  readonly label: PhoneLabel;
}

/** A customer as the mock keeps them; times in milliseconds since the epoch. */
export interface MockCustomer {
  readonly id: string;
  readonly groupId: string;
  readonly name: string;
  /** フリガナ in katakana. */
  readonly nameKana: string | null;
  readonly email: string | null;
  readonly address: string | null;
  readonly notes: string;
  readonly phones: readonly MockCustomerPhone[];
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A new customer's fields as the contract delivers them, without the group. */
export type MockCustomerForm = Omit<z.output<typeof customerCreateSchema>, 'groupId'>;

type CustomerFields = Pick<MockCustomer, 'name' | 'nameKana' | 'email' | 'address' | 'notes' | 'phones'>;

const invalidNumber = 'not a valid phone number (e.g. 03-1234-5678 or 090-1234-5678)';

/**
 * The customers (顧客情報) of the mock service, with the service's rules: a customer belongs to
 * one group and only that group and administrators see them; numbers are kept in E.164 and a
 * number belongs to at most one customer per group; changes are guarded by `version`.
 */
export class MockCustomers {
  private readonly byId = new Map<string, MockCustomer>();

  /** Replaces every customer (a reset, the demo data). */
  load(customers: readonly MockCustomer[]): void {
    this.byId.clear();
    for (const customer of customers) this.byId.set(customer.id, customer);
  }

  /** Every customer, in no particular order. */
  all(): readonly MockCustomer[] {
    return [...this.byId.values()];
  }

  find(id: string): MockCustomer | undefined {
    return this.byId.get(id);
  }

  /** A customer `account` may see; 404 or 403 otherwise. */
  readable(account: DemoAccount, id: string): MockCustomer {
    const customer = this.byId.get(id);
    if (!customer) throw MockRefusal.notFound('customer');
    requireGroup(account, customer.groupId);
    return customer;
  }

  /** Creates a customer in `groupId`, or in the account's only group when left out. */
  create(account: DemoAccount, groupId: string | undefined, form: MockCustomerForm, now: number): MockCustomer {
    const problems: FieldProblem[] = [];
    const owner = groupId ?? (account.groupIds.length === 1 ? account.groupIds[0] : undefined);
    if (owner === undefined) problems.push({ path: 'groupId', message: 'choose the group the customer belongs to' });
    else {
      requireGroup(account, owner);
      if (!Object.values<string>(demoGroupIds).includes(owner)) problems.push({ path: 'groupId', message: 'no such group' });
    }
    const fields = checkedFields(form, problems);
    if (problems.length > 0 || owner === undefined) throw MockRefusal.invalid(problems);
    this.refuseTakenNumbers(owner, fields.phones, undefined);
    const customer: MockCustomer = { ...fields, id: crypto.randomUUID(), groupId: owner, version: 1, createdAt: now, updatedAt: now };
    this.byId.set(customer.id, customer);
    return customer;
  }

  /**
   * Applies `patch` when `expectedVersion` is current; every invalid field is reported at
   * once. A patch that changes nothing keeps the version.
   */
  update(account: DemoAccount, id: string, patch: CustomerPatch, now: number): MockCustomer {
    const customer = this.readable(account, id);
    const problems: FieldProblem[] = [];
    const fields = checkedFields(
      {
        name: patch.name ?? customer.name,
        nameKana: patch.nameKana === undefined ? customer.nameKana : patch.nameKana,
        email: patch.email === undefined ? customer.email : patch.email,
        address: patch.address === undefined ? customer.address : patch.address,
        notes: patch.notes ?? customer.notes,
        phones: patch.phones ?? [],
      },
      problems,
    );
    if (problems.length > 0) throw MockRefusal.invalid(problems);
    if (patch.expectedVersion !== customer.version) {
      throw new MockRefusal('conflict', `this customer was changed by someone else (now version ${customer.version}); reload and make your change again`);
    }
    const changes: { -readonly [K in keyof CustomerFields]?: CustomerFields[K] } = {};
    if (patch.name !== undefined && fields.name !== customer.name) changes.name = fields.name;
    if (patch.nameKana !== undefined && fields.nameKana !== customer.nameKana) changes.nameKana = fields.nameKana;
    if (patch.email !== undefined && fields.email !== customer.email) changes.email = fields.email;
    if (patch.address !== undefined && fields.address !== customer.address) changes.address = fields.address;
    if (patch.notes !== undefined && fields.notes !== customer.notes) changes.notes = fields.notes;
    if (patch.phones !== undefined && !samePhones(fields.phones, customer.phones)) changes.phones = fields.phones;
    if (Object.keys(changes).length === 0) return customer;
    if (changes.phones) this.refuseTakenNumbers(customer.groupId, changes.phones, customer.id);
    const saved: MockCustomer = { ...customer, ...changes, version: customer.version + 1, updatedAt: now };
    this.byId.set(id, saved);
    return saved;
  }

  /** Customers of the account's groups by text (name, フリガナ, notes) and/or number, newest first. */
  search(account: DemoAccount, query: { q?: string | undefined; phone?: string | undefined; cursor?: string | undefined; limit: number }) {
    let phone: string | undefined;
    if (query.phone !== undefined) {
      phone = parsePhoneNumber(query.phone)?.e164;
      if (phone === undefined) throw MockRefusal.invalid([{ path: 'phone', message: invalidNumber }]);
    }
    const forms = query.q === undefined ? undefined : customerSearchForms(query.q).map((form) => form.toLowerCase());
    const groups = visibleGroups(account);
    const matching = this.all().filter(
      (customer) =>
        inGroups(groups, customer.groupId) &&
        (forms === undefined || forms.some((form) => searchTextOf(customer).includes(form))) &&
        (phone === undefined || customer.phones.some((own) => own.e164 === phone)),
    );
    return { ...keysetPage(matching, (customer) => ({ at: customer.createdAt, id: customer.id }), query.cursor, query.limit), phone };
  }

  /** Customers of `groups` with exactly this number, oldest first (at most one per group). */
  findByPhone(groups: 'all' | readonly string[], e164: string): MockCustomer[] {
    return this.all()
      .filter((customer) => inGroups(groups, customer.groupId) && customer.phones.some((phone) => phone.e164 === e164))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** The customer of `groupId` with this number, as a new call record is linked to them. */
  withNumber(groupId: string, e164: string | null): string | null {
    if (e164 === null) return null;
    return this.findByPhone([groupId], e164)[0]?.id ?? null;
  }

  /** The contract's view of a customer. */
  toDto(customer: MockCustomer): CustomerDto {
    return {
      id: customer.id,
      groupId: customer.groupId,
      name: customer.name,
      nameKana: customer.nameKana,
      email: customer.email,
      address: customer.address,
      notes: customer.notes,
      phones: customer.phones.map((phone) => ({ e164: phone.e164, national: formatNational(phone.e164), label: phone.label })),
      version: customer.version,
      createdAt: new Date(customer.createdAt).toISOString(),
      updatedAt: new Date(customer.updatedAt).toISOString(),
    };
  }

  private refuseTakenNumbers(groupId: string, phones: readonly MockCustomerPhone[], exceptId: string | undefined): void {
    const taken = new Set(
      this.all()
        .filter((customer) => customer.groupId === groupId && customer.id !== exceptId)
        .flatMap((customer) => customer.phones.map((phone) => phone.e164)),
    );
    const fields = phones.flatMap((phone, index) => (taken.has(phone.e164) ? [{ path: `phones.${index}.number`, message: 'already the number of another customer of this group' }] : []));
    if (fields.length > 0) throw new MockRefusal('conflict', 'a number already belongs to another customer of this group', fields);
  }
}

/** The customers the handlers share: the demo's, afresh after every reset. */
export const mockCustomers = new MockCustomers();
const loadDemoCustomers = () => mockCustomers.load(buildDemoCustomers(mockDatabase.now()));
loadDemoCustomers();
mockDatabase.onReset(loadDemoCustomers);

/** Checks and normalises what a person typed; problems are added to `problems`. */
function checkedFields(form: MockCustomerForm, problems: FieldProblem[]): CustomerFields {
  const seen = new Set<string>();
  const phones: MockCustomerPhone[] = [];
  form.phones.forEach((input, index) => {
    const phone = parsePhoneNumber(input.number);
    if (!phone) problems.push({ path: `phones.${index}.number`, message: invalidNumber });
    else if (seen.has(phone.e164)) problems.push({ path: `phones.${index}.number`, message: 'listed twice' });
    else {
      seen.add(phone.e164);
      phones.push({ e164: phone.e164, label: input.label ?? (phone.mobile ? 'mobile' : 'other') });
    }
  });
  return {
    name: form.name.trim(),
    nameKana: blankToNull(form.nameKana === null || form.nameKana === undefined ? null : toKatakana(form.nameKana).replace(/\s+/gu, ' ')),
    email: blankToNull(form.email ?? null),
    address: blankToNull(form.address ?? null),
    notes: form.notes ?? '',
    phones,
  };
}

/** What free-text search looks in: name, フリガナ and notes, spaces dropped, case folded like `ilike`. */
function searchTextOf(customer: MockCustomer): string {
  return `${customer.name}\n${customer.nameKana ?? ''}\n${customer.notes}`.replace(/[ \u3000]/gu, '').toLowerCase();
}

function samePhones(a: readonly MockCustomerPhone[], b: readonly MockCustomerPhone[]): boolean {
  return a.length === b.length && a.every((phone, index) => phone.e164 === b[index]?.e164 && phone.label === b[index].label);
}

function blankToNull(text: string | null): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
