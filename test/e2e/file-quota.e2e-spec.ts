import { createHash, randomBytes } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app';
import { act, authorityId, completeDraft, createDraft, loginAll, UserKey } from '../support/fixtures';

/**
 * The storage quota is reserved before a byte is streamed, atomically, per request and per
 * user (issue 22 item 7): parallel uploads never pass it together, and a refused or failed
 * upload gives its reservation back.
 */
describe('file quota reserved before streaming (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  const SIZE = 4096;
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        FILE_QUOTA_PER_REQUEST_BYTES: String(3 * SIZE + 100), // three files a request
        FILE_QUOTA_PER_USER_BYTES: String(5 * SIZE + 100), // five files a user a day
        TRANSFERS_PER_USER: '20',
      },
    });
    as = await loginAll(t);
  });
  afterAll(() => t.close());

  async function requestWithItems(files: Buffer[]): Promise<{ requestId: string; items: string[] }> {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'SG-CA')));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    await act(t, as.vnOfficer, draft.id, { action: 'send' });
    await act(t, as.sgOfficer, draft.id, { action: 'acknowledge' });
    await act(t, as.sgOfficer, draft.id, { action: 'start_execution' });
    await act(t, as.sgOfficer, draft.id, {
      action: 'deliver_evidence',
      final: false,
      items: files.map((f, i) => ({ description: `File ${i}`, kind: 'FILE', sha256: sha(f), sizeBytes: f.length })),
    });
    const list = await t.http.get(`/api/v1/requests/${draft.id}/evidence`).set('authorization', as.sgOfficer);
    const byDescription = new Map((list.body.items as { id: string; description: string }[]).map((i) => [i.description, i.id]));
    return { requestId: draft.id, items: files.map((_, i) => byDescription.get(`File ${i}`) as string) };
  }

  const uploadAll = (requestId: string, items: string[], files: Buffer[]) =>
    Promise.all(
      items.map((item, i) =>
        t.http.put(`/api/v1/requests/${requestId}/evidence/${item}/content`).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(files[i] as Buffer),
      ),
    );

  it('six parallel uploads to a request with room for three: exactly three are stored, the others 413', async () => {
    const files = Array.from({ length: 6 }, () => randomBytes(SIZE));
    const { requestId, items } = await requestWithItems(files);
    const answers = await uploadAll(requestId, items, files);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 413, 413, 413]);
    for (const a of answers.filter((x) => x.status === 413)) expect(a.body.code).toBe('PAYLOAD_TOO_LARGE');
    const [stored] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM evidence_items WHERE request_id = $1 AND content_stored_at IS NOT NULL`, [requestId]);
    expect(stored?.n).toBe(3);
    // Nothing stays reserved for the refused ones.
    const [open] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM file_quota_reservations WHERE request_id = $1 AND committed_at IS NULL`, [requestId]);
    expect(open?.n).toBe(0);
  });

  it("the user's own quota counts over requests: with three files stored today, two more pass of six in parallel", async () => {
    const files = Array.from({ length: 6 }, () => randomBytes(SIZE));
    const { requestId, items } = await requestWithItems(files);
    const answers = await uploadAll(requestId, items, files);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 413, 413, 413, 413]);
    const refused = answers.filter((x) => x.status === 413).map((a) => a.body.detail as string);
    expect(refused.some((d) => /your quota|per user|you have uploaded/i.test(d))).toBe(true);
  });

  it('a refused file (wrong bytes) gives its reservation back', async () => {
    const files = [randomBytes(SIZE)];
    const { requestId, items } = await requestWithItems(files);
    // Tomorrow: the user's day is over, the quota is theirs again.
    t.clock.advance(25 * 3600 * 1000);
    const wrong = await t.http.put(`/api/v1/requests/${requestId}/evidence/${items[0]}/content`).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(randomBytes(SIZE));
    expect(wrong.status).toBe(422);
    const [open] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM file_quota_reservations WHERE request_id = $1`, [requestId]);
    expect(open?.n).toBe(0);
    const right = await t.http.put(`/api/v1/requests/${requestId}/evidence/${items[0]}/content`).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(files[0] as Buffer);
    expect(right.status).toBe(200);
  });
});
