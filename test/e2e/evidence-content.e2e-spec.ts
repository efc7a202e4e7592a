import { createHash } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app';
import { act, authorityId, completeDraft, createDraft, loginAll, UserKey } from '../support/fixtures';

/** Evidence files (DESIGN §6): streamed, size-limited, SHA-256 verified on arrival, stored once. */
describe('evidence files (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let requestId: string;
  const file = Buffer.from('subscriber,ip\nalice,203.0.113.7\n'.repeat(100));
  const sha = createHash('sha256').update(file).digest('hex');
  const items: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    const sgCa = await authorityId(t, 'SG-CA');
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    requestId = draft.id;
    await act(t, as.vnProsecutor, requestId, { action: 'submit' });
    await act(t, as.vnOfficer, requestId, { action: 'send' });
    await act(t, as.sgOfficer, requestId, { action: 'acknowledge' });
    await act(t, as.sgOfficer, requestId, { action: 'start_execution' });
    await act(t, as.sgOfficer, requestId, {
      action: 'deliver_evidence',
      final: false,
      items: [
        { description: 'Subscriber CSV', kind: 'FILE', sha256: sha, sizeBytes: file.length },
        { description: 'Too big', kind: 'FILE', sha256: 'c'.repeat(64), sizeBytes: 10 * 1024 * 1024 },
        { description: 'Paper letter', kind: 'DOCUMENT' },
      ],
    });
    const list = await t.http.get(`/api/v1/requests/${requestId}/evidence`).set('authorization', as.sgOfficer);
    for (const item of list.body.items) items[item.description] = item.id;
  });
  afterAll(() => t.close());

  const url = (item: string) => `/api/v1/requests/${requestId}/evidence/${items[item]}/content`;
  const put = (who: UserKey, item: string, body: Buffer, type = 'application/octet-stream') =>
    t.http.put(url(item)).set('authorization', as[who]).set('content-type', type).send(body);

  it('refuses a file that does not match the declared hash, then stores the right one once', async () => {
    const wrong = Buffer.from(file);
    wrong[0] = 0x53;
    const mismatch = await put('sgOfficer', 'Subscriber CSV', wrong);
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('RULE_VIOLATED');
    const longer = await put('sgOfficer', 'Subscriber CSV', Buffer.concat([file, Buffer.from('x')]));
    expect(longer.status).toBe(422);

    const ok = await put('sgOfficer', 'Subscriber CSV', file);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ sha256: sha, sizeBytes: file.length });
    expect(ok.body.contentStoredAt).not.toBeNull();

    const again = await put('sgOfficer', 'Subscriber CSV', file);
    expect(again.status).toBe(409);

    const download = await t.http.get(url('Subscriber CSV')).set('authorization', as.vnProsecutor).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    expect(createHash('sha256').update(download.body as Buffer).digest('hex')).toBe(sha);
    expect(download.headers['x-content-sha256']).toBe(sha);
  });

  it('refuses what may not be uploaded', async () => {
    expect((await put('vnProsecutor', 'Paper letter', file)).status).toBe(403);
    expect((await put('sgOfficer', 'Paper letter', file)).status).toBe(422); // no declared hash
    expect((await put('sgOfficer', 'Too big', file)).status).toBe(413);
    expect((await put('sgOfficer', 'Subscriber CSV', file, 'application/json')).status).toBe(415);
    const otherItem = await t.http
      .put(`/api/v1/requests/${requestId}/evidence/00000000-0000-4000-8000-000000000000/content`)
      .set('authorization', as.sgOfficer)
      .set('content-type', 'application/octet-stream')
      .send(file);
    expect(otherItem.status).toBe(404);
    expect((await t.http.get(url('Paper letter')).set('authorization', as.vnProsecutor)).status).toBe(404);
    const sgProsecutor = await t.http.get(url('Subscriber CSV')).set('authorization', as.sgProsecutor);
    expect(sgProsecutor.status).toBe(404);
    // JSON routes refuse raw bytes.
    const raw = await t.http.post('/api/v1/requests').set('authorization', as.vnProsecutor).set('content-type', 'application/octet-stream').send(file);
    expect(raw.status).toBe(415);
    // The database refuses any other change to an item.
    await expect(t.sql(`UPDATE evidence_items SET description = 'x' WHERE id = $1`, [items['Subscriber CSV']])).rejects.toThrow(/never edited/);
  });
});
