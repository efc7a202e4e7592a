import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { createTestApp, TestApp } from '../support/test-app';
import { act, authorityId, binaryBody, completeDraft, createDraft, errorFields, expectProblem, loginAll, UserKey } from '../support/fixtures';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Supporting documents of a request (issue 13): attached to a draft, frozen at submit, seen abroad from send on, in the chain. */
describe('supporting documents (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let sgCa: string;
  const order = Buffer.from('%PDF-1.4 Quyết định khởi tố vụ án hình sự số 42/QĐ-VKS\n'.repeat(50));
  const translation = Buffer.from('%PDF-1.4 Decision to initiate criminal proceedings no. 42\n'.repeat(50));

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
  });
  afterAll(() => t.close());

  const attach = (who: UserKey, id: string, file: Buffer, query: Record<string, string> = {}, headers: Record<string, string> = {}) => {
    const req = t.http
      .post(`/api/v1/requests/${id}/attachments`)
      .query({ kind: 'COURT_ORDER', language: 'vi', fileName: 'quyết-định-khởi-tố.pdf', sha256: sha256(file), mediaType: 'application/pdf', ...query })
      .set('authorization', as[who])
      .set('content-type', 'application/octet-stream');
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req.send(file);
  };
  const list = (who: UserKey, id: string) => t.http.get(`/api/v1/requests/${id}/attachments`).set('authorization', as[who]);
  const download = (who: UserKey, id: string, attachmentId: string) =>
    t.http.get(`/api/v1/requests/${id}/attachments/${attachmentId}/content`).set('authorization', as[who]).buffer(true).parse(binaryBody);

  it('attaches, lists, downloads and removes a document of a draft; each is an event of the chain', async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    const added = await attach('vnProsecutor', draft.id, order, {}, { 'if-match': `"${draft.version}"` });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: 'COURT_ORDER', language: 'vi', fileName: 'quyết-định-khởi-tố.pdf', sizeBytes: order.length, sha256: sha256(order) });
    expect(added.headers.location).toBe(`/api/v1/requests/${draft.id}/attachments/${added.body.id}`);

    const listed = await list('vnProsecutor', draft.id);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([added.body.id]);

    const file = await download('vnProsecutor', draft.id, added.body.id);
    expect(file.status).toBe(200);
    expect(sha256(file.body as Buffer)).toBe(sha256(order));
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect(file.headers['x-content-sha256']).toBe(sha256(order));
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('quyết-định-khởi-tố.pdf')}`);

    const again = await attach('vnProsecutor', draft.id, order);
    expectProblem(again, 409, 'CONFLICT');
    expect(again.body.attachmentId).toBe(added.body.id);

    const read = await t.http.get(`/api/v1/requests/${draft.id}`).set('authorization', as.vnProsecutor);
    const [{ ref }] = await t.sql<{ ref: string }>(`SELECT content_ref AS ref FROM request_attachments WHERE id = $1`, [added.body.id]);
    const largeObjects = async () => (await t.sql(`SELECT 1 FROM pg_largeobject_metadata WHERE oid = $1::oid`, [ref])).length;
    expect(await largeObjects()).toBe(1);
    const stale = await t.http.delete(`/api/v1/requests/${draft.id}/attachments/${added.body.id}`).set('authorization', as.vnProsecutor).set('if-match', `"${draft.version}"`);
    expectProblem(stale, 412, 'VERSION_CONFLICT');
    const removed = await t.http.delete(`/api/v1/requests/${draft.id}/attachments/${added.body.id}`).set('authorization', as.vnProsecutor).set('if-match', `"${read.body.version}"`);
    expect(removed.status).toBe(204);
    expect(removed.headers.etag).toBe(`"${read.body.version + 1}"`);
    expect((await list('vnProsecutor', draft.id)).body.items).toEqual([]);
    expect((await download('vnProsecutor', draft.id, added.body.id)).status).toBe(404);
    expect(await largeObjects()).toBe(0);

    const events = await t.http.get(`/api/v1/requests/${draft.id}/events`).set('authorization', as.vnProsecutor);
    const actions = events.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['create', 'attach', 'remove_attachment']);
    const attachEvent = events.body.items[1];
    expect(attachEvent.input).toMatchObject({ attachmentId: added.body.id, kind: 'COURT_ORDER', sha256: sha256(order), sizeBytes: order.length });
    expect(attachEvent.input.contentRef).toBeUndefined();
    const verify = await t.http.get(`/api/v1/requests/${draft.id}/events/verify`).set('authorization', as.vnProsecutor);
    expect(verify.body).toMatchObject({ valid: true });
  });

  it('refuses what may not be attached: wrong hash, bad fields, other roles and sides, too large, not octet-stream', async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    const wrong = await attach('vnProsecutor', draft.id, order, { sha256: sha256(translation) });
    expectProblem(wrong, 422, 'RULE_VIOLATED');
    expect(errorFields(wrong)).toEqual(['sha256']);
    const bad = await attach('vnProsecutor', draft.id, order, { kind: 'PHOTO', language: 'Vietnamese', fileName: '../etc/passwd', sha256: 'ABC' });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(errorFields(bad)).toEqual(['fileName', 'kind', 'language', 'sha256']);
    expectProblem(await attach('vnOfficer', draft.id, order), 403, 'FORBIDDEN');
    // The requested side does not see a draft at all; another prosecutor of the same country sees it but may not change it.
    expectProblem(await attach('sgProsecutor', draft.id, order), 404, 'NOT_FOUND');
    expectProblem(await attach('vnProsecutor', '00000000-0000-4000-8000-000000000000', order), 404, 'NOT_FOUND');
    const json = await t.http
      .post(`/api/v1/requests/${draft.id}/attachments`)
      .query({ kind: 'OTHER', language: 'en', fileName: 'a.json', sha256: sha256(Buffer.from('{}')) })
      .set('authorization', as.vnProsecutor)
      .send({});
    expect(json.status).toBe(415);
    const tooLarge = await createTestApp({ env: { EVIDENCE_MAX_BYTES: '1024' } });
    try {
      const other = await createDraft(tooLarge, await tooLarge.login('prosecutor@vn.example'), completeDraft(await authorityId(tooLarge, 'SG-CA')));
      const res = await tooLarge.http
        .post(`/api/v1/requests/${other.id}/attachments`)
        .query({ kind: 'COURT_ORDER', language: 'vi', fileName: 'big.pdf', sha256: sha256(order) })
        .set('authorization', await tooLarge.login('prosecutor@vn.example'))
        .set('content-type', 'application/octet-stream')
        .send(order);
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
      expect((await tooLarge.sql(`SELECT 1 FROM request_attachments`)).length).toBe(0);
    } finally {
      await tooLarge.close();
    }
    expect((await list('vnProsecutor', draft.id)).body.items).toEqual([]);
  });

  it('freezes documents at submit (409 after), and shows them to the requested side only from send on', async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    const added = await attach('vnProsecutor', draft.id, order);
    expect(added.status).toBe(201);
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    expectProblem(await attach('vnProsecutor', draft.id, translation), 409, 'INVALID_TRANSITION');
    expectProblem(await t.http.delete(`/api/v1/requests/${draft.id}/attachments/${added.body.id}`).set('authorization', as.vnProsecutor), 409, 'INVALID_TRANSITION');
    expect((await list('vnOfficer', draft.id)).body.items).toHaveLength(1);
    expectProblem(await list('sgOfficer', draft.id), 404, 'NOT_FOUND');
    expectProblem(await t.http.get(`/api/v1/requests/${draft.id}/attachments/${added.body.id}/content`).set('authorization', as.sgOfficer), 404, 'NOT_FOUND');

    // Returned to DRAFT: the prosecutor may change them again.
    await act(t, as.vnOfficer, draft.id, { action: 'return', reason: 'Attach the translation' });
    const translated = await attach('vnProsecutor', draft.id, translation, { kind: 'TRANSLATION', language: 'en', fileName: 'translation.pdf' });
    expect(translated.status).toBe(201);
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    await act(t, as.vnOfficer, draft.id, { action: 'send' });

    const abroad = await list('sgOfficer', draft.id);
    expect(abroad.status).toBe(200);
    expect(abroad.body.items.map((a: { kind: string }) => a.kind)).toEqual(['COURT_ORDER', 'TRANSLATION']);
    expect(sha256((await download('sgOfficer', draft.id, translated.body.id)).body as Buffer)).toBe(sha256(translation));
    expectProblem(await list('admin', draft.id), 404, 'NOT_FOUND');
  });

  it('counts documents and evidence files in one quota per request', async () => {
    const small = await createTestApp({ env: { FILE_QUOTA_PER_REQUEST_BYTES: String(order.length + 10) } });
    try {
      const vnp = await small.login('prosecutor@vn.example');
      const draft = await createDraft(small, vnp, completeDraft(await authorityId(small, 'SG-CA')));
      const send = (file: Buffer, name: string) =>
        small.http
          .post(`/api/v1/requests/${draft.id}/attachments`)
          .query({ kind: 'OTHER', language: 'vi', fileName: name, sha256: sha256(file) })
          .set('authorization', vnp)
          .set('content-type', 'application/octet-stream')
          .send(file);
      expect((await send(order, 'first.pdf')).status).toBe(201);
      const over = await send(translation, 'second.pdf');
      expectProblem(over, 413, 'PAYLOAD_TOO_LARGE');
      expect(over.body.detail).toContain('quota');
    } finally {
      await small.close();
    }
  });

  it("deleting a draft removes its documents' files and rows with it (issue 22 item 7)", async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    const first = await attach('vnProsecutor', draft.id, order, { fileName: 'order.pdf' });
    const second = await attach('vnProsecutor', draft.id, translation, { kind: 'TRANSLATION', language: 'en', fileName: 'translation.pdf' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const refs = (await t.sql<{ ref: string }>(`SELECT content_ref AS ref FROM request_attachments WHERE request_id = $1`, [draft.id])).map((r) => r.ref);
    expect(refs).toHaveLength(2);
    const stored = async () => (await t.sql(`SELECT 1 FROM pg_largeobject_metadata WHERE oid = ANY($1::oid[])`, [refs])).length;
    expect(await stored()).toBe(2);

    expect((await t.http.delete(`/api/v1/requests/${draft.id}`).set('authorization', as.vnProsecutor)).status).toBe(204);
    expect(await stored()).toBe(0);
    expect(await t.sql(`SELECT 1 FROM request_attachments WHERE request_id = $1`, [draft.id])).toHaveLength(0);
    expect((await t.http.get(`/api/v1/requests/${draft.id}`).set('authorization', as.vnProsecutor)).status).toBe(404);
  });

  it('a delete refused (another prosecutor, a stale If-Match) keeps the files', async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    expect((await attach('vnProsecutor', draft.id, order)).status).toBe(201);
    const [{ ref }] = await t.sql<{ ref: string }>(`SELECT content_ref AS ref FROM request_attachments WHERE request_id = $1`, [draft.id]);
    expect((await t.http.delete(`/api/v1/requests/${draft.id}`).set('authorization', as.vnProsecutor).set('if-match', '"1"')).status).toBe(412);
    expect((await t.http.delete(`/api/v1/requests/${draft.id}`).set('authorization', as.sgProsecutor)).status).toBe(404);
    expect(await t.sql(`SELECT 1 FROM pg_largeobject_metadata WHERE oid = $1::oid`, [ref])).toHaveLength(1);
  });

  it('keeps documents on disk with FILE_STORE=filesystem: attached, read, removed with its row', async () => {
    const disk = await createTestApp({ env: { FILE_STORE: 'filesystem' } });
    try {
      const vnp = await disk.login('prosecutor@vn.example');
      const draft = await createDraft(disk, vnp, completeDraft(await authorityId(disk, 'SG-CA')));
      const files = () => readdir(disk.config.EVIDENCE_STORAGE_DIR);
      const before = (await files()).length;
      const added = await disk.http
        .post(`/api/v1/requests/${draft.id}/attachments`)
        .query({ kind: 'WARRANT', language: 'vi', fileName: 'lenh.pdf', sha256: sha256(order) })
        .set('authorization', vnp)
        .set('content-type', 'application/octet-stream')
        .send(order);
      expect(added.status).toBe(201);
      expect(await files()).toHaveLength(before + 1);
      const read = await disk.http.get(`/api/v1/requests/${draft.id}/attachments/${added.body.id}/content`).set('authorization', vnp).buffer(true).parse(binaryBody);
      expect(sha256(read.body as Buffer)).toBe(sha256(order));
      expect((await disk.http.delete(`/api/v1/requests/${draft.id}/attachments/${added.body.id}`).set('authorization', vnp)).status).toBe(204);
      expect(await files()).toHaveLength(before);
      // A deleted draft's files go with it from the disk too.
      const again = await disk.http
        .post(`/api/v1/requests/${draft.id}/attachments`)
        .query({ kind: 'WARRANT', language: 'vi', fileName: 'lenh.pdf', sha256: sha256(order) })
        .set('authorization', vnp)
        .set('content-type', 'application/octet-stream')
        .send(order);
      expect(again.status).toBe(201);
      expect(await files()).toHaveLength(before + 1);
      expect((await disk.http.delete(`/api/v1/requests/${draft.id}`).set('authorization', vnp)).status).toBe(204);
      expect(await files()).toHaveLength(before);
    } finally {
      await disk.close();
    }
  });
});
