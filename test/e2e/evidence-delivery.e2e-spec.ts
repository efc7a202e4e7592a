import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createTestApp, TestApp } from '../support/test-app';
import { act, authorityId, binaryBody, completeDraft, createDraft, expectProblem, loginAll, UserKey } from '../support/fixtures';

/**
 * Evidence that is delivered is delivered (issue 21, item 4): an item says how its bytes
 * travel; an item to be uploaded whose file is not stored shows `fileMissing` to both sides,
 * can be uploaded again after a cut-off or a mismatch, and holds back a final delivery (422
 * naming it); downloads carry the file's name (RFC 6266 `filename*`).
 */
describe('evidence delivery: upload or out of band (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let requestId: string;
  const file = Buffer.from('subscriber,ip\nan,203.0.113.7\n'.repeat(1500));
  const sha = createHash('sha256').update(file).digest('hex');
  const ids: Record<string, string> = {};

  const evidence = async (who: UserKey) => {
    const res = await t.http.get(`/api/v1/requests/${requestId}/evidence`).set('authorization', as[who]);
    expect(res.status).toBe(200);
    return res.body.items as Record<string, any>[];
  };
  const url = (item: string) => `/api/v1/requests/${requestId}/evidence/${ids[item]}/content`;
  const put = (item: string, body: Buffer) => t.http.put(url(item)).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(body);
  const deliver = (body: Record<string, unknown>) =>
    t.http.post(`/api/v1/requests/${requestId}/transitions`).set('authorization', as.sgOfficer).send({ action: 'deliver_evidence', ...body });

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'SG-CA')));
    requestId = draft.id;
    await act(t, as.vnProsecutor, requestId, { action: 'submit' });
    await act(t, as.vnOfficer, requestId, { action: 'send' });
    await act(t, as.sgOfficer, requestId, { action: 'acknowledge' });
    await act(t, as.sgOfficer, requestId, { action: 'start_execution' });
    await act(t, as.sgOfficer, requestId, {
      action: 'deliver_evidence',
      final: false,
      items: [
        { description: 'Subscriber CSV', kind: 'FILE', transfer: 'UPLOAD', sha256: sha, sizeBytes: file.length, fileName: 'Biên bản thu giữ.csv', mediaType: 'text/csv' },
        { description: 'Disk image', kind: 'DEVICE', transfer: 'OUT_OF_BAND', sha256: 'a'.repeat(64), sizeBytes: 5e9, medium: 'SSD, diplomatic bag 2026/114' },
        { description: 'Old-style declared file', kind: 'FILE', sha256: 'b'.repeat(64), sizeBytes: 10 },
      ],
    });
    for (const item of await evidence('sgOfficer')) ids[item.description] = item.id;
  });
  afterAll(() => t.close());

  it('says how each item travels, and shows the missing file to both sides', async () => {
    for (const who of ['sgOfficer', 'vnProsecutor'] as const) {
      const items = await evidence(who);
      expect(items.map((i) => [i.description, i.transfer, i.fileMissing])).toEqual([
        ['Subscriber CSV', 'UPLOAD', true],
        ['Disk image', 'OUT_OF_BAND', false],
        ['Old-style declared file', 'OUT_OF_BAND', false],
      ]);
      expect(items[0]).toMatchObject({ fileName: 'Biên bản thu giữ.csv', mediaType: 'text/csv', contentStoredAt: null });
      expect(items[1]).toMatchObject({ medium: 'SSD, diplomatic bag 2026/114' });
    }
  });

  it('refuses what an item to be uploaded lacks, and a name with bidi or control characters', async () => {
    const bare = await deliver({ final: false, items: [{ description: 'No hash', kind: 'DOCUMENT', transfer: 'UPLOAD' }] });
    expectProblem(bare, 422, 'REQUEST_INCOMPLETE');
    expect(bare.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['items[0].sha256', 'items[0].sizeBytes']);
    const bidi = await deliver({ final: false, items: [{ description: 'x', kind: 'FILE', transfer: 'UPLOAD', sha256: sha, sizeBytes: 1, fileName: 'invoice\u202Efdp.exe' }] });
    expectProblem(bidi, 400, 'VALIDATION_FAILED');
    const crlf = await deliver({ final: false, items: [{ description: 'x', kind: 'FILE', sha256: sha, sizeBytes: 1, fileName: 'a\r\nb.txt' }] });
    expectProblem(crlf, 400, 'VALIDATION_FAILED');
    expectProblem(await deliver({ final: false, items: [] }), 422, 'REQUEST_INCOMPLETE');
    expectProblem(await deliver({ final: false, items: [{ description: 'x', kind: 'DEVICE', transfer: 'BY_PIGEON' }] }), 400, 'VALIDATION_FAILED');
  });

  it('refuses a final delivery while an item to be uploaded has no verified file, naming it', async () => {
    const refused = await deliver({ final: true, items: [{ description: 'Cover note', kind: 'DOCUMENT' }] });
    expectProblem(refused, 422, 'RULE_VIOLATED');
    expect(refused.body.detail).toContain('1.1');
    expect(refused.body.missingFiles).toEqual([{ id: ids['Subscriber CSV'], deliveryNo: 1, itemNo: 1 }]);
    expect(refused.body.errors).toEqual([{ field: 'final', message: expect.stringContaining('Subscriber CSV') }]);
    // An item to be uploaded cannot itself be in a final delivery: its file cannot be there yet.
    const own = await deliver({ final: true, items: [{ description: 'Late file', kind: 'FILE', transfer: 'UPLOAD', sha256: sha, sizeBytes: file.length }] });
    expectProblem(own, 422, 'RULE_VIOLATED');
    expect(own.body.errors.map((e: { field: string }) => e.field)).toEqual(['final', 'items[0].transfer']);
    const after = await t.http.get(`/api/v1/requests/${requestId}`).set('authorization', as.sgOfficer);
    expect(after.body).toMatchObject({ state: 'IN_EXECUTION', deliveryCount: 1 });
  });

  it('an upload cut off halfway stores nothing; a mismatch is refused; the same upload then succeeds', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${base}${url('Subscriber CSV')}`, {
        method: 'PUT',
        headers: { authorization: as.sgOfficer, 'content-type': 'application/octet-stream', 'content-length': String(file.length) },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(file.subarray(0, file.length / 2), () => req.destroy());
    });
    expect((await evidence('vnProsecutor'))[0]).toMatchObject({ fileMissing: true, contentStoredAt: null });

    const wrong = Buffer.from(file);
    wrong[10] ^= 1;
    const mismatch = await put('Subscriber CSV', wrong);
    expectProblem(mismatch, 422, 'RULE_VIOLATED');
    expect(mismatch.body.errors[0].message).toContain(createHash('sha256').update(wrong).digest('hex'));
    expect((await evidence('sgOfficer'))[0].fileMissing).toBe(true);

    const ok = await put('Subscriber CSV', file);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ sha256: sha, fileMissing: false, contentStoredAt: expect.any(String) });
    expect((await evidence('vnProsecutor'))[0].fileMissing).toBe(false);
  });

  it('downloads carry the file name (filename* in UTF-8, an ASCII fallback)', async () => {
    const named = await t.http.get(url('Subscriber CSV')).set('authorization', as.vnProsecutor).buffer(true).parse(binaryBody);
    expect(named.status).toBe(200);
    expect(named.headers['content-disposition']).toBe(
      `attachment; filename="Bi_n b_n thu gi_.csv"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20thu%20gi%E1%BB%AF.csv`,
    );
    expect(createHash('sha256').update(named.body as Buffer).digest('hex')).toBe(sha);
  });

  it('the letter of request is named after its reference and language', async () => {
    const res = await t.http.get(`/api/v1/requests/${requestId}/letter?lang=en`).set('authorization', as.vnProsecutor).buffer(true).parse(binaryBody);
    expect(res.status).toBe(200);
    const reference = (await t.http.get(`/api/v1/requests/${requestId}`).set('authorization', as.vnProsecutor)).body.reference as string;
    expect(res.headers['content-disposition']).toBe(`inline; filename="${reference}-en.pdf"; filename*=UTF-8''${reference}-en.pdf`);
  });

  it('a name stored with bidi or control characters (written behind the API) is downloaded under a safe name', async () => {
    const bytes = Buffer.from('rtl');
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO evidence_items (request_id, delivery_no, item_no, description, kind, sha256, size_bytes, custody, transfer, file_name, delivered_by, created_at)
       SELECT $1, 99, 1, 'legacy', 'FILE', $2, 3, '[]', 'UPLOAD', $3, delivered_by, created_at FROM evidence_items WHERE id = $4 RETURNING id`,
      [requestId, createHash('sha256').update(bytes).digest('hex'), 'invoice\u202Efdp\r\n.exe', ids['Subscriber CSV']],
    );
    ids.legacy = row?.id as string;
    expect((await put('legacy', bytes)).status).toBe(200);
    const res = await t.http.get(url('legacy')).set('authorization', as.vnProsecutor).buffer(true).parse(binaryBody);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="invoice_fdp__.exe"; filename*=UTF-8''invoice_fdp__.exe`);
  });

  it('the final delivery passes once every file is verified, and may carry no items', async () => {
    const done = await deliver({ final: true });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'EVIDENCE_RECEIVED', deliveryCount: 2 });
    expect((await evidence('vnProsecutor')).filter((i) => i.deliveryNo === 2)).toEqual([]);
  });
});
