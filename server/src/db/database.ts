import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema';

/** The typed query interface every repository receives; the same for PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database and how to close it. */
export interface Database {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs a multi-statement SQL script and then `after` (with its parameters) in one
   * transaction; used by migrations, whose files hold many statements.
   */
  runScript(script: string, after?: { text: string; params: unknown[] }): Promise<void>;
  /** Closes the connection(s); safe to call more than once. */
  close(): Promise<void>;
  /** PGlite only: the whole data folder as a tarball, to open copies of it (`{ memory: true, from }`). */
  dumpDataDir?(): Promise<Blob>;
}

/** Where the data lives: a PostgreSQL URL, a PGlite data folder, or PGlite in memory (tests). */
export type DatabaseLocation =
  | { readonly url: string }
  | { readonly dataDir: string }
  /** In memory, empty or a copy of a dumped data folder (`from`: tests start from a migrated one). */
  | { readonly memory: true; readonly from?: Blob };

/**
 * Opens the database.
 * @remarks PGlite (embedded, zero set-up) by default; a real PostgreSQL server when a URL is
 * given. Both run the same migrations and the same queries.
 */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  if ('url' in location) {
    const pool = new pg.Pool({ connectionString: location.url, max: 10 });
    await pool.query('select 1');
    return {
      db: drizzlePg(pool, { schema }) as unknown as Db,
      kind: 'postgres',
      async runScript(script, after) {
        const client = await pool.connect();
        try {
          await client.query('begin');
          // Several service instances may start at once: one migrates, the others wait.
          await client.query('select pg_advisory_xact_lock(727274)');
          await client.query(script);
          if (after) await client.query(after.text, after.params);
          await client.query('commit');
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      close: once(() => endPool(pool)),
    };
  }
  let client: PGlite;
  if ('dataDir' in location) {
    await mkdir(location.dataDir, { recursive: true });
    client = await PGlite.create(location.dataDir, { extensions: { pg_trgm } });
  } else {
    client = await PGlite.create({ extensions: { pg_trgm }, ...(location.from === undefined ? {} : { loadDataDir: location.from }) });
  }
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: 'pglite',
    async runScript(script, after) {
      await client.transaction(async (tx) => {
        await tx.exec(script);
        if (after) await tx.query(after.text, after.params);
      });
    },
    close: once(() => client.close()),
    dumpDataDir: async () => client.dumpDataDir('none'),
  };
}

/**
 * Ends the pool and waits until every connection is really closed: `pool.end()` resolves
 * earlier, and dropping the database right after would kill connections still closing.
 */
async function endPool(pool: pg.Pool): Promise<void> {
  let remaining = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (remaining === 0) resolve();
    pool.on('remove', () => {
      remaining -= 1;
      if (remaining <= 0) resolve();
    });
  });
  await pool.end();
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000))]);
}

/** Closing twice (a test that broke the database on purpose, then its clean-up) is harmless. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}
