/**
 * The service's read queries as the bench times them: each run calls the repository method the
 * service calls (`DbCallRecordRepository`, `DbCustomerRepository`, `DbFaqRepository` over the
 * `Db` of `openDatabase`), with parameters made the way the service makes them from a request
 * (the contract's defaults, Tokyo days, the actor's visible groups, number and search-term
 * normalisation). The SQL is therefore the service's own and cannot drift from it.
 *
 * Not timed: the audit entry the service writes after a call-record or customer search.
 */
import type pg from 'pg';
import { callRecordSearchQuerySchema } from '../../src/contract/call-records';
import { faqSearchQuerySchema } from '../../src/contract/faq';
import { DbCallRecordRepository } from '../../server/src/db/call-record-repository';
import { DbCustomerRepository } from '../../server/src/db/customer-repository';
import type { Db } from '../../server/src/db/database';
import { DbFaqRepository } from '../../server/src/db/faq-repository';
import { DbIdentityRepository } from '../../server/src/db/identity-repository';
import type { CallRecordQuery } from '../../server/src/domain/call-records/call-record';
import { readCallParty } from '../../server/src/domain/call-records/call-party';
import { endOfTokyoDay, startOfTokyoDay, tokyoDay } from '../../server/src/domain/call-records/tokyo-time';
import { formatNational } from '../../server/src/domain/customers/phone-number';
import { faqSearchTerms } from '../../server/src/domain/faq/faq-search-terms';
import { visibleGroups } from '../../server/src/domain/identity/access-policy';
import type { Actor } from '../../server/src/domain/identity/actor';
import { benchUsernames, type FixtureSize } from './fixture-sql';

/** What the queries run against. */
export interface BenchContext {
  /** The service's database handle (`openDatabase({ url }).db`). */
  readonly db: Db;
  /** The bench's own connection, for drawing samples from the loaded data. */
  readonly client: pg.Client;
  readonly size: FixtureSize;
}

/** One timed execution: how many items the service would return. */
export type BenchRun = (run: number) => Promise<number>;

/** One of the service's read paths, as the bench times it. */
export interface BenchQuery {
  readonly metric: string;
  /** Draws parameters from the loaded data (once, after ANALYZE) and returns the run. */
  prepare(context: BenchContext): Promise<BenchRun>;
}

const DAY_MS = 86_400_000;
/** The search box's span: 30 Tokyo days. */
const RANGE_DAYS = 30;
/** Rows drawn per sample query; enough variety for 200 runs. */
const SAMPLE_ROWS = 500;

const recordSearchTerms = ['住所変更', 'パスワード', '解約', '請求書', '配送', '返品', '折り返し', 'エスカレーション'];
const faqQueriesJa = ['パスワード', '住所変更'];
const faqQueriesEn = ['password reset'];

/** The bench users of one tenant as the service sees them once signed in. */
interface TenantActors {
  readonly administrator: Actor;
  readonly supervisor: Actor;
}

/** Signed-in actors per tenant id, resolved by the service's identity repository. */
async function actorsByTenant(db: Db, tenants: number): Promise<Map<string, TenantActors>> {
  const identities = new DbIdentityRepository(db);
  const actor = async (username: string): Promise<Actor> => {
    const user = await identities.findUserByUsername(username);
    if (!user) throw new Error(`bench user ${username} is missing`);
    return { userId: user.id, tenantId: user.tenantId, username: user.username, displayName: user.displayName, role: user.role, groupIds: user.groupIds, sipUser: user.sipUser };
  };
  const byTenant = new Map<string, TenantActors>();
  for (let no = 1; no <= tenants; no++) {
    const administrator = await actor(benchUsernames.administrator(no));
    byTenant.set(administrator.tenantId, { administrator, supervisor: await actor(benchUsernames.supervisor(no)) });
  }
  return byTenant;
}

function actorsOf(actors: ReadonlyMap<string, TenantActors>, tenantId: string): TenantActors {
  const found = actors.get(tenantId);
  if (!found) throw new Error(`no bench users in tenant ${tenantId}`);
  return found;
}

function cycle<T>(items: readonly T[], run: number): T {
  const item = items[run % items.length];
  if (item === undefined) throw new Error('nothing to draw from');
  return item;
}

/** A TABLESAMPLE percentage giving about `rows` of `total`. */
function samplePercent(rows: number, total: number): string {
  return Math.min(100, (100 * rows) / Math.max(1, total)).toFixed(4);
}

/** `from`/`to` as the search box sends them: 30 Tokyo days around `instant`. */
function dayRange(instant: Date): { from: string; to: string } {
  const from = tokyoDay(new Date(instant.getTime() - (RANGE_DAYS / 2) * DAY_MS));
  return { from, to: tokyoDay(new Date(startOfTokyoDay(from).getTime() + (RANGE_DAYS - 1) * DAY_MS)) };
}

/**
 * A record search as `CallRecordService.search` makes it: the request through the contract's
 * schema (defaults: 50 a page), days to Tokyo midnights, the actor's visible groups.
 */
function recordQuery(actor: Actor, request: { from: string; to: string; agentId?: string; q: string }): CallRecordQuery {
  const filter = callRecordSearchQuerySchema.parse(request);
  const bound = (value: string | undefined, day: (d: string) => Date) => (value === undefined ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(value) ? day(value) : new Date(value));
  return {
    tenantId: actor.tenantId,
    groupIds: visibleGroups(actor),
    from: bound(filter.from, startOfTokyoDay),
    to: bound(filter.to, endOfTokyoDay),
    agentId: filter.agentId,
    text: filter.q,
    cursor: filter.cursor,
    limit: filter.limit,
  };
}

interface RecordSample {
  tenant_id: string;
  agent_id: string;
  started_at: Date;
}

/** Calls of the loaded year (about SAMPLE_ROWS) to draw searches around: their tenant, agent and start. */
async function recordSamples(context: BenchContext, seed: number): Promise<RecordSample[]> {
  const { rows } = await context.client.query<RecordSample>(
    `select tenant_id::text, agent_id::text, started_at
       from call_records tablesample bernoulli (${samplePercent(SAMPLE_ROWS, context.size.callRecords)}) repeatable (${seed})
      where agent_id is not null`,
  );
  if (rows.length === 0) throw new Error('no call records to draw searches from');
  return rows;
}

/** A search of 30 days of records for a text, by the tenant's administrator or supervisor, for one agent or all. */
function callRecordSearch(metric: string, seed: number, who: 'administrator' | 'supervisor', withAgent: boolean): BenchQuery {
  return {
    metric,
    async prepare(context) {
      const repository = new DbCallRecordRepository(context.db);
      const actors = await actorsByTenant(context.db, context.size.tenants);
      const samples = await recordSamples(context, seed);
      return async (run) => {
        const sample = cycle(samples, run);
        const actor = actorsOf(actors, sample.tenant_id)[who];
        const request = { ...dayRange(sample.started_at), q: cycle(recordSearchTerms, run), ...(withAgent ? { agentId: sample.agent_id } : {}) };
        const page = await repository.search(recordQuery(actor, request));
        return page.items.length;
      };
    },
  };
}

interface NumberSample {
  tenant_id: string;
  e164: string;
}

/** A call coming in: the tenant it reaches and the caller's number as the softphone shows it. */
interface IncomingCall {
  readonly tenantId: string;
  readonly number: string;
}

/**
 * Calls coming in, numbers in national format (090-1234-5678): nine in ten from a customer of
 * the supervisors' groups, one in ten from a caller nobody knows (a number no customer has).
 */
async function incomingCalls(context: BenchContext, actors: ReadonlyMap<string, TenantActors>): Promise<IncomingCall[]> {
  const known = await context.client.query<NumberSample>(
    `select cp.tenant_id::text, cp.e164
       from customer_phones cp
      where cp.group_id = any ($1::uuid[])
      order by hashtext(cp.e164)
      limit ${SAMPLE_ROWS}`,
    [[...actors.values()].flatMap((tenant) => tenant.supervisor.groupIds)],
  );
  if (known.rows.length === 0) throw new Error("no customer numbers in the supervisors' groups");
  // bench_fixture.phone(k) for k past the customers is the number of a caller who is no customer.
  const strangers = await context.client.query<NumberSample>(
    `select t.id::text as tenant_id, bench_fixture.phone(${context.size.customers} + 1 + n) as e164
       from generate_series(0, ${Math.ceil(SAMPLE_ROWS / 9)}) n join bench_fixture.tenant t on t.no = n % ${context.size.tenants} + 1`,
  );
  const calls: IncomingCall[] = [];
  known.rows.forEach((row, index) => {
    calls.push({ tenantId: row.tenant_id, number: formatNational(row.e164) });
    const stranger = strangers.rows[Math.floor(index / 9)];
    if (index % 9 === 8 && stranger) calls.push({ tenantId: stranger.tenant_id, number: formatNational(stranger.e164) });
  });
  return calls;
}

/** The number as `CustomerService.lookup` reads it: any format to E.164. */
function e164Of(number: string): string {
  const party = readCallParty(number);
  if (party?.kind !== 'phone') throw new Error(`${number} does not read as a phone number`);
  return party.value;
}

/** A screen pop as a supervisor gets it; with `withRecentCalls`, each customer found with their last 5 calls. */
function customerLookup(metric: string, withRecentCalls: boolean): BenchQuery {
  return {
    metric,
    async prepare(context) {
      const customers = new DbCustomerRepository(context.db);
      const calls = new DbCallRecordRepository(context.db);
      const actors = await actorsByTenant(context.db, context.size.tenants);
      const incoming = await incomingCalls(context, actors);
      return async (run) => {
        const call = cycle(incoming, run);
        const actor = actorsOf(actors, call.tenantId).supervisor;
        const groups = visibleGroups(actor);
        // CustomerService.lookup: the number as the softphone gave it, read to E.164.
        const found = await customers.findByPhone(actor.tenantId, groups, e164Of(call.number));
        if (!withRecentCalls) return found.length;
        // CustomerService.lookup: each customer with their last 5 calls.
        const recent = await Promise.all(
          found.map((customer) => calls.recentForCustomer(actor.tenantId, groups, customer.id, customer.phones.map((phone) => phone.e164), 5)),
        );
        return found.length + recent.reduce((sum, list) => sum + list.length, 0);
      };
    },
  };
}

/** The FAQ panel's search, in the reader's language; FAQ articles are tenant-wide, so any signed-in user gets the same. */
function faqSearch(metric: string, lang: 'ja' | 'en', queries: readonly string[]): BenchQuery {
  return {
    metric,
    async prepare(context) {
      const repository = new DbFaqRepository(context.db);
      const actors = [...(await actorsByTenant(context.db, context.size.tenants)).values()].map((tenant) => tenant.supervisor);
      return async (run) => {
        const actor = cycle(actors, run);
        // FaqService.search: the request through the contract (20 a page), its words split by
        // the service, one row more than the page to tell whether there are more.
        const request = faqSearchQuerySchema.parse({ q: cycle(queries, run), lang });
        const matches = await repository.search({
          tenantId: actor.tenantId,
          terms: faqSearchTerms(request.q),
          categoryId: request.categoryId,
          language: request.lang,
          includeArchived: false,
          limit: request.limit + 1,
        });
        return Math.min(matches.length, request.limit);
      };
    },
  };
}

/** What the bench times, in the order of the table. */
export const benchQueries: readonly BenchQuery[] = [
  callRecordSearch('record search: 30 days + agent + text (admin)', 42, 'administrator', true),
  callRecordSearch("record search: 30 days + text (supervisor's 2 groups)", 43, 'supervisor', false),
  callRecordSearch('record search: 30 days + text (admin, all groups)', 44, 'administrator', false),
  customerLookup('customer lookup by number (E.164)', false),
  customerLookup('screen pop: lookup + 5 recent calls each', true),
  faqSearch('FAQ search ja (パスワード, 住所変更)', 'ja', faqQueriesJa),
  faqSearch('FAQ search en (password reset)', 'en', faqQueriesEn),
];
