import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { demoCertificates, type DemoCertificate } from '@mla/letters';
import { RenderPool } from '../../libs/requests/src/letters/render-pool';
import { createTestApp, TestApp } from '../support/test-app';
import { act, authorityId, binaryBody, completeDraft, createDraft, errorFields, expectProblem, loginAll, UserKey } from '../support/fixtures';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const dir = mkdtempSync(join(tmpdir(), 'mla-signed-'));

/** pdfsig's report of a PDF (poppler-utils, installed by .ci/run when missing); it exits non-zero for an untrusted issuer. */
function pdfsig(pdf: Buffer): string {
  const file = join(dir, `${sha256(pdf)}.pdf`);
  writeFileSync(file, pdf);
  return spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;
}

/** A gate the render pool waits at: opened by the test, so that what happens while a letter renders is observed, never timed. */
function gate(): { reached: Promise<void>; open: () => void; wait: () => Promise<void> } {
  let reach!: () => void;
  let open!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  const opened = new Promise<void>((r) => (open = r));
  return { reached, open, wait: () => (reach(), opened) };
}

/** Sealed letters and signed copies (issue 21, DESIGN §4). */
describe('signed letters (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let sgCa: string;
  let vnCa: string;

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    [sgCa, vnCa] = [await authorityId(t, 'SG-CA'), await authorityId(t, 'VN-CA')];
  });
  afterAll(() => t.close());

  async function inReview(title: string): Promise<string> {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { title }));
    await act(t, as.vnProsecutor, draft.id as string, { action: 'submit' });
    return draft.id as string;
  }
  const send = (id: string, body: Record<string, unknown> = {}) =>
    t.http.post(`/api/v1/requests/${id}/transitions`).set('authorization', as.vnOfficer).send({ action: 'send', ...body });
  const sendEvent = async (id: string) => {
    const events = await t.http.get(`/api/v1/requests/${id}/events`).set('authorization', as.sgOfficer);
    return events.body.items.find((e: { action?: string }) => e.action === 'send');
  };
  const letter = async (who: UserKey, id: string, lang = 'en') =>
    t.http.get(`/api/v1/requests/${id}/letter`).query({ lang }).set('authorization', as[who]).buffer(true).parse(binaryBody);
  const upload = (id: string, file: Buffer, query: Record<string, string>, who: UserKey = 'vnOfficer') =>
    t.http
      .post(`/api/v1/requests/${id}/signed-letter`)
      .query({ language: 'en', fileName: 'letter-signed.pdf', mediaType: 'application/pdf', sha256: sha256(file), ...query })
      .set('authorization', as[who])
      .set('content-type', 'application/octet-stream')
      .send(file);

  it('seals with the sending central authority’s demo certificate: pdfsig says valid, the event names the signer', async () => {
    const id = await inReview('Sealed by the demo certificate');
    const sent = await send(id);
    expect(sent.status).toBe(200);
    const event = await sendEvent(id);
    expect(event.input.signedLetter).toEqual({ method: 'SEAL', subject: expect.stringContaining('OU=VN-CA') });
    const frozen = await letter('sgOfficer', id);
    expect(sha256(frozen.body as Buffer)).toBe(event.input.letter.sha256);
    const report = pdfsig(frozen.body as Buffer);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain(`Signer full Distinguished Name: ${event.input.signedLetter.subject as string}`);
    expect(report).toContain('Total document signed');
  });

  it('lets the authority’s own users and the ADMIN see its certificate, no one else', async () => {
    const mine = await t.http.get(`/api/v1/authorities/${vnCa}/seal-certificate`).set('authorization', as.vnOfficer);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ authorityId: vnCa, subject: expect.stringContaining('CN='), issuer: expect.stringContaining('MLA Hub Demo CA'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(mine.body)).not.toMatch(/passphrase|pkcs12|PRIVATE/i);
    expect((await t.http.get(`/api/v1/authorities/${vnCa}/seal-certificate`).set('authorization', as.admin)).status).toBe(200);
    expectProblem(await t.http.get(`/api/v1/authorities/${vnCa}/seal-certificate`).set('authorization', as.sgOfficer), 404, 'NOT_FOUND');
    expectProblem(await t.http.get(`/api/v1/authorities/${vnCa}/seal-certificate`), 401, 'UNAUTHENTICATED');
  });

  describe('an ADMIN sets and removes a certificate', () => {
    let sg: DemoCertificate;
    beforeAll(async () => {
      [sg] = (await demoCertificates([{ code: 'SG-CA', name: 'AGC Central Authority', country: 'SG' }], new Date(Date.UTC(2026, 0, 1)))) as [DemoCertificate];
    });
    const put = (who: UserKey | null, id: string, body: Record<string, unknown>) => {
      const req = t.http.put(`/api/v1/authorities/${id}/seal-certificate`);
      return (who ? req.set('authorization', as[who]) : req).send(body);
    };

    it('refuses anyone but an ADMIN, an unknown authority, a prosecution office, a file that is no PKCS#12 and a wrong password', async () => {
      const body = { pkcs12: sg.p12.toString('base64'), password: sg.passphrase };
      expectProblem(await put(null, sgCa, body), 401, 'UNAUTHENTICATED');
      expectProblem(await put('sgSupervisor', sgCa, body), 403, 'FORBIDDEN');
      expectProblem(await put('sgOfficer', sgCa, body), 403, 'FORBIDDEN');
      expectProblem(await put('admin', '00000000-0000-4000-8000-000000000000', body), 404, 'NOT_FOUND');
      expectProblem(await put('admin', await authorityId(t, 'SG-PROS'), body), 422, 'RULE_VIOLATED');
      const garbage = await put('admin', sgCa, { pkcs12: Buffer.from('this is not a certificate, just text').toString('base64'), password: 'x' });
      expectProblem(garbage, 422, 'RULE_VIOLATED');
      expect(errorFields(garbage)).toEqual(['pkcs12']);
      const wrong = await put('admin', sgCa, { ...body, password: 'not the password' });
      expectProblem(wrong, 422, 'RULE_VIOLATED');
      expect(errorFields(wrong)).toEqual(['password']);
      const notBase64 = await put('admin', sgCa, { pkcs12: '%%% not base64 %%%', password: 'x' });
      expectProblem(notBase64, 400, 'VALIDATION_FAILED');
    });

    it('keeps the key encrypted on disk, outside the database, and audits the change without it', async () => {
      const set = await put('admin', sgCa, { pkcs12: sg.p12.toString('base64'), password: sg.passphrase });
      expect(set.status).toBe(200);
      expect(set.body.subject).toBe('CN=AGC Central Authority (demo seal),OU=SG-CA,O=AGC Central Authority,C=SG');
      const files = readdirSync(t.config.SEAL_KEYS_DIR).filter((f) => f.startsWith(sgCa));
      expect(files).toEqual([`${sgCa}.seal.json`]);
      const stored = readFileSync(join(t.config.SEAL_KEYS_DIR, files[0] as string), 'utf8');
      expect(stored).not.toContain(sg.passphrase);
      expect(stored).not.toContain(sg.p12.toString('base64').slice(0, 40));
      const [audit] = await t.sql<{ action: string; after: Record<string, unknown> }>(`SELECT action, after FROM admin_audit WHERE target_id = $1 AND action = 'authority.seal_set' ORDER BY created_at DESC LIMIT 1`, [sgCa]);
      expect(audit?.after).toMatchObject({ subject: set.body.subject, sha256: set.body.sha256 });
      const dump = JSON.stringify(await t.sql(`SELECT * FROM admin_audit`));
      expect(dump).not.toContain(sg.passphrase);
      expect(dump).not.toContain(sg.p12.toString('base64').slice(0, 40));

      const removed = await t.http.delete(`/api/v1/authorities/${sgCa}/seal-certificate`).set('authorization', as.admin);
      expect(removed.status).toBe(204);
      expectProblem(await t.http.get(`/api/v1/authorities/${sgCa}/seal-certificate`).set('authorization', as.admin), 404, 'NOT_FOUND');
      expectProblem(await t.http.delete(`/api/v1/authorities/${sgCa}/seal-certificate`).set('authorization', as.admin), 404, 'NOT_FOUND');
      expect((await t.sql(`SELECT 1 FROM admin_audit WHERE target_id = $1 AND action = 'authority.seal_removed'`, [sgCa])).length).toBe(1);
    });
  });

  describe('without a certificate: the signed copy, bound to the letter by its hash', () => {
    let id: string;
    const scan = Buffer.from('%PDF-1.4 scan of the printed letter, signed and stamped\n'.repeat(30));

    beforeAll(async () => {
      expect((await t.http.delete(`/api/v1/authorities/${vnCa}/seal-certificate`).set('authorization', as.admin)).status).toBe(204);
      id = await inReview('Signed by hand and scanned');
    });

    it('answers 422 naming signedLetter when there is neither a seal nor a signed copy', async () => {
      const res = await send(id);
      expectProblem(res, 422, 'RULE_VIOLATED');
      expect(errorFields(res)).toEqual(['signedLetter']);
      expect(res.body.letterSha256).toMatch(/^[0-9a-f]{64}$/);
      const seal = await send(id, { signedLetter: 'SEAL' });
      expectProblem(seal, 422, 'RULE_VIOLATED');
      expect(errorFields(seal)).toEqual(['signedLetter']);
      expectProblem(await send(id, { signedLetter: 'STAMPED' }), 400, 'VALIDATION_FAILED');
    });

    it('refuses a copy whose bytes do not hash as declared, and one uploaded by whom may not', async () => {
      const toSign = await letter('vnOfficer', id);
      const bad = await upload(id, scan, { letterSha256: toSign.headers['x-content-sha256'] as string, sha256: 'a'.repeat(64) });
      expectProblem(bad, 422, 'RULE_VIOLATED');
      expect(errorFields(bad)).toEqual(['sha256']);
      expectProblem(await upload(id, scan, { letterSha256: 'A'.repeat(64) }), 400, 'VALIDATION_FAILED');
      expectProblem(await upload(id, scan, { letterSha256: toSign.headers['x-content-sha256'] as string }, 'vnProsecutor'), 403, 'FORBIDDEN');
      // Not yet sent: the requested side does not see the request.
      expectProblem(await upload(id, scan, { letterSha256: toSign.headers['x-content-sha256'] as string }, 'sgOfficer'), 404, 'NOT_FOUND');
    });

    it('a copy bound to another letter does not sign this one: 422 signedLetter, naming the letter to sign', async () => {
      const other = Buffer.concat([scan, Buffer.from('another version')]);
      expect((await upload(id, other, { letterSha256: 'b'.repeat(64) })).status).toBe(201);
      const res = await send(id, { signedLetter: 'UPLOADED' });
      expectProblem(res, 422, 'RULE_VIOLATED');
      expect(errorFields(res)).toEqual(['signedLetter']);
      const toSign = await letter('vnOfficer', id);
      expect(res.body.letterSha256).toBe(toSign.headers['x-content-sha256']);
    });

    it('sends with the copy of the letter the officer downloaded: the event records the scan’s SHA-256, the frozen letter is that letter', async () => {
      const toSign = await letter('vnOfficer', id);
      expect(toSign.headers['x-letter-frozen']).toBe('false');
      const letterSha256 = toSign.headers['x-content-sha256'] as string;
      expect(sha256(toSign.body as Buffer)).toBe(letterSha256);
      const uploaded = await upload(id, scan, { letterSha256 });
      expect(uploaded.status).toBe(201);
      expect(uploaded.body).toMatchObject({ kind: 'LETTER_SIGNED', sha256: sha256(scan), letterSha256, requestVersion: expect.any(Number) });
      const sent = await send(id);
      expect(sent.status).toBe(200);
      const event = await sendEvent(id);
      expect(event.input.signedLetter).toEqual({ method: 'UPLOADED', sha256: sha256(scan), attachmentId: uploaded.body.id, fileName: 'letter-signed.pdf', letterSha256 });
      expect(event.input.letter.sha256).toBe(letterSha256);
      // The requested side has the very letter and its signed copy.
      const frozen = await letter('sgOfficer', id);
      expect(sha256(frozen.body as Buffer)).toBe(letterSha256);
      const documents = await t.http.get(`/api/v1/requests/${id}/attachments`).set('authorization', as.sgOfficer);
      expect(documents.body.items.map((d: { sha256: string; kind: string }) => [d.kind, d.sha256])).toContainEqual(['LETTER_SIGNED', sha256(scan)]);
    });
  });

  describe('rendering runs outside the row lock', () => {
    let pool: RenderPool;
    let render: RenderPool['render'];
    let waitingAt: ReturnType<typeof gate> | null = null;

    beforeAll(async () => {
      pool = t.app.get(RenderPool);
      render = pool.render.bind(pool);
      // The real render, held at a gate the test opens.
      pool.render = (async (kind: never, input: never) => {
        if (waitingAt) await waitingAt.wait();
        return render(kind, input);
      }) as RenderPool['render'];
      // A certificate again for VN-CA: seal and letter both render in the pool.
      const [vn] = (await demoCertificates([{ code: 'VN-CA', name: 'VN CA', country: 'VN' }], new Date(Date.UTC(2026, 0, 1)))) as [DemoCertificate];
      expect((await t.http.put(`/api/v1/authorities/${vnCa}/seal-certificate`).set('authorization', as.admin).send({ pkcs12: vn.p12.toString('base64'), password: vn.passphrase })).status).toBe(200);
    });
    afterAll(() => {
      pool.render = render;
    });

    it('another transaction locks the request while its letter renders; the send then commits', async () => {
      const id = await inReview('Locked by someone else while rendering');
      waitingAt = gate();
      // supertest starts a request when it is awaited: started now, awaited later.
      const sending = send(id).then((res) => res);
      await waitingAt.reached;
      const other = new Client({ connectionString: t.config.DATABASE_URL });
      await other.connect();
      try {
        await other.query('BEGIN');
        // NOWAIT: fails at once (55P03) if send held the row lock.
        const locked = await other.query('SELECT id FROM requests WHERE id = $1 FOR UPDATE NOWAIT', [id]);
        expect(locked.rowCount).toBe(1);
        await other.query('ROLLBACK');
      } finally {
        await other.end();
      }
      waitingAt.open();
      waitingAt = null;
      expect((await sending).status).toBe(200);
    });

    it('a request that changed while its letter rendered is not sent: 409, and sent when asked again', async () => {
      const id = await inReview('Changed while rendering');
      waitingAt = gate();
      // supertest starts a request when it is awaited: started now, awaited later.
      const sending = send(id).then((res) => res);
      await waitingAt.reached;
      const held = waitingAt;
      waitingAt = null;
      // A signed copy uploaded meanwhile: a new version of the request, still IN_REVIEW.
      expect((await upload(id, Buffer.from('%PDF-1.4 meanwhile\n'.repeat(10)), { letterSha256: 'c'.repeat(64) })).status).toBe(201);
      held.open();
      expectProblem(await sending, 409, 'CONFLICT');
      expect((await send(id)).status).toBe(200);
    });
  });
});
