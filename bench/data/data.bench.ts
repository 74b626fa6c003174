/**
 * `npm run bench:data`: how the service's read queries hold up on a real PostgreSQL with a
 * year of a busy contact centre in it.
 *
 * Starts a throw-away PostgreSQL in `.run/bench/postgres`, makes a fresh database, applies the
 * service's migrations with its own runner, loads 1,000,000 call records, 100,000 customers and
 * 10,000 FAQ articles with INSERT … SELECT generate_series (no rows cross the wire), VACUUM
 * ANALYZEs, then times each query of `service-sql.ts` (p50 / p95 over 200 runs with varying
 * parameters, after a warm-up) and prints a table.
 *
 *   bash bench/data/run.sh [--scale 0.1] [--runs 200] [--port 55432] [--explain] [--keep]
 *
 * --scale multiplies every row count (0.1 for a quick look); --explain prints each query's plan
 * once; --keep leaves the server running afterwards for psql (the command is printed).
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
import { openDatabase } from '../../server/src/db/database';
import { migrate } from '../../server/src/db/migrate';
import { PostgresServer } from '../../scripts/postgres/postgres-server';
import {
  benchQueries,
  fixtureSteps,
  fullFixtureSize,
  provisionalSchemaSql,
  serviceTables,
  type BenchQuery,
  type FixtureSize,
  type FixtureStep,
  type Sample,
} from './service-sql';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const DATABASE = 'tsunagu_bench';
/** Rows per INSERT statement when a step is spread over several connections. */
const CHUNK_ROWS = 100_000;
const WARM_UP_RUNS = 10;
/** A query that is this slow on every run must not hold the bench for long. */
const METRIC_BUDGET_MS = 60_000;
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

/**
 * Uses the service's tables when its migrations made them, else the bench's provisional ones.
 * @returns whether the provisional schema was used.
 */
async function ensureTables(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ name: string }>('select name from unnest($1::text[]) as name where to_regclass(name) is null', [[...serviceTables]]);
  const missing = rows.map((row) => row.name);
  if (missing.length === 0) return false;
  if (missing.length < serviceTables.length) {
    throw new Error(`The migrations create only some of ${serviceTables.join(', ')} (missing: ${missing.join(', ')}); adjust bench/data/service-sql.ts.`);
  }
  await client.query(provisionalSchemaSql);
  return true;
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

async function timeQuery(client: pg.Client, query: BenchQuery, runs: number, explain: boolean): Promise<Timing> {
  const samples = (await client.query<Sample>(query.samplesSql)).rows;
  if (samples.length === 0) throw new Error(`${query.metric}: its samples query found nothing to ask for`);
  const paramsOf = (run: number): unknown[] => query.params(samples[run % samples.length] ?? {}, run);

  if (explain) {
    const plan = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off) ${query.sql}`, paramsOf(0));
    console.log(`\n${query.metric}\n${plan.rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n')}`);
  }
  for (let run = 0; run < Math.min(WARM_UP_RUNS, runs); run++) await client.query(query.sql, paramsOf(run + runs));

  const durations: number[] = [];
  let rowCount = 0;
  const deadline = performance.now() + METRIC_BUDGET_MS;
  for (let run = 0; run < runs && performance.now() < deadline; run++) {
    const params = paramsOf(run);
    const started = performance.now();
    const result = await client.query(query.sql, params);
    durations.push(performance.now() - started);
    rowCount += result.rowCount ?? 0;
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
  for (const name of serviceTables) {
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
    const provisional = await ensureTables(client);
    if (provisional) {
      console.warn(
        `\n!! The service's migrations do not create ${serviceTables.join(', ')} yet: using the bench's PROVISIONAL schema\n` +
          `!! (bench/data/service-sql.ts). The numbers below are not the service's until that file is adjusted.\n`,
      );
    }

    console.log(`\nLoading (scale ${args.scale}, ${args.connections} connections):`);
    const report = await load(size, clients);
    const loadMs = report.steps.reduce((sum, step) => sum + step.ms, 0) + report.vacuumMs;

    await client.query(`set statement_timeout = '${STATEMENT_TIMEOUT}'`);
    const timings: Timing[] = [];
    for (const query of benchQueries) timings.push(await timeQuery(client, query, args.runs, args.explain));

    console.log(`\nRows (${provisional ? 'PROVISIONAL schema' : "service's schema"}):\n`);
    console.log(table(['table', 'rows', 'size with indexes'], await tableSizes(client), new Set([1, 2])));
    console.log(`\nQueries (warm cache, one connection, ${WARM_UP_RUNS} warm-up runs each):\n`);
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
