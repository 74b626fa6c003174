import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { DomainError } from '../domain/errors';

const pattern = /^(\d{1,19})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * Cursors of lists ordered newest first by a timestamp with the id as tie-break.
 *
 * @remarks The cursor holds the last row's timestamp in microseconds (PostgreSQL's precision;
 * a JavaScript Date would drop the last three digits and skip rows) and its id, so the next
 * page is `(at, id) < (cursor)`: stable while rows are added, and served by an index on
 * `(…, at desc, id desc)`.
 */
export const keysetCursor = {
  /** The select expression giving a row's cursor. */
  of(at: AnyColumn, id: AnyColumn): SQL<string> {
    return sql<string>`((extract(epoch from ${at}) * 1000000)::bigint)::text || '.' || ${id}::text`;
  },

  /** The opaque form handed to clients. */
  encode(raw: string): string {
    return Buffer.from(raw, 'utf8').toString('base64url');
  },

  /**
   * The condition "after the cursor" in newest-first order.
   * @throws DomainError `validation` on `cursor` when it is not one of ours.
   */
  after(cursor: string, at: AnyColumn, id: AnyColumn): SQL {
    const match = pattern.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!match?.[1] || !match[2]) {
      throw new DomainError('validation', 'some fields are invalid', [{ path: 'cursor', message: 'not a cursor of this list; start again from the first page' }]);
    }
    return sql`(${at}, ${id}) < (to_timestamp(0) + ${match[1]}::bigint * interval '1 microsecond', ${match[2]}::uuid)`;
  },
};

/** A `LIKE` pattern matching `term` anywhere, its wildcards taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (wildcard) => `\\${wildcard}`)}%`;
}

/** True when `error` (or what caused it) is PostgreSQL's unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  for (let cause: unknown = error; typeof cause === 'object' && cause !== null; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
