/**
 * Runs a throw-away PostgreSQL for the CTI service by hand.
 *
 *   npx tsx scripts/postgres/postgres-cli.ts start    # in the background; prints DATABASE_URL
 *   npx tsx scripts/postgres/postgres-cli.ts status
 *   npx tsx scripts/postgres/postgres-cli.ts stop     # fast shutdown; data is kept
 *
 * TSUNAGU_PG_PORT (5433, next to a system cluster's 5432) and TSUNAGU_PG_DIR
 * (`$TSUNAGU_RUN_DIR/postgres`, i.e. `.run/postgres`) choose the port and the data dir.
 * The cluster trusts every local connection and runs without fsync: for development only.
 */
import path from 'node:path';
import { z } from 'zod';
import { PostgresServer } from './postgres-server';

const schema = z.object({
  TSUNAGU_RUN_DIR: z.string().min(1).default('.run'),
  TSUNAGU_PG_DIR: z.string().min(1).optional(),
  TSUNAGU_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
});

interface CliConfig {
  readonly dataDir: string;
  readonly port: number;
}

function readCliConfig(env: NodeJS.ProcessEnv): CliConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const c = parsed.data;
  return { dataDir: path.resolve(c.TSUNAGU_PG_DIR ?? path.join(c.TSUNAGU_RUN_DIR, 'postgres')), port: c.TSUNAGU_PG_PORT };
}

async function start(config: CliConfig): Promise<void> {
  const running = await PostgresServer.status(config.dataDir);
  if (running !== undefined) {
    console.log(`PostgreSQL already running on ${config.dataDir} (pid ${running.pid}, port ${running.port}).`);
    return;
  }
  const server = await PostgresServer.start({ dataDir: config.dataDir, port: config.port, detached: true });
  console.log(`PostgreSQL ${server.major ?? '?'} running (pid ${server.pid ?? '?'}), log: ${server.logFile}`);
  console.log(`  DATABASE_URL=${server.url}`);
  console.log(`  psql -h ${server.socketDir} -p ${config.port} -U tsunagu postgres`);
  console.log(`Stop it with: npx tsx scripts/postgres/postgres-cli.ts stop`);
}

async function main(command: string | undefined): Promise<void> {
  const config = readCliConfig(process.env);
  switch (command) {
    case 'start':
      await start(config);
      return;
    case 'status': {
      const running = await PostgresServer.status(config.dataDir);
      console.log(running === undefined ? `Not running on ${config.dataDir}.` : `Running: pid ${running.pid}, port ${running.port}, ${running.status}.`);
      return;
    }
    case 'stop':
      console.log((await PostgresServer.stopDataDir(config.dataDir)) ? 'Stopped.' : `Not running on ${config.dataDir}.`);
      return;
    default:
      console.error('usage: tsx scripts/postgres/postgres-cli.ts start|status|stop');
      process.exitCode = 2;
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
