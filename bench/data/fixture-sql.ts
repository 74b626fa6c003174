/*
 * ╔══════════════════════════════════════════════════════════════════════════════════════════╗
 * ║  ADJUST HERE — the only file of the data bench that knows the service's tables and SQL.    ║
 * ╚══════════════════════════════════════════════════════════════════════════════════════════╝
 *
 * Written while `server/` was being built, against ASSUMED shapes:
 *   call_records (id uuid, tenant_id, group_id, agent_id, sip_call_id text unique, direction,
 *                 remote_number, started_at timestamptz, answered_at, ended_at, category_id,
 *                 notes text, disposition_id)
 *   customers    (id, tenant_id, group_id, name, name_kana, phone_e164, email, notes, created_at)
 *   faq_articles (id, tenant_id, category_id, title_ja, body_ja, title_en, body_en, tags text[],
 *                 updated_at)
 *   call_categories / dispositions / faq_categories (id, tenant_id, name)  ← names guessed
 * and on the real tenants / groups / users / user_groups of 0001_identity_audit.sql.
 *
 * When the service's migrations land, adjust:
 *   1. `fixtureSteps`   — the INSERT … SELECT generate_series statements (columns, FK tables);
 *   2. `benchQueries`   — paste the exact SQL the repositories run (same WHERE, ORDER BY, LIMIT,
 *                         same expressions, so the same indexes are used);
 *   3. `provisionalSchemaSql` — used ONLY while the migrations do not create the three tables;
 *                         delete it then (the bench says loudly when it falls back to it).
 */
import {
  callCategories,
  dispositions,
  faqCategories,
  faqSentences,
  faqTitlePatterns,
  familyNames,
  givenNames,
  noteOutcomes,
  products,
  topics,
} from './fixture-vocabulary';

/** How much synthetic data to make. */
export interface FixtureSize {
  readonly tenants: number;
  readonly groupsPerTenant: number;
  readonly agentsPerTenant: number;
  readonly customers: number;
  readonly callRecords: number;
  readonly faqArticles: number;
}

/** The size the benchmark is specified at. */
export const fullFixtureSize: FixtureSize = {
  tenants: 4,
  groupsPerTenant: 5,
  agentsPerTenant: 50,
  customers: 100_000,
  callRecords: 1_000_000,
  faqArticles: 10_000,
};

/** The tables the service's migrations must create for the bench to use them instead of its provisional schema. */
export const serviceTables = ['call_records', 'customers', 'faq_articles'] as const;

/**
 * One loading step. Steps run in order; a step's row range may be cut into chunks that run
 * on several connections at once, so `sql(from, to)` must make exactly rows `from..to`.
 */
export interface FixtureStep {
  /** Shown in the load report. */
  readonly name: string;
  /** Rows this step makes; 0 for set-up steps that are not split. */
  readonly rows: number;
  sql(from: number, to: number): string;
}

/** A search term as the service matches it: a substring, with LIKE's wildcards escaped. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (wildcard) => `\\${wildcard}`)}%`;
}

/** A row the queries' parameters are drawn from; every column is selected as text. */
export type Sample = Readonly<Record<string, string>>;

/** One of the service's read queries, as the bench times it. */
export interface BenchQuery {
  readonly metric: string;
  /** Picks real values from the loaded data (text columns); run once, after ANALYZE. */
  readonly samplesSql: string;
  /** The service's SQL, verbatim. */
  readonly sql: string;
  /** Parameters of the `run`-th execution, from one sample row. */
  params(sample: Sample, run: number): unknown[];
}

function field(sample: Sample, name: string): string {
  const value = sample[name];
  if (value === undefined) throw new Error(`sample has no column ${name}`);
  return value;
}

const recordSearchTerms = ['住所変更', 'パスワード', '解約', '請求書', '配送', '返品', '折り返し', 'エスカレーション'];
const faqTermsJa = ['パスワード', '住所変更'];
const faqTermsEn = ['password reset'];

/** ⟵ ADJUST: the service's queries, verbatim. `$n` parameters as node-postgres sends them. */
export const benchQueries: readonly BenchQuery[] = [
  {
    metric: 'record search: 30 days + agent + text',
    samplesSql: `select tenant_id::text as tenant_id, agent_id::text as agent_id,
                        (started_at - interval '15 days')::text as from_at, (started_at + interval '15 days')::text as to_at
                   from call_records tablesample bernoulli (0.1) repeatable (42) where agent_id is not null`,
    sql: `select r.id, r.sip_call_id, r.direction, r.remote_number, r.started_at, r.answered_at, r.ended_at,
                 r.agent_id, r.category_id, r.disposition_id, r.notes
            from call_records r
           where r.tenant_id = $1 and r.started_at >= $2 and r.started_at < $3
             and r.agent_id = $4 and r.notes ilike $5
           order by r.started_at desc
           limit 50`,
    params: (s, run) => [
      field(s, 'tenant_id'),
      field(s, 'from_at'),
      field(s, 'to_at'),
      field(s, 'agent_id'),
      containsPattern(recordSearchTerms[run % recordSearchTerms.length] ?? ''),
    ],
  },
  {
    metric: 'record search: 30 days + text, all agents',
    samplesSql: `select tenant_id::text as tenant_id,
                        (started_at - interval '15 days')::text as from_at, (started_at + interval '15 days')::text as to_at
                   from call_records tablesample bernoulli (0.1) repeatable (43)`,
    sql: `select r.id, r.sip_call_id, r.direction, r.remote_number, r.started_at, r.answered_at, r.ended_at,
                 r.agent_id, r.category_id, r.disposition_id, r.notes
            from call_records r
           where r.tenant_id = $1 and r.started_at >= $2 and r.started_at < $3
             and r.notes ilike $4
           order by r.started_at desc
           limit 50`,
    params: (s, run) => [
      field(s, 'tenant_id'),
      field(s, 'from_at'),
      field(s, 'to_at'),
      containsPattern(recordSearchTerms[run % recordSearchTerms.length] ?? ''),
    ],
  },
  {
    metric: 'customer lookup by E.164 number',
    samplesSql: `select tenant_id::text as tenant_id, phone_e164 from customers tablesample bernoulli (1) repeatable (44)`,
    sql: `select c.id, c.name, c.name_kana, c.phone_e164, c.email, c.group_id
            from customers c
           where c.tenant_id = $1 and c.phone_e164 = $2
           order by c.created_at
           limit 10`,
    // Every tenth lookup is a caller nobody knows (050 numbers are never generated).
    params: (s, run) => [field(s, 'tenant_id'), run % 10 === 9 ? `+8150${String(10_000_000 + run).slice(-8)}` : field(s, 'phone_e164')],
  },
  {
    metric: 'FAQ search ja (パスワード, 住所変更)',
    samplesSql: `select distinct tenant_id::text as tenant_id from faq_articles`,
    sql: faqSearchSql(),
    params: (s, run) => faqParams(field(s, 'tenant_id'), faqTermsJa[run % faqTermsJa.length] ?? ''),
  },
  {
    metric: 'FAQ search en (password reset)',
    samplesSql: `select distinct tenant_id::text as tenant_id from faq_articles`,
    sql: faqSearchSql(),
    params: (s, run) => faqParams(field(s, 'tenant_id'), faqTermsEn[run % faqTermsEn.length] ?? ''),
  },
];

/** The FAQ search: a substring anywhere in either language, best title match first. */
function faqSearchSql(): string {
  return `select a.id, a.category_id, a.title_ja, a.title_en, a.tags, a.updated_at
            from faq_articles a
           where a.tenant_id = $1
             and (a.title_ja || ' ' || a.body_ja || ' ' || a.title_en || ' ' || a.body_en) ilike $3
           order by greatest(similarity(a.title_ja, $2), similarity(a.title_en, $2)) desc, a.updated_at desc
           limit 20`;
}

function faqParams(tenantId: string, term: string): unknown[] {
  return [tenantId, term, containsPattern(term)];
}

/**
 * ⟵ DELETE once the migrations create the tables. The bench's guess at them, with the indexes
 * the queries above need: trigram GIN for substring search (Japanese has no word boundaries,
 * so full-text parsers do not fit), B-trees for tenant + time and exact numbers.
 */
export const provisionalSchemaSql = `
create table if not exists call_categories (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  unique (tenant_id, name)
);
create table if not exists dispositions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  unique (tenant_id, name)
);
create table if not exists faq_categories (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  unique (tenant_id, name)
);

create table customers (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  group_id uuid references groups (id),
  name text not null,
  name_kana text,
  phone_e164 text check (phone_e164 ~ '^\\+[1-9][0-9]{6,14}$'),
  email text,
  notes text,
  created_at timestamptz not null default now()
);
create index customers_by_phone on customers (tenant_id, phone_e164);
create index customers_name_trgm on customers using gin (name gin_trgm_ops, name_kana gin_trgm_ops);

create table call_records (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  group_id uuid references groups (id),
  agent_id uuid references users (id),
  sip_call_id text not null unique,
  direction text not null check (direction in ('inbound', 'outbound')),
  remote_number text,
  started_at timestamptz not null,
  answered_at timestamptz,
  ended_at timestamptz,
  category_id uuid references call_categories (id),
  notes text not null default '',
  disposition_id uuid references dispositions (id)
);
create index call_records_by_tenant_time on call_records (tenant_id, started_at desc);
create index call_records_by_agent_time on call_records (agent_id, started_at desc);
create index call_records_by_number on call_records (tenant_id, remote_number, started_at desc);
create index call_records_notes_trgm on call_records using gin (notes gin_trgm_ops);

create table faq_articles (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  category_id uuid references faq_categories (id),
  title_ja text not null,
  body_ja text not null,
  title_en text not null default '',
  body_en text not null default '',
  tags text[] not null default '{}',
  updated_at timestamptz not null default now()
);
create index faq_articles_text_trgm on faq_articles
  using gin ((title_ja || ' ' || body_ja || ' ' || title_en || ' ' || body_en) gin_trgm_ops);
`;

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A lookup table `bench_fixture.<name>(no, …)` numbered from 0, for joins on `pick(…)`. */
function vocabularyTable(name: string, columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const values = rows.map((row, no) => `(${[String(no), ...row.map(literal)].join(', ')})`).join(',\n  ');
  return `create table bench_fixture.${name} (no int primary key, ${columns.map((column) => `${column} text not null`).join(', ')});
insert into bench_fixture.${name} values
  ${values};`;
}

/** Creates per-tenant named rows in `target` (id, tenant_id, name) and maps them as bench_fixture.<map>(tenant_no, no, id). */
function perTenantNames(target: string, map: string, vocabulary: string): string {
  return `create table bench_fixture.${map} (tenant_no int, no int, id uuid not null, primary key (tenant_no, no));
with made as (
  insert into ${target} (tenant_id, name)
  select t.id, v.name from bench_fixture.tenant t cross join bench_fixture.${vocabulary} v
  returning id, tenant_id, name
)
insert into bench_fixture.${map}
select t.no, v.no, made.id
  from made join bench_fixture.tenant t on t.id = made.tenant_id join bench_fixture.${vocabulary} v on v.name = made.name;`;
}

/**
 * ⟵ ADJUST: the loading steps. Everything is made by `INSERT … SELECT generate_series` on the
 * server: no rows cross the wire, no dependency. Values are deterministic: `pick(i, salt, n)`
 * hashes the row number, so two runs load the same data (ids aside).
 * @param until the newest call starts just before this instant; the oldest a year earlier.
 */
export function fixtureSteps(size: FixtureSize, until: Date): readonly FixtureStep[] {
  const { tenants, groupsPerTenant: groups, agentsPerTenant: agents, customers } = size;
  const end = `timestamptz ${literal(until.toISOString())}`;
  const year = 365 * 86_400;
  const n = {
    topics: topics.length,
    outcomes: noteOutcomes.length,
    products: products.length,
    patterns: faqTitlePatterns.length,
    sentences: faqSentences.length,
    families: familyNames.length,
    givens: givenNames.length,
    callCategories: callCategories.length,
    dispositions: dispositions.length,
    faqCategories: faqCategories.length,
  };
  const pick = (row: string, salt: number, count: number): string => `bench_fixture.pick(${row}, ${salt}, ${count})`;

  return [
    {
      name: 'helpers and vocabulary',
      rows: 0,
      sql: () => `
create schema bench_fixture;
-- A deterministic pseudo-random number in [0, n) for row i; salt tells the columns apart.
create function bench_fixture.pick(i bigint, salt int, n int) returns int
  language sql immutable parallel safe
  as $$ select ((hashint8(i * 1000 + salt) % n) + n) % n $$;
-- A distinct Japanese number in E.164 for every k: one in five a Tokyo landline (+81 3),
-- the others mobiles (+81 70/80/90). 48271 is coprime with 10^8, so k ↦ digits is one-to-one.
create function bench_fixture.phone(k bigint) returns text
  language sql immutable parallel safe
  as $$ select case when k % 5 = 0 then '+813' else '+81' || (array['70', '80', '90'])[1 + (k % 3)::int] end
               || lpad(((k * 48271) % 100000000)::text, 8, '0') $$;
${vocabularyTable('topic', ['ja', 'en'], topics.map((t) => [t.ja, t.en]))}
${vocabularyTable('outcome', ['ja'], noteOutcomes.map((o) => [o]))}
${vocabularyTable('product', ['ja', 'en'], products.map((p) => [p.ja, p.en]))}
${vocabularyTable('title_pattern', ['ja', 'en'], faqTitlePatterns.map((p) => [p.ja, p.en]))}
${vocabularyTable('sentence', ['ja', 'en'], faqSentences.map((s) => [s.ja, s.en]))}
${vocabularyTable('family', ['kanji', 'kana', 'romaji'], familyNames.map((f) => [f.kanji, f.kana, f.romaji]))}
${vocabularyTable('given', ['kanji', 'kana', 'romaji'], givenNames.map((g) => [g.kanji, g.kana, g.romaji]))}
${vocabularyTable('call_category_name', ['name'], callCategories.map((c) => [c]))}
${vocabularyTable('disposition_name', ['name'], dispositions.map((d) => [d]))}
${vocabularyTable('faq_category_name', ['name'], faqCategories.map((c) => [c]))}`,
    },
    {
      name: 'tenants, groups, agents, categories',
      rows: 0,
      sql: () => `
create table bench_fixture.tenant (no int primary key, id uuid not null);
with made as (
  insert into tenants (name, seat_limit)
  select 'ベンチ株式会社 ' || t, 500 from generate_series(1, ${tenants}) t
  returning id, name
)
insert into bench_fixture.tenant select substring(name from '[0-9]+$')::int, id from made;

create table bench_fixture.grp (tenant_no int, no int, id uuid not null, primary key (tenant_no, no));
with made as (
  insert into groups (tenant_id, name)
  select t.id, '第' || g || 'グループ' from bench_fixture.tenant t cross join generate_series(1, ${groups}) g
  returning id, tenant_id, name
)
insert into bench_fixture.grp
select t.no, substring(made.name from '[0-9]+')::int, made.id from made join bench_fixture.tenant t on t.id = made.tenant_id;

-- Agents cannot sign in: '!' is no password hash.
create table bench_fixture.agent (tenant_no int, no int, user_id uuid not null, group_id uuid not null, primary key (tenant_no, no));
with made as (
  insert into users (tenant_id, username, display_name, role, password_hash, sip_user)
  select t.id, 'bench.t' || t.no || '.a' || a, f.kanji || ' ' || g.kanji, 'agent', '!', 'b' || t.no || 'a' || a
    from bench_fixture.tenant t cross join generate_series(1, ${agents}) a
    join bench_fixture.family f on f.no = ${pick('t.no * 100000 + a', 1, n.families)}
    join bench_fixture.given g on g.no = ${pick('t.no * 100000 + a', 2, n.givens)}
  returning id, tenant_id, username
)
insert into bench_fixture.agent
select t.no, substring(made.username from '[0-9]+$')::int, made.id, gr.id
  from made join bench_fixture.tenant t on t.id = made.tenant_id
  join bench_fixture.grp gr on gr.tenant_no = t.no and gr.no = (substring(made.username from '[0-9]+$')::int - 1) % ${groups} + 1;
insert into user_groups (user_id, group_id) select user_id, group_id from bench_fixture.agent;

${perTenantNames('call_categories', 'call_category', 'call_category_name')}
${perTenantNames('dispositions', 'disposition', 'disposition_name')}
${perTenantNames('faq_categories', 'faq_category', 'faq_category_name')}`,
    },
    {
      name: 'customers',
      rows: customers,
      sql: (from, to) => `
insert into customers (tenant_id, group_id, name, name_kana, phone_e164, email, notes, created_at)
select t.id,
       case when ${pick('k', 23, 10)} < 3 then null else gr.id end,
       f.kanji || ' ' || g.kanji,
       f.kana || ' ' || g.kana,
       bench_fixture.phone(k),
       case when ${pick('k', 24, 5)} = 0 then null else f.romaji || '.' || g.romaji || k || '@example.jp' end,
       case when ${pick('k', 25, 4)} = 0 then topic.ja || 'の件で過去にお問い合わせあり' end,
       ${end} - ${pick('k', 26, 3 * year)} * interval '1 second'
  from generate_series(${from}, ${to}) k
  join bench_fixture.tenant t on t.no = k % ${tenants} + 1
  join bench_fixture.grp gr on gr.tenant_no = t.no and gr.no = ${pick('k', 22, groups)} + 1
  join bench_fixture.family f on f.no = ${pick('k', 20, n.families)}
  join bench_fixture.given g on g.no = ${pick('k', 21, n.givens)}
  join bench_fixture.topic topic on topic.no = ${pick('k', 27, n.topics)}`,
    },
    {
      name: 'call records',
      rows: size.callRecords,
      // Eight calls in ten come from a known customer (whose tenant takes the call); one in
      // twelve is abandoned while ringing; one in ten answered calls has no note.
      sql: (from, to) => `
insert into call_records (tenant_id, group_id, agent_id, sip_call_id, direction, remote_number,
                          started_at, answered_at, ended_at, category_id, notes, disposition_id)
select t.id, a.group_id, a.user_id,
       md5(c.i::text) || '@bench.tsunagu.invalid',
       case when ${pick('c.i', 41, 10)} < 7 then 'inbound' else 'outbound' end,
       bench_fixture.phone(c.k),
       c.started,
       case when c.abandoned then null else c.started + c.ring end,
       c.started + c.ring + case when c.abandoned then interval '0' else (30 + ${pick('c.i', 45, 1200)}) * interval '1 second' end,
       cat.id,
       case when c.abandoned or ${pick('c.i', 46, 10)} = 0 then '' else topic.ja || 'について問い合わせ。' || o.ja || '。' end,
       case when c.abandoned then null else d.id end
  from (select i,
               case when ${pick('i', 31, 10)} < 8 then ${pick('i', 32, customers)} + 1
                    else ${customers} + 1 + ${pick('i', 33, 1_000_000)} end as k,
               ${end} - (1 + ${pick('i', 34, year)}) * interval '1 second' as started,
               (2 + ${pick('i', 35, 30)}) * interval '1 second' as ring,
               ${pick('i', 36, 12)} = 0 as abandoned
          from generate_series(${from}, ${to}) i) c
  join bench_fixture.tenant t on t.no = c.k % ${tenants} + 1
  join bench_fixture.agent a on a.tenant_no = t.no and a.no = ${pick('c.i', 37, agents)} + 1
  join bench_fixture.call_category cat on cat.tenant_no = t.no and cat.no = ${pick('c.i', 38, n.callCategories)}
  join bench_fixture.disposition d on d.tenant_no = t.no and d.no = ${pick('c.i', 39, n.dispositions)}
  join bench_fixture.topic topic on topic.no = ${pick('c.i', 40, n.topics)}
  join bench_fixture.outcome o on o.no = ${pick('c.i', 42, n.outcomes)}`,
    },
    {
      name: 'FAQ articles',
      rows: size.faqArticles,
      sql: (from, to) => `
insert into faq_articles (tenant_id, category_id, title_ja, body_ja, title_en, body_en, tags, updated_at)
select t.id, fc.id,
       p.ja || 'の' || topic.ja || pat.ja,
       p.ja || 'をご利用のお客様向けに、' || topic.ja || 'についてご案内します。' || s1.ja || s2.ja || s3.ja,
       replace(replace(pat.en, '%t', topic.en), '%p', p.en),
       'This article explains ' || topic.en || ' for ' || p.en || ' customers. ' || s1.en || ' ' || s2.en || ' ' || s3.en,
       array[topic.ja, p.ja],
       ${end} - ${pick('i', 56, 2 * year)} * interval '1 second'
  from generate_series(${from}, ${to}) i
  join bench_fixture.tenant t on t.no = i % ${tenants} + 1
  join bench_fixture.faq_category fc on fc.tenant_no = t.no and fc.no = ${pick('i', 50, n.faqCategories)}
  join bench_fixture.topic topic on topic.no = ${pick('i', 51, n.topics)}
  join bench_fixture.product p on p.no = ${pick('i', 52, n.products)}
  join bench_fixture.title_pattern pat on pat.no = ${pick('i', 53, n.patterns)}
  join bench_fixture.sentence s1 on s1.no = ${pick('i', 54, n.sentences)}
  join bench_fixture.sentence s2 on s2.no = ${pick('i', 55, n.sentences)}
  join bench_fixture.sentence s3 on s3.no = ${pick('i', 57, n.sentences)}`,
    },
  ];
}
