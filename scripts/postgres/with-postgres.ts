/**
 * Runs a command with a throw-away PostgreSQL beside it, then stops the server whatever the
 * command's outcome, and exits with the command's exit code.
 *
 *   npx tsx scripts/postgres/with-postgres.ts -- npx vitest run --project node server/
 *
 * The command gets the server's maintenance URL in TSUNAGU_TEST_POSTGRES_URL
 * (`postgres://tsunagu@127.0.0.1:PORT/postgres`); the API tests create one database per test
 * file from it. Each run gets a fresh cluster in a temporary folder (initdb takes under a
 * second), removed afterwards, so concurrent runs in one checkout cannot meet and no database
 * leaks into the next run. TSUNAGU_TEST_PG_DIR names a data dir to keep and reuse instead;
 * TSUNAGU_TEST_PG_PORT picks the port (a free one if unset).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { pickFreePorts } from '../pbx/ports';
import { PostgresServer } from './postgres-server';

const testPostgresUrlVariable = 'TSUNAGU_TEST_POSTGRES_URL';

const schema = z.object({
  TSUNAGU_TEST_PG_DIR: z.string().min(1).optional(),
  TSUNAGU_TEST_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
});

function commandOf(argv: readonly string[]): string[] {
  const separator = argv.indexOf('--');
  const command = separator === -1 ? [...argv] : argv.slice(separator + 1);
  if (command.length === 0) throw new Error('usage: tsx scripts/postgres/with-postgres.ts -- <command> [args…]');
  return command;
}

async function main(): Promise<number> {
  const [file, ...args] = commandOf(process.argv.slice(2));
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')}`);
  }
  const [freePort] = await pickFreePorts(1);
  const port = parsed.data.TSUNAGU_TEST_PG_PORT ?? freePort;
  if (port === undefined || file === undefined) throw new Error('no port or command');

  const keptDir = parsed.data.TSUNAGU_TEST_PG_DIR;
  // The temporary folder itself is the data dir: a folder inside it (mode 0700) would be out of
  // the postgres user's reach.
  const dataDir = keptDir === undefined ? await mkdtemp(path.join(os.tmpdir(), 'tsunagu-test-pg-')) : path.resolve(keptDir);
  let server: PostgresServer | undefined;
  try {
    server = await PostgresServer.start({ dataDir, port });
    console.log(`with-postgres: PostgreSQL ${server.major ?? '?'} at ${server.url} (log: ${server.logFile})`);
    const child = spawn(file, args, { stdio: 'inherit', env: { ...process.env, [testPostgresUrlVariable]: server.url } });
    // Ctrl-C reaches the command through the terminal; a SIGTERM sent to us is passed on. The
    // postmaster runs in its own process group and is stopped below, after the command ends.
    const forward = (sig: NodeJS.Signals): void => {
      child.kill(sig);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    return await new Promise<number>((resolve) => {
      child.once('error', (error) => {
        console.error(`with-postgres: cannot run ${file}: ${error.message}`);
        resolve(127);
      });
      // A command ended by a signal exits like a shell reports it: 128 + the signal's number.
      child.once('exit', (code, sig) => resolve(code ?? 128 + (sig === null ? 0 : os.constants.signals[sig])));
    });
  } finally {
    await server?.stop();
    if (keptDir === undefined) await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
