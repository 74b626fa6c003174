import { z } from 'zod';

/** A UUID as the service issues them. */
export const idSchema = z.uuid();

/** Roles, from most to least privileged. */
export const roleSchema = z.enum(['administrator', 'supervisor', 'agent']);
export type Role = z.infer<typeof roleSchema>;

/**
 * Cursor pagination: pass back `nextCursor` to get the next page; `null` means the end.
 * @remarks Cursors are opaque strings; `limit` is capped by the service.
 */
export const pageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A page of items with the cursor of the next page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** An ISO-8601 instant with an offset, e.g. `2026-11-23T09:00:00+09:00`. */
export const instantSchema = z.iso.datetime({ offset: true });
