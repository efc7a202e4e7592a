import { AppException } from '../errors/app-exception';
import { isCanonicalInstant } from '../validation/iso-date';

/** Opaque keyset cursor: `createdAt|id` of the last item of a page, base64url-encoded. */
export interface KeysetCursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * Reads a cursor back, validated in full before any query sees it: base64url of exactly
 * what encodeCursor writes (a canonical ISO instant of the years 1900-9999, `|`, a UUID).
 * Anything else, forged or garbled, answers 400 naming `cursor`.
 */
export function decodeCursor(cursor: string | undefined): KeysetCursor | null {
  if (cursor === undefined || cursor === '') return null;
  const text = BASE64URL.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const [createdAt, id, ...rest] = text.split('|');
  if (rest.length > 0 || !id || !UUID.test(id) || !createdAt || !isCanonicalInstant(createdAt)) {
    throw AppException.validation([{ field: 'cursor', message: 'is not a cursor this API issued' }]);
  }
  return { createdAt: createdAt as string, id };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cuts a page from `limit + 1` rows read: the extra row only tells that there is a next page. */
export function toPage<R extends { createdAt: Date; id: string }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
