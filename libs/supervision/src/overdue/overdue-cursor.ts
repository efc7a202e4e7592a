import { AppException } from '@mla/core';

/** Opaque keyset cursor of the overdue queue: the last item's exact due time and id. */
export function encodeOverdueCursor(dueKey: string, id: string): string {
  return Buffer.from(`${dueKey}|${id}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DUE_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A real instant (no 30 February, which Date.parse would roll over) that PostgreSQL takes. */
function isDueKey(text: string): boolean {
  if (!DUE_KEY.test(text)) return false;
  const at = new Date(text);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 23) === text.slice(0, 23) && at.getUTCFullYear() >= 1900 && at.getUTCFullYear() <= 9999;
}

export function decodeOverdueCursor(cursor: string | undefined): { dueKey: string; id: string } | null {
  if (cursor === undefined || cursor === '') return null;
  const [dueKey, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !id || !UUID.test(id) || !dueKey || !isDueKey(dueKey)) {
    throw AppException.validation([{ field: 'cursor', message: 'is not a cursor this API issued' }]);
  }
  return { dueKey, id };
}
