import { describe, expect, it } from 'vitest';
import { callConditional } from './client';

const answer = (status: number, data?: unknown, etag?: string) => ({
  data: status === 200 ? data : undefined,
  error: status >= 400 ? { code: 'NOT_FOUND', detail: 'gone' } : undefined,
  response: new Response(status === 304 ? null : JSON.stringify(data ?? {}), { status, headers: etag ? { etag } : {} }),
});

describe('callConditional: a poll revalidates the copy it holds', () => {
  it('sends the tag of the cached copy and keeps that copy on 304', async () => {
    const key = ['request', 'a'];
    const first = await callConditional(key, undefined, async (h) => (expect(h).toEqual({}), answer(200, { version: 1 }, '"1"')));
    expect(first).toEqual({ version: 1 });
    const sent: unknown[] = [];
    const again = await callConditional(key, first, async (h) => (sent.push(h), answer(304, undefined, '"1"')));
    expect(sent).toEqual([{ 'If-None-Match': '"1"' }]);
    expect(again).toBe(first);
  });

  it('sends no tag for a copy the tag does not describe, nor without a copy, and throws a problem', async () => {
    const key = ['request', 'b'];
    await callConditional(key, undefined, async () => answer(200, { version: 1 }, '"1"'));
    const headers: unknown[] = [];
    await callConditional(key, { version: 2 }, async (h) => (headers.push(h), answer(200, { version: 2 }, '"2"')));
    await callConditional(key, undefined, async (h) => (headers.push(h), answer(200, { version: 2 }, '"2"')));
    expect(headers).toEqual([{}, {}]);
    await expect(callConditional(key, { version: 2 }, async () => answer(404))).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
