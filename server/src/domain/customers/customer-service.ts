import type { PhoneLabel } from '../../../../src/contract/customers';
import { auditEntry, type AuditLog } from '../audit/audit-log';
import type { CallRecord } from '../call-records/call-record';
import { readCallParty } from '../call-records/call-party';
import type { Clock } from '../clock';
import { DomainError, notFound } from '../errors';
import type { Actor, RequestOrigin } from '../identity/actor';
import { requireGroup, visibleGroups } from '../identity/access-policy';
import type { Customer, CustomerChanges, CustomerFields, CustomerPage, CustomerPhoneNumber } from './customer';
import type { CustomerCallHistory, CustomerRepository } from './customer-repository';
import { searchForms, toKatakana } from './kana';
import { parsePhoneNumber } from './phone-number';

type FieldProblem = { path: string; message: string };

/** A customer's fields as a person typed them. */
export interface CustomerForm {
  readonly name: string;
  readonly nameKana?: string | null | undefined;
  readonly email?: string | null | undefined;
  readonly address?: string | null | undefined;
  readonly notes?: string | undefined;
  readonly phones: readonly { readonly number: string; readonly label?: PhoneLabel | undefined }[];
}

/** A change as a person typed it, based on the version they saw. */
export type CustomerEdit = Partial<CustomerForm> & { readonly expectedVersion: number };

/** A customer with their most recent calls. */
export interface CustomerWithCalls {
  readonly customer: Customer;
  readonly recentCalls: readonly CallRecord[];
}

/** The result of a screen pop: the number looked up and who has it. */
export interface CustomerLookup {
  /** `null` when the number is no phone number (an extension, or withheld). */
  readonly e164: string | null;
  readonly matches: readonly CustomerWithCalls[];
}

/** Calls shown on a customer's page. */
const recentCallsOnPage = 10;
/** Calls shown with each customer of a screen pop. */
const recentCallsOnPop = 5;

/**
 * Customers (顧客情報, A11): looked up by number when a call arrives, created and edited during
 * or after the call.
 *
 * @remarks
 * A customer belongs to one group (所属); only that group and administrators see them (C1).
 * Numbers are kept in E.164, so `03-1234-5678`, `0312345678` and `+81 3-1234-5678` are one
 * number, and a number belongs to at most one customer per group, so a screen pop is never
 * ambiguous within a group. Every read, search and change is audited; changes are guarded by
 * a version like call records.
 */
export class CustomerService {
  constructor(
    private readonly repository: CustomerRepository,
    private readonly calls: CustomerCallHistory,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Creates a customer in `groupId`, or in the actor's only group when left out. */
  async create(actor: Actor, origin: RequestOrigin, groupId: string | undefined, form: CustomerForm): Promise<Customer> {
    const problems: FieldProblem[] = [];
    const owner = groupId ?? (actor.groupIds.length === 1 ? actor.groupIds[0] : undefined);
    if (owner === undefined) problems.push({ path: 'groupId', message: 'choose the group the customer belongs to' });
    else {
      requireGroup(actor, owner);
      if (!(await this.repository.groupExists(actor.tenantId, owner))) problems.push({ path: 'groupId', message: 'no such group' });
    }
    const fields = checkedFields(form, problems);
    if (problems.length > 0 || owner === undefined) throw invalid(problems);
    await this.refuseTakenNumbers(actor.tenantId, owner, fields.phones, undefined);

    const customer = await this.repository.create({ ...fields, tenantId: actor.tenantId, groupId: owner }, this.clock());
    await this.audit.record(auditEntry(actor, origin, 'create', 'customer', customer.id, { groupId: owner }));
    return customer;
  }

  /** A customer with their recent calls; audited as a read of both. */
  async get(actor: Actor, origin: RequestOrigin, id: string): Promise<CustomerWithCalls> {
    const customer = await this.readable(actor, id);
    const recentCalls = await this.recentCalls(actor, customer, recentCallsOnPage);
    await this.audit.record(auditEntry(actor, origin, 'read', 'customer', customer.id, { callRecordIds: recentCalls.map((call) => call.id) }));
    return { customer, recentCalls };
  }

  /**
   * Changes a customer if `expectedVersion` is still current; every invalid field is reported
   * at once and nothing is written. A change that changes nothing keeps the version.
   */
  async update(actor: Actor, origin: RequestOrigin, id: string, edit: CustomerEdit): Promise<Customer> {
    const customer = await this.readable(actor, id);
    const problems: FieldProblem[] = [];
    const fields = checkedFields(
      {
        name: edit.name ?? customer.name,
        nameKana: edit.nameKana === undefined ? customer.nameKana : edit.nameKana,
        email: edit.email === undefined ? customer.email : edit.email,
        address: edit.address === undefined ? customer.address : edit.address,
        notes: edit.notes ?? customer.notes,
        phones: edit.phones ?? [],
      },
      problems,
    );
    if (problems.length > 0) throw invalid(problems);
    if (edit.expectedVersion !== customer.version) throw stale(customer.version);

    const changes = changesOf(customer, fields, edit);
    const changed = Object.keys(changes);
    let saved = customer;
    if (changed.length > 0) {
      if (changes.phones) await this.refuseTakenNumbers(actor.tenantId, customer.groupId, changes.phones, customer.id);
      const result = await this.repository.update(actor.tenantId, id, edit.expectedVersion, changes, this.clock());
      if (result === undefined) throw notFound('customer');
      if (result === 'stale') throw stale(undefined);
      saved = result;
    }
    await this.audit.record(auditEntry(actor, origin, 'update', 'customer', id, { changed, version: saved.version }));
    return saved;
  }

  /** Customers of the actor's groups by free text (name, フリガナ, notes) and/or number; audited. */
  async search(actor: Actor, origin: RequestOrigin, query: { q?: string | undefined; phone?: string | undefined; cursor?: string | undefined; limit: number }): Promise<CustomerPage> {
    let phone: string | undefined;
    if (query.phone !== undefined) {
      phone = parsePhoneNumber(query.phone)?.e164;
      if (!phone) throw invalid([{ path: 'phone', message: 'not a valid phone number (e.g. 03-1234-5678 or 090-1234-5678)' }]);
    }
    const page = await this.repository.search({
      tenantId: actor.tenantId,
      groupIds: visibleGroups(actor),
      text: query.q === undefined ? undefined : searchForms(query.q),
      phone,
      cursor: query.cursor,
      limit: query.limit,
    });
    const filters = { ...(query.q === undefined ? {} : { q: query.q }), ...(phone === undefined ? {} : { phone }) };
    await this.audit.record(auditEntry(actor, origin, 'search', 'customer', null, { filters, count: page.items.length, ids: page.items.map((customer) => customer.id) }));
    return page;
  }

  /**
   * Screen pop: the customers of the actor's groups with exactly this number, each with their
   * last calls. The look-up and each customer shown are audited.
   */
  async lookup(actor: Actor, origin: RequestOrigin, number: string): Promise<CustomerLookup> {
    const party = readCallParty(number);
    const e164 = party?.kind === 'phone' ? party.value : null;
    const customers = e164 ? await this.repository.findByPhone(actor.tenantId, visibleGroups(actor), e164) : [];
    const matches = await Promise.all(customers.map(async (customer) => ({ customer, recentCalls: await this.recentCalls(actor, customer, recentCallsOnPop) })));
    await this.audit.record(auditEntry(actor, origin, 'search', 'customer', null, { lookup: e164 ?? number, ids: customers.map((customer) => customer.id) }));
    for (const match of matches) {
      await this.audit.record(
        auditEntry(actor, origin, 'read', 'customer', match.customer.id, { via: 'lookup', callRecordIds: match.recentCalls.map((call) => call.id) }),
      );
    }
    return { e164, matches };
  }

  private async readable(actor: Actor, id: string): Promise<Customer> {
    const customer = await this.repository.find(actor.tenantId, id);
    if (!customer) throw notFound('customer');
    requireGroup(actor, customer.groupId);
    return customer;
  }

  private recentCalls(actor: Actor, customer: Customer, limit: number): Promise<CallRecord[]> {
    return this.calls.recentForCustomer(
      actor.tenantId,
      visibleGroups(actor),
      customer.id,
      customer.phones.map((phone) => phone.e164),
      limit,
    );
  }

  private async refuseTakenNumbers(tenantId: string, groupId: string, phones: readonly CustomerPhoneNumber[], exceptId: string | undefined): Promise<void> {
    const taken = new Set(await this.repository.numbersTaken(tenantId, groupId, phones.map((phone) => phone.e164), exceptId));
    if (taken.size === 0) return;
    const fields = phones.flatMap((phone, index) =>
      taken.has(phone.e164) ? [{ path: `phones.${index}.number`, message: 'already the number of another customer of this group' }] : [],
    );
    throw new DomainError('conflict', 'a number already belongs to another customer of this group', fields);
  }
}

/** Checks and normalises what a person typed; problems are added to `problems`. */
function checkedFields(form: CustomerForm, problems: FieldProblem[]): CustomerFields {
  const seen = new Set<string>();
  const phones: CustomerPhoneNumber[] = [];
  form.phones.forEach((input, index) => {
    const phone = parsePhoneNumber(input.number);
    if (!phone) {
      problems.push({ path: `phones.${index}.number`, message: 'not a valid phone number (e.g. 03-1234-5678 or 090-1234-5678)' });
      return;
    }
    if (seen.has(phone.e164)) {
      problems.push({ path: `phones.${index}.number`, message: 'listed twice' });
      return;
    }
    seen.add(phone.e164);
    phones.push({ e164: phone.e164, label: input.label ?? (phone.mobile ? 'mobile' : 'other') });
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

function changesOf(customer: Customer, fields: CustomerFields, edit: CustomerEdit): CustomerChanges {
  const changes: { -readonly [K in keyof CustomerChanges]: CustomerChanges[K] } = {};
  if (edit.name !== undefined && fields.name !== customer.name) changes.name = fields.name;
  if (edit.nameKana !== undefined && fields.nameKana !== customer.nameKana) changes.nameKana = fields.nameKana;
  if (edit.email !== undefined && fields.email !== customer.email) changes.email = fields.email;
  if (edit.address !== undefined && fields.address !== customer.address) changes.address = fields.address;
  if (edit.notes !== undefined && fields.notes !== customer.notes) changes.notes = fields.notes;
  if (edit.phones !== undefined && !samePhones(fields.phones, customer.phones)) changes.phones = fields.phones;
  return changes;
}

function samePhones(a: readonly CustomerPhoneNumber[], b: readonly CustomerPhoneNumber[]): boolean {
  return a.length === b.length && a.every((phone, index) => phone.e164 === b[index]?.e164 && phone.label === b[index].label);
}

function blankToNull(text: string | null): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function invalid(problems: FieldProblem[]): DomainError {
  return new DomainError('validation', 'some fields are invalid', problems);
}

function stale(current: number | undefined): DomainError {
  const now = current === undefined ? '' : ` (now version ${current})`;
  return new DomainError('conflict', `this customer was changed by someone else${now}; reload and make your change again`);
}
