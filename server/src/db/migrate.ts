import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from './database';
import { rows } from './rows';

/** `server/migrations/`: numbered plain-SQL files, applied in name order, each exactly once. */
export const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each with its record in one
 * transaction, so a failed migration leaves nothing half-applied.
 * @remarks Plain SQL keeps PGlite and PostgreSQL on one schema.
 * @returns the names of the migrations applied now.
 */
export async function migrate(database: Database, dir: string = migrationsDir): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
  await database.db.execute(sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`);
  const done = new Set((await rows<{ name: string }>(database.db, sql`select name from schema_migrations`)).map((row) => row.name));
  const applied: string[] = [];
  for (const name of files) {
    if (done.has(name)) continue;
    const script = await readFile(path.join(dir, name), 'utf8');
    await database.runScript(script, { text: 'insert into schema_migrations (name) values ($1) on conflict do nothing', params: [name] });
    applied.push(name);
  }
  return applied;
}
