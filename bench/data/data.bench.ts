/**
 * `npm run bench:data`: how the service's read queries hold up on a real PostgreSQL with a
 * year of a busy contact centre in it.
 *
 * Starts a throw-away PostgreSQL in `.run/bench/postgres`, makes a fresh database, applies the
 * service's migrations with its own runner, loads 1,000,000 call records, 100,000 customers
 * (with their numbers) and 10,000 FAQ articles (with their versions) into the service's tables
 * with INSERT … SELECT generate_series (`fixture-sql.ts`; no rows cross the wire), checks a
 * sample against the service's normalisation (`fixture-check.ts`), VACUUM ANALYZEs, then times
 * the service's repository methods over its own `Db` (`bench-queries.ts`; p50 / p95 over 200
 * runs with varying parameters, after a warm-up) and prints a table.
 *
 *   bash bench/data/run.sh [--scale 0.1] [--runs 200] [--port 55432] [--explain] [--keep]
 *
 * --scale multiplies every row count (0.1 for a quick look); --explain prints the plan (EXPLAIN
 * ANALYZE) of every statement the first run of each metric sent; --keep leaves the server
 * running afterwards for psql (the command is printed).
 * Without --keep the cluster is removed at the end: it holds about 2 GB of data and WAL.
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import { openDatabase, type Database, type Db } from '../../server/src/db/database';
import { migrate } from '../../server/src/db/migrate';
import { PostgresServer } from '../../scripts/postgres/postgres-server';
import { benchQueries, type BenchContext, type BenchQuery } from './bench-queries';
import { checkFixture } from './fixture-check';
import { filledTables, fixtureSteps, fullFixtureSize, type FixtureSize, type FixtureStep } from './fixture-sql';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const DATABASE = 'tsunagu_bench';
/** Rows per INSERT statement when a step is spread over several connections. */
const CHUNK_ROWS = 100_000;
const WARM_UP_RUNS = 10;
/** A query that is this slow on every run must not hold the bench for long. */
const METRIC_BUDGET_MS = 30_000;
const STATEMENT_TIMEOUT = '10s';

/**
 * Settings for a bulk load and stable timings on a small machine (2 cores, a few GB).
 * Autovacuum is off so it cannot wake up in the middle of the timings; the bench runs
 * VACUUM ANALYZE itself right after loading.
 */
const serverSettings = {
  shared_buffers: '512MB',
  maintenance_work_mem: '512MB',
  work_mem: '32MB',
  max_wal_size: '8GB',
  checkpoint_timeout: '30min',
  wal_level: 'minimal',
  max_wal_senders: 0,
  autovacuum: 'off',
} as const;

const argsSchema = z.object({
  scale: z.coerce.number().positive().max(10).default(1),
  runs: z.coerce.number().int().min(1).max(100_000).default(200),
  port: z.coerce.number().int().min(1).max(65535).default(55432),
  connections: z.coerce.number().int().min(1).max(16).default(Math.max(1, Math.min(4, os.availableParallelism()))),
  explain: z.boolean().default(false),
  keep: z.boolean().default(false),
});
type BenchArgs = z.infer<typeof argsSchema>;

function readArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string' },
      runs: { type: 'string' },
      port: { type: 'string' },
      connections: { type: 'string' },
      explain: { type: 'boolean' },
      keep: { type: 'boolean' },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(`Invalid arguments:\n${parsed.error.issues.map((issue) => `  --${issue.path.join('.')}: ${issue.message}`).join('\n')}`);
  }
  return parsed.data;
}

function scaled(size: FixtureSize, factor: number): FixtureSize {
  const times = (count: number): number => Math.max(1, Math.round(count * factor));
  return { ...size, customers: times(size.customers), callRecords: times(size.callRecords), faqArticles: times(size.faqArticles) };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Nearest-rank percentile of ascending `sorted`. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** CJK ideographs, kana and full-width forms take two terminal columns. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE.test(character) ? 2 : 1;
  return width;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/** A Markdown table, aligned for a terminal even with Japanese in it. */
function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = header.map((title, column) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ''))));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, column) => pad(cell, widths[column] ?? 0, rightAligned.has(column))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (rightAligned.has(column) ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'tsunagu-bench-data' });
  client.on('error', (error) => console.error(`bench connection: ${error.message}`));
  await client.connect();
  return client;
}

/** Applies the service's migrations with its own runner, exactly as the service does at start-up. */
async function applyMigrations(url: string): Promise<string[]> {
  const database = await openDatabase({ url });
  try {
    return await migrate(database);
  } finally {
    await database.close();
  }
}

/** Runs one step, cutting its rows into chunks spread over the connections. */
async function runStep(step: FixtureStep, clients: readonly pg.Client[]): Promise<void> {
  const [first] = clients;
  if (first === undefined) throw new Error('no connection');
  if (step.rows === 0) {
    await first.query(step.sql(0, 0));
    return;
  }
  const chunks: [number, number][] = [];
  for (let from = 1; from <= step.rows; from += CHUNK_ROWS) chunks.push([from, Math.min(step.rows, from + CHUNK_ROWS - 1)]);
  await Promise.all(
    clients.map(async (client) => {
      for (let chunk = chunks.shift(); chunk !== undefined; chunk = chunks.shift()) await client.query(step.sql(chunk[0], chunk[1]));
    }),
  );
}

interface LoadReport {
  readonly steps: readonly { name: string; rows: number; ms: number }[];
  readonly vacuumMs: number;
}

async function load(size: FixtureSize, clients: readonly pg.Client[]): Promise<LoadReport> {
  const steps: { name: string; rows: number; ms: number }[] = [];
  for (const step of fixtureSteps(size, new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000))) {
    const started = performance.now();
    await runStep(step, clients);
    const ms = performance.now() - started;
    steps.push({ name: step.name, rows: step.rows, ms });
    console.log(`  ${step.name.padEnd(36)} ${String(step.rows || '').padStart(9)} ${seconds(ms).padStart(8)}`);
  }
  const started = performance.now();
  const [first] = clients;
  if (first === undefined) throw new Error('no connection');
  await first.query('vacuum (analyze)');
  const vacuumMs = performance.now() - started;
  console.log(`  ${'VACUUM ANALYZE'.padEnd(36)} ${''.padStart(9)} ${seconds(vacuumMs).padStart(8)}`);
  return { steps, vacuumMs };
}

interface Timing {
  readonly metric: string;
  readonly runs: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly meanRows: number;
}

/** A statement the service's pool was given. */
interface CapturedQuery {
  readonly text: string;
  readonly values: unknown[];
}

/**
 * Runs `work` while noting every statement the service's `Db` sends to its pool, for EXPLAIN.
 * @remarks Drizzle's node-postgres session calls `query` on the pool `openDatabase` made; the
 * pool's own method is shadowed for the duration only.
 */
async function capturing(db: Db, work: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const pool: unknown = Reflect.get(db, '$client');
  if (!(pool instanceof pg.Pool)) throw new Error('the service Db is not over a node-postgres pool; cannot capture its SQL');
  const query: unknown = Reflect.get(pool, 'query');
  if (typeof query !== 'function') throw new Error('pg.Pool has no query method');
  const captured: CapturedQuery[] = [];
  Reflect.set(pool, 'query', (...args: unknown[]): unknown => {
    const [config, values] = args;
    const text = typeof config === 'string' ? config : z.object({ text: z.string() }).parse(config).text;
    captured.push({ text, values: Array.isArray(values) ? values : [] });
    const result: unknown = Reflect.apply(query, pool, args);
    return result;
  });
  try {
    await work();
  } finally {
    Reflect.deleteProperty(pool, 'query');
  }
  return captured;
}

async function explain(client: pg.Client, metric: string, queries: readonly CapturedQuery[]): Promise<void> {
  console.log(`\n${metric}`);
  for (const query of queries) {
    const plan = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query.text}`, query.values);
    console.log(`  ${query.text.replace(/\s+/g, ' ')}\n  -- ${JSON.stringify(query.values)}`);
    console.log(plan.rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n'));
  }
}

async function timeQuery(context: BenchContext, query: BenchQuery, runs: number, explainWith: pg.Client | undefined): Promise<Timing> {
  const run = await query.prepare(context);
  if (explainWith) await explain(explainWith, query.metric, await capturing(context.db, () => run(0)));
  for (let warm = 0; warm < Math.min(WARM_UP_RUNS, runs); warm++) await run(warm + runs);

  const durations: number[] = [];
  let rowCount = 0;
  const deadline = performance.now() + METRIC_BUDGET_MS;
  for (let no = 0; no < runs && performance.now() < deadline; no++) {
    const started = performance.now();
    rowCount += await run(no);
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return {
    metric: query.metric,
    runs: durations.length,
    p50: percentile(durations, 50),
    p95: percentile(durations, 95),
    max: durations.at(-1) ?? Number.NaN,
    meanRows: rowCount / durations.length,
  };
}

async function tableSizes(client: pg.Client): Promise<string[][]> {
  const sizes: string[][] = [];
  for (const name of filledTables) {
    // `name` is one of our own constants, never input.
    const { rows } = await client.query<{ count: string; size: string }>(
      `select count(*)::text as count, pg_size_pretty(pg_total_relation_size('${name}')) as size from ${name}`,
    );
    sizes.push([name, Number(rows[0]?.count ?? 0).toLocaleString('en-US'), rows[0]?.size ?? '?']);
  }
  return sizes;
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  const size = scaled(fullFixtureSize, args.scale);
  const benchStarted = performance.now();
  const dataDir = path.join(repoRoot, '.run/bench/postgres');

  const server = await PostgresServer.start({ dataDir, port: args.port, settings: serverSettings, detached: args.keep });
  const clients: pg.Client[] = [];
  let service: Database | undefined;
  try {
    await server.dropDatabase(DATABASE);
    const url = await server.createDatabase(DATABASE);
    const applied = await applyMigrations(url);
    for (let i = 0; i < args.connections; i++) clients.push(await connect(url));
    const [client] = clients;
    if (client === undefined) throw new Error('no connection');

    const { rows: versionRows } = await client.query<{ version: string }>(`select current_setting('server_version') as version`);
    console.log(`PostgreSQL ${versionRows[0]?.version ?? '?'} at ${url} (data: ${dataDir}), ${os.availableParallelism()} CPUs`);
    console.log(`Migrations applied: ${applied.join(', ') || '(none)'}`);

    console.log(`\nLoading (scale ${args.scale}, ${args.connections} connections):`);
    const report = await load(size, clients);
    const loadMs = report.steps.reduce((sum, step) => sum + step.ms, 0) + report.vacuumMs;
    const problems = await checkFixture(client);
    if (problems.length > 0) throw new Error(`The loaded data is not what the service writes (adjust bench/data/fixture-sql.ts):\n  ${problems.join('\n  ')}`);
    console.log(`  checked against the service's normalisation: numbers, フリガナ, call timelines, tags`);

    // The service's own database handle, as it opens it, for the repositories; it connects
    // after this, so every connection gets the timeout.
    await client.query(`alter database ${DATABASE} set statement_timeout = '${STATEMENT_TIMEOUT}'`);
    await client.query(`set statement_timeout = '${STATEMENT_TIMEOUT}'`);
    service = await openDatabase({ url });
    const context: BenchContext = { db: service.db, client, size };
    const timings: Timing[] = [];
    for (const query of benchQueries) timings.push(await timeQuery(context, query, args.runs, args.explain ? client : undefined));

    console.log(`\nRows (service's schema):\n`);
    console.log(table(['table', 'rows', 'size with indexes'], await tableSizes(client), new Set([1, 2])));
    console.log(`\nQueries (the service's repository methods over its Db; warm cache, one at a time, ${WARM_UP_RUNS} warm-up runs each):\n`);
    console.log(
      table(
        ['metric', 'n', 'p50 ms', 'p95 ms', 'max ms', 'rows/query'],
        timings.map((t) => [t.metric, String(t.runs), t.p50.toFixed(2), t.p95.toFixed(2), t.max.toFixed(2), t.meanRows.toFixed(1)]),
        new Set([1, 2, 3, 4, 5]),
      ),
    );
    for (const t of timings) {
      if (t.meanRows === 0) console.warn(`!! ${t.metric}: no query found anything; the data does not exercise it.`);
      if (t.runs < args.runs) console.warn(`!! ${t.metric}: stopped after ${t.runs} runs (${METRIC_BUDGET_MS / 1000} s budget).`);
    }
    console.log(`\nLoad ${seconds(loadMs)}, whole bench ${seconds(performance.now() - benchStarted)}.`);
    if (args.keep) {
      console.log(`Server left running: psql ${url}`);
      console.log(`Stop it with: TSUNAGU_PG_DIR=${dataDir} npx tsx scripts/postgres/postgres-cli.ts stop`);
    }
  } finally {
    await service?.close().catch(() => undefined);
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    if (!args.keep) {
      await server.stop();
      // Two gigabytes of data and WAL; a new cluster takes under a second to make next time.
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
