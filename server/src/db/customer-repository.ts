import { and, asc, desc, eq, getTableColumns, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { DomainError } from '../domain/errors';
import type { Customer, CustomerChanges, CustomerPage, CustomerPhoneNumber, CustomerQuery, NewCustomer } from '../domain/customers/customer';
import type { CustomerRepository } from '../domain/customers/customer-repository';
import type { Db } from './database';
import { containsPattern, isUniqueViolation, keysetCursor } from './keyset-cursor';
import { customerPhones, customers, groups } from './schema';

type CustomerRow = Omit<typeof customers.$inferSelect, 'searchText'>;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const { searchText: _searchText, ...customerColumns } = getTableColumns(customers);

/** Customers and their numbers over PostgreSQL. */
export class DbCustomerRepository implements CustomerRepository {
  constructor(private readonly db: Db) {}

  async groupExists(tenantId: string, groupId: string): Promise<boolean> {
    const found = await this.db
      .select({ id: groups.id })
      .from(groups)
      .where(and(eq(groups.tenantId, tenantId), eq(groups.id, groupId)))
      .limit(1);
    return found.length > 0;
  }

  async create(customer: NewCustomer, now: Date): Promise<Customer> {
    return this.refusingTakenNumbers(() =>
      this.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(customers)
          .values({
            tenantId: customer.tenantId,
            groupId: customer.groupId,
            name: customer.name,
            nameKana: customer.nameKana,
            email: customer.email,
            address: customer.address,
            notes: customer.notes,
            createdAt: now,
            updatedAt: now,
          })
          .returning(customerColumns);
        if (!row) throw new Error('customer not created');
        await insertPhones(tx, row, customer.phones);
        return { ...row, phones: customer.phones };
      }),
    );
  }

  async find(tenantId: string, id: string): Promise<Customer | undefined> {
    const [row] = await this.db
      .select(customerColumns)
      .from(customers)
      .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)))
      .limit(1);
    return row ? (await this.withPhones([row]))[0] : undefined;
  }

  async update(tenantId: string, id: string, expectedVersion: number, changes: CustomerChanges, now: Date): Promise<Customer | 'stale' | undefined> {
    const { phones, ...fields } = changes;
    const updated = await this.refusingTakenNumbers(() =>
      this.db.transaction(async (tx) => {
        const [row] = await tx
          .update(customers)
          .set({ ...fields, version: sql`${customers.version} + 1`, updatedAt: now })
          .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id), eq(customers.version, expectedVersion)))
          .returning(customerColumns);
        if (!row) return undefined;
        if (phones) {
          await tx.delete(customerPhones).where(eq(customerPhones.customerId, id));
          await insertPhones(tx, row, phones);
        }
        return row;
      }),
    );
    if (!updated) return (await this.find(tenantId, id)) ? 'stale' : undefined;
    return (await this.withPhones([updated]))[0];
  }

  async search(query: CustomerQuery): Promise<CustomerPage> {
    const conditions: SQL[] = [eq(customers.tenantId, query.tenantId), inGroups(query.groupIds)];
    // Served by the trigram index on search_text (name, フリガナ and notes without spaces).
    if (query.text && query.text.length > 0) {
      const forms = query.text.map((form) => sql`${customers.searchText} ilike ${containsPattern(form)}`);
      conditions.push(or(...forms) ?? sql`false`);
    }
    if (query.phone) {
      conditions.push(
        inArray(
          customers.id,
          this.db
            .select({ id: customerPhones.customerId })
            .from(customerPhones)
            .where(and(eq(customerPhones.tenantId, query.tenantId), eq(customerPhones.e164, query.phone))),
        ),
      );
    }
    if (query.cursor) conditions.push(keysetCursor.after(query.cursor, customers.createdAt, customers.id));
    const found = await this.db
      .select({ ...customerColumns, cursor: keysetCursor.of(customers.createdAt, customers.id) })
      .from(customers)
      .where(and(...conditions))
      .orderBy(desc(customers.createdAt), desc(customers.id))
      .limit(query.limit + 1);
    const page = found.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await this.withPhones(page.map(({ cursor: _cursor, ...row }) => row)),
      nextCursor: found.length > query.limit && last ? keysetCursor.encode(last.cursor) : null,
    };
  }

  async findByPhone(tenantId: string, groupIds: 'all' | readonly string[], e164: string): Promise<Customer[]> {
    const found = await this.db
      .select(customerColumns)
      .from(customers)
      .innerJoin(customerPhones, eq(customerPhones.customerId, customers.id))
      .where(and(eq(customerPhones.tenantId, tenantId), eq(customerPhones.e164, e164), inGroups(groupIds)))
      .orderBy(asc(customers.createdAt));
    return this.withPhones(found);
  }

  async numbersTaken(tenantId: string, groupId: string, numbers: readonly string[], exceptId: string | undefined): Promise<string[]> {
    if (numbers.length === 0) return [];
    const found = await this.db
      .select({ e164: customerPhones.e164 })
      .from(customerPhones)
      .where(
        and(
          eq(customerPhones.tenantId, tenantId),
          inArray(customerPhones.e164, [...numbers]),
          eq(customerPhones.groupId, groupId),
          exceptId === undefined ? undefined : ne(customerPhones.customerId, exceptId),
        ),
      );
    return found.map((row) => row.e164);
  }

  private async withPhones(rows: readonly CustomerRow[]): Promise<Customer[]> {
    if (rows.length === 0) return [];
    const phones = await this.db
      .select()
      .from(customerPhones)
      .where(
        inArray(
          customerPhones.customerId,
          rows.map((row) => row.id),
        ),
      )
      .orderBy(asc(customerPhones.position));
    const byCustomer = new Map<string, CustomerPhoneNumber[]>();
    for (const phone of phones) {
      const list = byCustomer.get(phone.customerId) ?? [];
      list.push({ e164: phone.e164, label: phone.label });
      byCustomer.set(phone.customerId, list);
    }
    return rows.map((row) => ({ ...row, phones: byCustomer.get(row.id) ?? [] }));
  }

  /** Turns the database's refusal of a number taken meanwhile (a race the service's check lost) into a conflict. */
  private async refusingTakenNumbers<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', 'a number already belongs to another customer of this group');
      throw error;
    }
  }
}

async function insertPhones(tx: Tx, owner: CustomerRow, phones: readonly CustomerPhoneNumber[]): Promise<void> {
  if (phones.length === 0) return;
  await tx
    .insert(customerPhones)
    .values(phones.map((phone, position) => ({ customerId: owner.id, tenantId: owner.tenantId, groupId: owner.groupId, e164: phone.e164, label: phone.label, position })));
}

function inGroups(groupIds: 'all' | readonly string[]): SQL {
  if (groupIds === 'all') return sql`true`;
  return groupIds.length === 0 ? sql`false` : inArray(customers.groupId, [...groupIds]);
}
