import { AppException } from '@mla/core';
import { decodeOverdueCursor, encodeOverdueCursor } from './overdue-cursor';

const ID = '7d0cbb1e-0000-4000-8000-000000000000';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('overdue cursor', () => {
  it('round-trips the exact due time (microseconds) and id', () => {
    const cursor = encodeOverdueCursor('2026-11-09T16:59:59.999123Z', ID);
    expect(decodeOverdueCursor(cursor)).toEqual({ dueKey: '2026-11-09T16:59:59.999123Z', id: ID });
    expect(decodeOverdueCursor(undefined)).toBeNull();
    expect(decodeOverdueCursor('')).toBeNull();
  });

  it.each([
    'bm9wZQ',
    b64(`2026-11-09T16:59:59.999Z|${ID}`), // not the format this API issues
    b64(`2026-02-30T00:00:00.000000Z|${ID}`), // no such day (Date.parse would roll it over)
    b64(`0000-01-01T00:00:00.000000Z|${ID}`),
    b64(`2026-11-09T16:59:59.999123Z|not-a-uuid`),
    b64(`2026-11-09T16:59:59.999123Z|${ID}|more`),
  ])('refuses %s with 400', (cursor) => {
    expect(() => decodeOverdueCursor(cursor)).toThrow(AppException);
  });
});
