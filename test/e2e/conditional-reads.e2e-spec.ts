import { createHash } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app';
import { act, authorityId, completeDraft, createDraft, expectProblem, loginAll, UserKey, walkTo } from '../support/fixtures';

/**
 * Conditional reads: what the console polls (the request, its history, evidence and documents)
 * answers 304 with no body while the caller's copy is current, and a 304 writes no row in a
 * confidential request's access log (nothing was disclosed). Every API answer is no-store.
 */
describe('conditional reads (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    id = (await walkTo(t, as, 'IN_EXECUTION', { confidential: true, title: 'A confidential request' })).id as string;
  });
  afterAll(() => t.close());

  const reads = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM access_log WHERE request_id = $1`, [id]))[0]?.n ?? 0;
  const get = (path: string, who: UserKey, etag?: string) => {
    const req = t.http.get(`/api/v1/requests/${id}${path}`).set('authorization', as[who]);
    return etag ? req.set('if-none-match', etag) : req;
  };

  it.each(['', '/events', '/evidence', '/attachments'])('GET …%s: 304 and no access-log row while the copy is current', async (path) => {
    const first = await get(path, 'sgOfficer');
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
    const logged = await reads();
    const again = await get(path, 'sgOfficer', etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(await reads()).toBe(logged);
    // A list of tags, a weak comparison, and another tag.
    expect((await get(path, 'sgOfficer', `"nope", ${etag.replace(/^W\//, '')}`)).status).toBe(304);
    const other = await get(path, 'sgOfficer', '"nope"');
    expect(other.status).toBe(200);
    expect(await reads()).toBe(logged + 1);
  });

  it.each(['', '/events', '/evidence', '/attachments'])('GET …%s with If-None-Match: * gets no free answer: 200 with the body, logged', async (path) => {
    const logged = await reads();
    const res = await get(path, 'sgOfficer', '*');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).length).toBeGreaterThan(0);
    expect(await reads()).toBe(logged + 1);
  });

  it('answers 200 again, logged, once the request changed', async () => {
    const [request, events, evidence] = await Promise.all([get('', 'sgOfficer'), get('/events', 'sgOfficer'), get('/evidence', 'sgOfficer')]);
    const file = Buffer.from('subscriber,ip\nalice,203.0.113.7\n');
    const sha = createHash('sha256').update(file).digest('hex');
    await act(t, as.sgOfficer, id, { action: 'deliver_evidence', final: false, items: [{ description: 'Subscriber CSV', kind: 'FILE', sha256: sha, sizeBytes: file.length }] });
    const logged = await reads();
    const [r2, e2, v2] = await Promise.all([
      get('', 'sgOfficer', request.headers.etag as string),
      get('/events', 'sgOfficer', events.headers.etag as string),
      get('/evidence', 'sgOfficer', evidence.headers.etag as string),
    ]);
    expect([r2.status, e2.status, v2.status]).toEqual([200, 200, 200]);
    expect(r2.body.deliveryCount).toBe(1);
    expect(await reads()).toBe(logged + 3);

    // A stored file changes an item without a new version of the request: the evidence list's tag changes too.
    const item = (v2.body.items as { id: string }[])[0] as { id: string };
    const stored = await t.http.put(`/api/v1/requests/${id}/evidence/${item.id}/content`).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(file);
    expect(stored.status).toBe(200);
    expect((await get('', 'sgOfficer', r2.headers.etag as string)).status).toBe(304);
    const v3 = await get('/evidence', 'sgOfficer', v2.headers.etag as string);
    expect(v3.status).toBe(200);
    expect(v3.body.items[0].contentStoredAt).not.toBeNull();
  });

  it('still answers 404 to whom may not see the request, whatever tag they send', async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'SG-CA')));
    const mine = await t.http.get(`/api/v1/requests/${draft.id}`).set('authorization', as.vnProsecutor);
    for (const path of ['', '/events', '/evidence', '/attachments']) {
      expectProblem(await t.http.get(`/api/v1/requests/${draft.id}${path}`).set('authorization', as.sgOfficer).set('if-none-match', mine.headers.etag as string), 404, 'NOT_FOUND');
      expectProblem(await t.http.get(`/api/v1/requests/${draft.id}${path}`).set('authorization', as.sgOfficer).set('if-none-match', '*'), 404, 'NOT_FOUND');
    }
  });
});
