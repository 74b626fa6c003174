import type { SQL } from 'drizzle-orm';
import type { Db } from './database';

/**
 * Runs raw SQL and returns its rows typed as `T`.
 * @remarks Both drivers (node-postgres and PGlite) answer `execute` with `{ rows }`; Drizzle's
 * type for the shared interface cannot know that, so this is the one place it is asserted.
 */
export async function rows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
