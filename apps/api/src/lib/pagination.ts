import { badRequest } from './errors.ts';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Microsecond UTC, as `activityKey` selects it: millisecond JS dates would skip or repeat rows. */
const microsecondShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * Keyset pagination over UUIDv7 ids (which sort by creation time). The cursor is the last id
 * of the page, opaque to clients.
 */
export function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!uuidShape.test(id)) {
    throw badRequest('Invalid cursor');
  }
  return id;
}

/**
 * Queries fetch `limit + 1` rows; the extra row only says whether a next page exists. The cursor
 * is the last row's key: its id, unless `keyOf` says otherwise.
 */
export function toPage<Row extends { id: string }, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
  keyOf: (row: Row) => string = (row) => row.id,
): { items: Item[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice.at(-1);
  return {
    items: slice.map(map),
    nextCursor: more && last ? Buffer.from(keyOf(last), 'utf8').toString('base64url') : null,
  };
}

/** The key of lists ordered by last activity, newest first: `(at, id)`, both in the cursor. */
export const activityKey = (row: { activity_key: string; id: string }) =>
  `${row.activity_key}|${row.id}`;

export function decodeActivityCursor(
  cursor: string | undefined,
): { at: string; id: string } | null {
  if (!cursor) return null;
  const [at = '', id = '', ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !microsecondShape.test(at) || !uuidShape.test(id)) {
    throw badRequest('Invalid cursor');
  }
  return { at, id };
}
