import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/database';
import { migrate, migrationsDir } from '../src/db/migrate';

/** Where the template lives between test files and runs (ignored by git with the rest of `.run/`). */
const cacheDir = fileURLToPath(new URL('../../.run/test-cache/', import.meta.url));

let template: Promise<Blob> | undefined;

/**
 * A PGlite data folder with every migration applied, as a tarball that each test's database
 * starts from: starting PGlite empty and migrating costs ~3 s per test, loading this ~0.5 s.
 * @remarks Built once and kept under `.run/test-cache/`, named after the PGlite version and the
 * migrations' contents, so a new or changed migration builds a new one. Test files run in
 * separate workers: two may build it at once; each writes its own file and renames it into
 * place, so a reader never sees half of one.
 */
export function migratedTemplate(): Promise<Blob> {
  template ??= loadOrBuild();
  return template;
}

async function loadOrBuild(): Promise<Blob> {
  const file = path.join(cacheDir, `pglite-migrated-${await templateKey()}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    // Not built yet.
  }
  const database = await openDatabase({ memory: true });
  try {
    await migrate(database);
    if (!database.dumpDataDir) throw new Error('PGlite cannot dump its data folder');
    const dump = await database.dumpDataDir();
    await mkdir(cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  } finally {
    await database.close();
  }
}

/** A hash of the PGlite version and every migration file's name and contents. */
async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  const pglite = JSON.parse(await readFile(fileURLToPath(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url)), 'utf8')) as { version: string };
  hash.update(pglite.version);
  for (const name of (await readdir(migrationsDir)).sort()) {
    hash.update(name);
    hash.update(await readFile(path.join(migrationsDir, name)));
  }
  return hash.digest('hex').slice(0, 16);
}
