import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/** Debian installs each PostgreSQL major under its own folder here (`postgresql-15` → `15/bin`). */
export const debianPostgresRoot = '/usr/lib/postgresql';

/** The server programs of one installed PostgreSQL major version. */
export interface PostgresBinaries {
  readonly major: number;
  readonly binDir: string;
  readonly initdb: string;
  readonly postgres: string;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Reads the major from `postgres --version`, e.g. "postgres (PostgreSQL) 15.14 (Debian ...)". */
async function versionMajor(postgres: string): Promise<number> {
  const { stdout } = await promisify(execFile)(postgres, ['--version']);
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
  if (match?.[1] === undefined) throw new Error(`Cannot read the version of ${postgres}: ${stdout.trim()}`);
  return Number(match[1]);
}

async function binariesIn(binDir: string, major: number): Promise<PostgresBinaries | undefined> {
  const initdb = path.join(binDir, 'initdb');
  const postgres = path.join(binDir, 'postgres');
  if (!(await isExecutable(initdb)) || !(await isExecutable(postgres))) return undefined;
  return { major, binDir, initdb, postgres };
}

/**
 * Finds `initdb` and `postgres` of the newest PostgreSQL installed the Debian way.
 * @remarks Debian keeps the server programs off PATH (only client wrappers are there), and the
 * major in the path changes with the release, so it is looked up rather than written down.
 * `$POSTGRES_BIN_DIR` overrides the search (its major is then asked from `postgres --version`).
 * @throws Error telling how to install the package when nothing usable is found.
 */
export async function findPostgresBinaries(root: string = debianPostgresRoot, env: NodeJS.ProcessEnv = process.env): Promise<PostgresBinaries> {
  const override = env.POSTGRES_BIN_DIR;
  if (override !== undefined && override !== '') {
    const found = await binariesIn(override, 0);
    if (found === undefined) throw new Error(`POSTGRES_BIN_DIR=${override} holds no executable initdb and postgres.`);
    return { ...found, major: await versionMajor(found.postgres) };
  }
  const entries = await readdir(root).catch(() => [] as string[]);
  const majors = entries
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .sort((a, b) => b - a);
  for (const major of majors) {
    const found = await binariesIn(path.join(root, String(major), 'bin'), major);
    if (found !== undefined) return found;
  }
  throw new Error(
    `No PostgreSQL server found under ${root}. Install it with 'apt-get install -y postgresql postgresql-contrib' ` +
      `(scripts/setup.sh does), or point POSTGRES_BIN_DIR at a folder holding initdb and postgres.`,
  );
}
