import { MockRefusal } from './mock-refusal';

/** Where a page of a newest-first list ended: the last item's instant and id. */
export interface KeysetPosition {
  readonly at: number;
  readonly id: string;
}

const pattern = /^(\d{1,19})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/u;

/**
 * Cursors of lists ordered newest first by an instant, ties by id, as the service pages them:
 * opaque base64url text of the last item's microseconds and id, so the next page is every
 * item strictly before it (stable while items are added).
 */
export const keysetCursor = {
  encode(position: KeysetPosition): string {
    return btoa(`${position.at * 1000}.${position.id}`).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/u, '');
  },

  /** @throws MockRefusal 400 on `cursor` when it is not one of ours. */
  decode(cursor: string): KeysetPosition {
    const match = pattern.exec(fromBase64Url(cursor));
    if (!match?.[1] || !match[2]) throw MockRefusal.invalid([{ path: 'cursor', message: 'not a cursor of this list; start again from the first page' }]);
    return { at: Math.floor(Number(match[1]) / 1000), id: match[2] };
  },
};

/** The text of a base64url string; empty when it is none. */
function fromBase64Url(text: string): string {
  try {
    return atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    return '';
  }
}

/** Newest first, then by id descending: the order of every paged list. */
export function newestFirst(a: KeysetPosition, b: KeysetPosition): number {
  return b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * One page of `items` (already filtered) in newest-first order after `cursor`, and the cursor
 * of the next page, `null` on the last.
 */
export function keysetPage<T>(items: readonly T[], positionOf: (item: T) => KeysetPosition, cursor: string | undefined, limit: number): { items: T[]; nextCursor: string | null } {
  const after = cursor === undefined ? undefined : keysetCursor.decode(cursor);
  const sorted = items.filter((item) => after === undefined || newestFirst(after, positionOf(item)) < 0).sort((a, b) => newestFirst(positionOf(a), positionOf(b)));
  const page = sorted.slice(0, limit);
  const last = page.at(-1);
  return { items: page, nextCursor: sorted.length > limit && last !== undefined ? keysetCursor.encode(positionOf(last)) : null };
}
