/*
 * The only file of the data bench that knows how the service's tables are filled
 * (server/migrations/0001, 0003 and 0004). The bench does not hold the service's queries: it
 * calls the repositories themselves (see `bench-queries.ts`), so those cannot drift.
 *
 * What the service derives when it writes a row is derived here the same way:
 *   - customers.search_text and faq_articles.search_text are generated columns (faq_fold, …):
 *     PostgreSQL computes them exactly as for the service's own inserts;
 *   - customer_phones holds E.164 numbers valid in Japan's numbering plan, labelled as the
 *     service labels a typed number (mobile or not); フリガナ in katakana with single spaces;
 *   - call_records.customer_id is found as `DbCallRecordRepository` finds it when a call is
 *     filed: the customer of the record's group with that number (customer_phones);
 *   - a record's times, duration and end reason are what `deriveCallTimeline` makes of the
 *     events offered → answered (→ held → resumed) → ended, or offered → ended when nobody answered;
 *   - every FAQ article has its version rows (`changed_fields` as the service lists them).
 * `fixture-check.ts` samples the loaded rows and holds them against the service's own
 * normalisation functions, so a change there that this file misses stops the bench.
 */
import { allFaqFields } from '../../server/src/domain/faq/faq-article';
import {
  addresses,
  callBackDisposition,
  callCategories,
  customerNotes,
  dispositions,
  faqCategories,
  faqSentences,
  faqTitlePatterns,
  familyNames,
  givenNames,
  noteDetails,
  noteOutcomes,
  products,
  topics,
} from './fixture-vocabulary';

/** How much synthetic data to make. */
export interface FixtureSize {
  readonly tenants: number;
  readonly groupsPerTenant: number;
  /** Spread evenly over the groups, one group each. */
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

/** Groups (numbered from 1) the bench supervisor of every tenant belongs to. */
export const supervisorGroups = [1, 2] as const;

/** The bench users the queries act as: one administrator and one supervisor per tenant (made below). */
export const benchUsernames = {
  administrator: (tenantNo: number) => `bench.t${tenantNo}.admin`,
  supervisor: (tenantNo: number) => `bench.t${tenantNo}.sv`,
} as const;

/** Callers who are no customer get numbers from this `phone(k)` on; customers' second numbers from `secondNumberBase`. */
const unknownCallerCount = 1_000_000;
const secondNumberBase = 50_000_001;

/** The tables the bench fills, for the row count report. */
export const filledTables = [
  'call_records',
  'customers',
  'customer_phones',
  'faq_articles',
  'faq_article_versions',
  'inquiry_categories',
  'dispositions',
  'faq_categories',
  'users',
] as const;

/**
 * One loading step. Steps run in order; a step's row range may be cut into chunks that run
 * on several connections at once, so `sql(from, to)` must make exactly rows `from..to`.
 */
export interface FixtureStep {
  /** Shown in the load report. */
  readonly name: string;
  /** Rows (row numbers) this step is cut by; 0 for set-up steps that are not split. */
  readonly rows: number;
  sql(from: number, to: number): string;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function textArray(items: readonly string[]): string {
  return `array[${items.map(literal).join(', ')}]::text[]`;
}

/** A lookup table `bench_fixture.<name>(no, …)` numbered from 0, for joins on `pick(…)`. */
function vocabularyTable(name: string, columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const values = rows.map((row, no) => `(${[String(no), ...row.map(literal)].join(', ')})`).join(',\n  ');
  return `create table bench_fixture.${name} (no int primary key, ${columns.map((column) => `${column} text not null`).join(', ')});
insert into bench_fixture.${name} values
  ${values};`;
}

/** Creates a tenant's codes in `target` (tenant_id, name_ja, name_en, sort_order) and maps them as bench_fixture.<map>(tenant_no, no, id). */
function perTenantCodes(target: string, map: string, vocabulary: string): string {
  return `create table bench_fixture.${map} (tenant_no int, no int, id uuid not null, primary key (tenant_no, no));
with made as (
  insert into ${target} (tenant_id, name_ja, name_en, sort_order)
  select t.id, v.ja, v.en, (v.no + 1) * 10 from bench_fixture.tenant t cross join bench_fixture.${vocabulary} v
  returning id, tenant_id, name_ja
)
insert into bench_fixture.${map}
select t.no, v.no, made.id
  from made join bench_fixture.tenant t on t.id = made.tenant_id join bench_fixture.${vocabulary} v on v.ja = made.name_ja;`;
}

/** Salts of the ten sentences (s1 … s10) an FAQ body is made of. */
const faqSentenceSalts = [54, 55, 57, 61, 62, 63, 64, 65, 66, 67] as const;

/**
 * An FAQ body in Markdown (SQL expression) from the sentences s1 … s10 in `lang`:
 * an overview, four steps, two notes and one question with its answer.
 */
function faqBody(lang: 'ja' | 'en', parts: { overview: string; headings: readonly [string, string, string, string]; question: string; separator: string }): string {
  const s = (no: number) => `s${no}.${lang}`;
  const [overview, steps, notes, questions] = parts.headings;
  const lines = [
    `'## ${overview}'`,
    `${parts.overview} || ${parts.separator} || ${s(1)} || ${parts.separator} || ${s(2)}`,
    `'## ${steps}'`,
    `'1. ' || ${s(3)} || E'\\n2. ' || ${s(4)} || E'\\n3. ' || ${s(5)} || E'\\n4. ' || ${s(6)}`,
    `'## ${notes}'`,
    `'- ' || ${s(7)} || E'\\n- ' || ${s(8)}`,
    `'## ${questions}'`,
    parts.question,
    `'A. ' || ${s(9)} || ${parts.separator} || ${s(10)}`,
  ];
  return lines.join(` || E'\\n\\n' || `);
}

/**
 * The loading steps. Everything is made by `INSERT … SELECT generate_series` on the server:
 * no rows cross the wire. Values are deterministic: `pick(i, salt, n)` hashes the row number,
 * so two runs load the same data (generated ids aside).
 * @param until the newest call starts just before this instant; the oldest a year earlier.
 */
export function fixtureSteps(size: FixtureSize, until: Date): readonly FixtureStep[] {
  const { tenants, groupsPerTenant: groups, agentsPerTenant: agents, customers } = size;
  if (agents < groups) throw new Error('every group needs at least one agent');
  const agentsPerGroup = Math.floor(agents / groups);
  const end = `timestamptz ${literal(until.toISOString())}`;
  const year = 365 * 86_400;
  /** Seconds between one call's start and the next's, on average; each start is jittered within it. */
  const callGap = Math.max(1, Math.floor(year / size.callRecords));
  /** The same for customers, who were added over three years. */
  const customerGap = Math.max(1, Math.floor((3 * year) / customers));
  const n = {
    topics: topics.length,
    outcomes: noteOutcomes.length,
    details: noteDetails.length,
    products: products.length,
    patterns: faqTitlePatterns.length,
    sentences: faqSentences.length,
    families: familyNames.length,
    givens: givenNames.length,
    callCategories: callCategories.length,
    dispositions: dispositions.length,
    faqCategories: faqCategories.length,
    customerNotes: customerNotes.length,
    addresses: addresses.length,
  };
  const pick = (row: string, salt: number, count: number): string => `bench_fixture.pick(${row}, ${salt}, ${count})`;
  /** The group (1-based) customer `k` belongs to; call records use it to route their calls. */
  const customerGroup = (k: string): string => `${pick(k, 22, groups)} + 1`;

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
-- A distinct Japanese number in E.164 for every k < 90,000,000, valid in the numbering plan
-- (libphonenumber's, as the service checks it): one in five a Tokyo landline +81 3 [1-9]xxx xxxx,
-- the others mobiles +81 70/80/90 [1-9]xxx xxxx. 48271 is coprime with 9·10^7, so k ↦ m is one-to-one.
create function bench_fixture.phone(k bigint) returns text
  language sql immutable parallel safe
  as $$ select case when k % 5 = 0 then '+813' else '+81' || (array['70', '80', '90'])[1 + (k % 3)::int] end
               || (1 + m / 10000000)::text || lpad((m % 10000000)::text, 7, '0')
          from (select (k * 48271) % 90000000 as m) digits $$;
-- The label the service gives a number typed without one: mobile, or (here) home / work.
create function bench_fixture.phone_label(k bigint, landline text) returns text
  language sql immutable parallel safe
  as $$ select case when k % 5 = 0 then landline else 'mobile' end $$;
-- Customer k's id, so their numbers can be made in a step of their own.
create function bench_fixture.customer_id(k bigint) returns uuid
  language sql immutable parallel safe
  as $$ select md5('bench-customer-' || k)::uuid $$;
${vocabularyTable('topic', ['ja', 'en'], topics.map((t) => [t.ja, t.en]))}
${vocabularyTable('outcome', ['ja'], noteOutcomes.map((o) => [o]))}
${vocabularyTable('detail', ['ja'], noteDetails.map((d) => [d]))}
${vocabularyTable('product', ['ja', 'en'], products.map((p) => [p.ja, p.en]))}
${vocabularyTable('title_pattern', ['ja', 'en'], faqTitlePatterns.map((p) => [p.ja, p.en]))}
${vocabularyTable('sentence', ['ja', 'en'], faqSentences.map((s) => [s.ja, s.en]))}
${vocabularyTable('family', ['kanji', 'kana', 'romaji'], familyNames.map((f) => [f.kanji, f.kana, f.romaji]))}
${vocabularyTable('given', ['kanji', 'kana', 'romaji'], givenNames.map((g) => [g.kanji, g.kana, g.romaji]))}
${vocabularyTable('customer_note', ['ja'], customerNotes.map((c) => [c]))}
${vocabularyTable('address', ['ja'], addresses.map((a) => [a]))}
${vocabularyTable('call_category_name', ['ja', 'en'], callCategories.map((c) => [c.ja, c.en]))}
${vocabularyTable('disposition_name', ['ja', 'en'], dispositions.map((d) => [d.ja, d.en]))}
${vocabularyTable('faq_category_name', ['ja', 'en'], faqCategories.map((c) => [c.ja, c.en]))}`,
    },
    {
      name: 'tenants, groups, users, codes',
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

-- Nobody can sign in as a bench user: '!' is no password hash.
-- Agent a belongs to group (a - 1) % groups + 1.
create table bench_fixture.agent (tenant_no int, no int, user_id uuid not null, group_no int not null, group_id uuid not null, primary key (tenant_no, no));
with made as (
  insert into users (tenant_id, username, display_name, role, password_hash, sip_user)
  select t.id, 'bench.t' || t.no || '.a' || a, f.kanji || ' ' || g.kanji, 'agent', '!', 'b' || t.no || 'a' || a
    from bench_fixture.tenant t cross join generate_series(1, ${agents}) a
    join bench_fixture.family f on f.no = ${pick('t.no * 100000 + a', 1, n.families)}
    join bench_fixture.given g on g.no = ${pick('t.no * 100000 + a', 2, n.givens)}
  returning id, tenant_id, username
)
insert into bench_fixture.agent
select t.no, a.no, made.id, gr.no, gr.id
  from made join bench_fixture.tenant t on t.id = made.tenant_id
  cross join lateral (select substring(made.username from '[0-9]+$')::int as no) a
  join bench_fixture.grp gr on gr.tenant_no = t.no and gr.no = (a.no - 1) % ${groups} + 1;
insert into user_groups (user_id, group_id) select user_id, group_id from bench_fixture.agent;

-- The users the queries act as: an administrator (every group) and a supervisor of some groups.
create table bench_fixture.staff (tenant_no int primary key, admin_id uuid not null, supervisor_id uuid not null);
insert into users (tenant_id, username, display_name, role, password_hash)
select t.id, 'bench.t' || t.no || '.admin', 'ベンチ管理者 ' || t.no, 'administrator', '!' from bench_fixture.tenant t
union all
select t.id, 'bench.t' || t.no || '.sv', 'ベンチSV ' || t.no, 'supervisor', '!' from bench_fixture.tenant t;
insert into bench_fixture.staff
select t.no, admin.id, sv.id
  from bench_fixture.tenant t
  join users admin on admin.tenant_id = t.id and admin.role = 'administrator'
  join users sv on sv.tenant_id = t.id and sv.role = 'supervisor';
insert into user_groups (user_id, group_id)
select s.supervisor_id, gr.id from bench_fixture.staff s join bench_fixture.grp gr on gr.tenant_no = s.tenant_no
 where gr.no in (${supervisorGroups.join(', ')});

${perTenantCodes('inquiry_categories', 'call_category', 'call_category_name')}
${perTenantCodes('dispositions', 'disposition', 'disposition_name')}
${perTenantCodes('faq_categories', 'faq_category', 'faq_category_name')}`,
    },
    {
      name: 'customers',
      rows: customers,
      // In the order they were added, over three years.
      sql: (from, to) => `
insert into customers (id, tenant_id, group_id, name, name_kana, email, address, notes, created_at, updated_at)
select bench_fixture.customer_id(k), t.id, gr.id,
       f.kanji || ' ' || g.kanji,
       case when ${pick('k', 23, 10)} = 0 then null else f.kana || ' ' || g.kana end,
       case when ${pick('k', 24, 5)} = 0 then null else g.romaji || '.' || f.romaji || k || '@example.jp' end,
       case when ${pick('k', 28, 7)} = 0 then null
            else a.ja || (1 + ${pick('k', 29, 5)}) || '丁目' || (1 + ${pick('k', 30, 20)}) || '番' || (1 + ${pick('k', 31, 15)}) || '号' end,
       case when ${pick('k', 25, 4)} = 0 then note.ja else '' end,
       c.created, c.created
  from generate_series(${from}, ${to}) k
  cross join lateral (select ${end} - (1 + ${3 * year} - (k - 1)::bigint * ${3 * year} / ${customers} - ${pick('k', 26, customerGap)}) * interval '1 second' as created) c
  join bench_fixture.tenant t on t.no = k % ${tenants} + 1
  join bench_fixture.grp gr on gr.tenant_no = t.no and gr.no = ${customerGroup('k')}
  join bench_fixture.family f on f.no = ${pick('k', 20, n.families)}
  join bench_fixture.given g on g.no = ${pick('k', 21, n.givens)}
  join bench_fixture.address a on a.no = ${pick('k', 27, n.addresses)}
  join bench_fixture.customer_note note on note.no = ${pick('k', 32, n.customerNotes)}`,
    },
    {
      name: 'customer phones (1.3 per customer)',
      rows: customers,
      // Everyone has a number; three in ten a second one.
      sql: (from, to) => `
insert into customer_phones (customer_id, tenant_id, group_id, e164, label, position)
select c.id, c.tenant_id, c.group_id, bench_fixture.phone(p.k), bench_fixture.phone_label(p.k, p.landline), p.position
  from generate_series(${from}, ${to}) k
  join customers c on c.id = bench_fixture.customer_id(k)
  cross join lateral (
    select k as k, 'home' as landline, 0 as position
    union all
    select ${secondNumberBase} + k, 'work', 1 where ${pick('k', 33, 10)} < 3
  ) p`,
    },
    {
      name: 'call records',
      rows: size.callRecords,
      // Calls are made in the order they started, as the service files them, so a month of
      // calls lies together on disk as it does in production. Eight calls in ten come from a
      // known customer, nine in ten of those taken by their own group; one in fifty unknown callers withholds the number; one in twelve calls is not
      // answered; one in five answered calls is held a while; one in ten has no note.
      sql: (from, to) => `
insert into call_records (tenant_id, group_id, agent_id, sip_call_id, direction, local_number, remote_number, customer_id, queue,
                          phase, started_at, offered_at, answered_at, ended_at, held_seconds, duration_seconds, end_reason,
                          category_id, notes, disposition_id, follow_up_at, version, created_at, updated_at)
select t.id, a.group_id, a.user_id,
       md5(c.i::text) || '@bench.tsunagu.invalid',
       case when c.inbound then 'inbound' else 'outbound' end,
       '+8135200' || lpad(t.no::text, 4, '0'),
       c.remote,
       -- As the service files a call: the customer of the record's group with that number.
       (select cp.customer_id from customer_phones cp where cp.tenant_id = t.id and cp.group_id = a.group_id and cp.e164 = c.remote),
       case when c.inbound then '第' || a.group_no || 'グループ受付' end,
       'ended',
       c.started,
       c.started,
       case when c.abandoned then null else c.started + c.ring end,
       c.started + c.ring + case when c.abandoned then interval '0' else c.talk * interval '1 second' end,
       case when c.abandoned or ${pick('c.i', 48, 5)} > 0 then 0 else least(c.talk / 2, 10 + ${pick('c.i', 49, 170)}) end,
       case when c.abandoned then null else c.talk end,
       case when not c.abandoned then 'completed' when c.inbound then 'abandoned' else 'no-answer' end,
       case when c.abandoned then null else cat.id end,
       case when c.abandoned or ${pick('c.i', 46, 10)} = 0 then '' else topic.ja || 'について問い合わせ。' || detail.ja || '。' || o.ja || '。' end,
       case when c.abandoned then null else d.id end,
       case when not c.abandoned and d.no = ${callBackDisposition}
            then ((c.started + c.ring + c.talk * interval '1 second') at time zone 'Asia/Tokyo')::date + 1 end,
       case when c.abandoned then 1 else 2 end,
       c.started,
       c.started + c.ring + case when c.abandoned then interval '0' else (c.talk + 30 + ${pick('c.i', 50, 300)}) * interval '1 second' end
  from (select i, k, known, started, ring, talk, abandoned, inbound,
               case when not known and ${pick('i', 47, 50)} = 0 then null else bench_fixture.phone(k) end as remote,
               case when known and ${pick('i', 30, 10)} < 9 then ${customerGroup('k')} else ${pick('i', 29, groups)} + 1 end as group_no
          from (select i,
                       ${pick('i', 31, 10)} < 8 as known,
                       case when ${pick('i', 31, 10)} < 8 then ${pick('i', 32, customers)} + 1
                            else ${customers} + 1 + ${pick('i', 33, unknownCallerCount)} end as k,
                       ${end} - (1 + ${year} - (i - 1)::bigint * ${year} / ${size.callRecords} - ${pick('i', 34, callGap)}) * interval '1 second' as started,
                       (2 + ${pick('i', 35, 30)}) * interval '1 second' as ring,
                       30 + ${pick('i', 45, 1200)} as talk,
                       ${pick('i', 36, 12)} = 0 as abandoned,
                       ${pick('i', 41, 10)} < 7 as inbound
                  from generate_series(${from}, ${to}) i) drawn) c
  join bench_fixture.tenant t on t.no = c.k % ${tenants} + 1
  join bench_fixture.agent a on a.tenant_no = t.no and a.no = c.group_no + ${groups} * ${pick('c.i', 37, agentsPerGroup)}
  join bench_fixture.call_category cat on cat.tenant_no = t.no and cat.no = ${pick('c.i', 38, n.callCategories)}
  join bench_fixture.disposition d on d.tenant_no = t.no and d.no = ${pick('c.i', 39, n.dispositions)}
  join bench_fixture.topic topic on topic.no = ${pick('c.i', 40, n.topics)}
  join bench_fixture.detail detail on detail.no = ${pick('c.i', 43, n.details)}
  join bench_fixture.outcome o on o.no = ${pick('c.i', 42, n.outcomes)}`,
    },
    {
      name: 'FAQ articles and their versions',
      rows: size.faqArticles,
      // One article in thirty is archived (version 2: only `archived` changed); one in ten has
      // no English. Bodies are Markdown as editors write them: overview, steps, notes, a Q&A.
      sql: (from, to) => `
with made as (
  insert into faq_articles (tenant_id, category_id, title_ja, body_ja, title_en, body_en, tags, version, updated_by, updated_at, created_at, archived)
  select t.id, fc.id,
         p.ja || 'の' || topic.ja || pat.ja,
         ${faqBody('ja', {
           overview: `p.ja || 'をご利用のお客様向けに、' || topic.ja || 'についてご案内します。'`,
           headings: ['概要', '手順', 'ご注意', 'よくあるご質問'],
           question: `'**Q. ' || topic.ja || 'にはどのくらい時間がかかりますか？**'`,
           separator: `''`,
         })},
         case when a.english then replace(replace(pat.en, '%t', topic.en), '%p', p.en) else '' end,
         case when a.english then ${faqBody('en', {
           overview: `'This article explains ' || topic.en || ' for ' || p.en || ' customers. '`,
           headings: ['Overview', 'Steps', 'Please note', 'Questions'],
           question: `'**Q. How long does ' || topic.en || ' take?**'`,
           separator: `' '`,
         })} else '' end,
         array[topic.ja, p.ja],
         case when a.archived then 2 else 1 end,
         staff.admin_id,
         a.created + case when a.archived then (1 + ${pick('i', 59, 29)}) * interval '1 day' else interval '0' end,
         a.created,
         a.archived
    from generate_series(${from}, ${to}) i
    cross join lateral (select ${end} - (30 * 86400 + ${pick('i', 56, 2 * year)}) * interval '1 second' as created,
                               ${pick('i', 58, 30)} = 0 as archived,
                               ${pick('i', 60, 10)} > 0 as english) a
    join bench_fixture.tenant t on t.no = i % ${tenants} + 1
    join bench_fixture.staff staff on staff.tenant_no = t.no
    join bench_fixture.faq_category fc on fc.tenant_no = t.no and fc.no = ${pick('i', 50, n.faqCategories)}
    join bench_fixture.topic topic on topic.no = ${pick('i', 51, n.topics)}
    join bench_fixture.product p on p.no = ${pick('i', 52, n.products)}
    join bench_fixture.title_pattern pat on pat.no = ${pick('i', 53, n.patterns)}
    ${faqSentenceSalts.map((salt, index) => `join bench_fixture.sentence s${index + 1} on s${index + 1}.no = ${pick('i', salt, n.sentences)}`).join('\n    ')}
  returning id, tenant_id, version, category_id, title_ja, body_ja, title_en, body_en, tags, updated_by, created_at, updated_at
)
insert into faq_article_versions (article_id, tenant_id, version, category_id, title_ja, body_ja, title_en, body_en, tags, archived,
                                  changed_by, changed_at, changed_fields, change_summary)
select made.id, made.tenant_id, v, made.category_id, made.title_ja, made.body_ja, made.title_en, made.body_en, made.tags, v = 2,
       made.updated_by,
       case when v = 1 then made.created_at else made.updated_at end,
       case when v = 1 then ${textArray(allFaqFields)} else array['archived']::text[] end,
       case when v = 1 then '' else '古い内容のためアーカイブ' end
  from made cross join generate_series(1, made.version) v`,
    },
  ];
}
