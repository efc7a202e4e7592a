import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApi } from '../../apps/api/src/bootstrap';
import { createTestApp, TestApp } from '../support/test-app';
import { kill, spawnApi } from '../support/processes';
import { act, authorityId, completeDraft, createDraft, loginAll, UserKey } from '../support/fixtures';

/**
 * Files every replica can serve (DESIGN §6): evidence files in PostgreSQL large objects,
 * streamed; a file uploaded through one API process downloads through another; an
 * interrupted upload leaves neither a file nor a record; a request's files have a quota.
 */
describe('files in PostgreSQL (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let requestId: string;
  const files = Array.from({ length: 4 }, (_, i) => randomBytes(48 * 1024 + i));
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const items: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: { FILE_QUOTA_PER_REQUEST_BYTES: String(3 * 48 * 1024 + 3) } });
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
      items: files.map((f, i) => ({ description: `File ${i}`, kind: 'FILE', sha256: sha(f), sizeBytes: f.length })),
    });
    const list = await t.http.get(`/api/v1/requests/${requestId}/evidence`).set('authorization', as.sgOfficer);
    for (const item of list.body.items) items.push(item.id);
  });
  afterAll(() => t.close());

  const url = (i: number) => `/api/v1/requests/${requestId}/evidence/${items[i]}/content`;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const binary = (res: any, cb: (e: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const largeObjects = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_largeobject_metadata`))[0]?.n;

  it('a file uploaded through one API process downloads through another, byte-identical', async () => {
    let second: NestFastifyApplication | undefined;
    try {
      second = await createApi({ config: t.config, clock: t.clock, migrate: false, seed: false, directory: false });
      await second.init();
      await second.getHttpAdapter().getInstance().ready();
      const up = await t.http.put(url(0)).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(files[0]);
      expect(up.status).toBe(200);
      const [item] = await t.sql<{ content_ref: string }>(`SELECT content_ref FROM evidence_items WHERE id = $1`, [items[0]]);
      expect(Number(item?.content_ref)).toBeGreaterThan(0); // a large object's oid
      const down = await request(second.getHttpServer()).get(url(0)).set('authorization', as.vnProsecutor).buffer(true).parse(binary);
      expect(down.status).toBe(200);
      expect(Buffer.compare(down.body as Buffer, files[0] as Buffer)).toBe(0);
    } finally {
      await second?.close();
    }
  });

  it('an upload interrupted by its client leaves no file and no record', async () => {
    const before = await largeObjects();
    const base = await baseOf(t);
    const aborted = new Promise<void>((resolve) => {
      const req = httpRequest(`${base}${url(1)}`, {
        method: 'PUT',
        headers: { authorization: as.sgOfficer, 'content-type': 'application/octet-stream', 'content-length': String(files[1]?.length) },
      });
      req.on('error', () => resolve());
      req.write((files[1] as Buffer).subarray(0, 20 * 1024), () => req.destroy());
      req.on('close', () => resolve());
    });
    await aborted;
    // The server's transaction ends with the broken stream: a second upload of the item finds it free.
    const ok = await t.http.put(url(1)).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(files[1]);
    expect(ok.status).toBe(200);
    expect(await largeObjects()).toBe((before as number) + 1);
  });

  it('an API process killed in mid-upload leaves no file and no record', async () => {
    const before = await largeObjects();
    let api: { child: ChildProcess; base: string } | undefined;
    try {
      api = await spawnApi(t.config);
      const { child, base } = api;
      await new Promise<void>((resolve) => {
        const req = httpRequest(`${base}${url(2)}`, {
          method: 'PUT',
          headers: { authorization: as.sgOfficer, 'content-type': 'application/octet-stream', 'content-length': String(files[2]?.length) },
        });
        req.on('error', () => resolve());
        req.on('close', () => resolve());
        // Half the file is with the server: it is writing it when it is killed.
        req.write((files[2] as Buffer).subarray(0, 24 * 1024), () => void kill(child, 'SIGKILL'));
      });
    } finally {
      if (api) await kill(api.child, 'SIGKILL');
    }
    const [item] = await t.sql<{ content_stored_at: Date | null; content_ref: string | null }>(`SELECT content_stored_at, content_ref FROM evidence_items WHERE id = $1`, [items[2]]);
    expect(item).toEqual({ content_stored_at: null, content_ref: null });
    expect(await largeObjects()).toBe(before);
  });

  it("a request's files are bounded by its quota (413)", async () => {
    expect((await t.http.put(url(2)).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(files[2])).status).toBe(200);
    const over = await t.http.put(url(3)).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(files[3]);
    expect(over.status).toBe(413);
    expect(over.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

/** Where the in-process server of `t` listens (for raw node:http clients), started on a free port. */
async function baseOf(t: TestApp): Promise<string> {
  const server = t.app.getHttpServer();
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
}

/** FILE_STORE=filesystem: one machine's disk, the same all-or-nothing uploads. */
describe('files on disk (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  const file = randomBytes(30 * 1024);
  const sha = createHash('sha256').update(file).digest('hex');

  beforeAll(async () => {
    t = await createTestApp({ env: { FILE_STORE: 'filesystem' } });
    as = await loginAll(t);
  });
  afterAll(() => t.close());

  it('stores, checks and serves a file; a refused one leaves nothing in the directory', async () => {
    const { readdir } = await import('node:fs/promises');
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'SG-CA')));
    for (const [who, action] of [['vnProsecutor', 'submit'], ['vnOfficer', 'send'], ['sgOfficer', 'acknowledge'], ['sgOfficer', 'start_execution']] as const) {
      await act(t, as[who], draft.id, { action });
    }
    await act(t, as.sgOfficer, draft.id, { action: 'deliver_evidence', final: true, items: [{ description: 'On disk', kind: 'FILE', sha256: sha, sizeBytes: file.length }] });
    const [item] = (await t.http.get(`/api/v1/requests/${draft.id}/evidence`).set('authorization', as.sgOfficer)).body.items;
    const url = `/api/v1/requests/${draft.id}/evidence/${item.id}/content`;
    const wrong = Buffer.from(file);
    wrong[0] = (wrong[0] as number) ^ 1;
    expect((await t.http.put(url).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(wrong)).status).toBe(422);
    expect(await readdir(t.config.EVIDENCE_STORAGE_DIR)).toEqual([]);
    expect((await t.http.put(url).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(file)).status).toBe(200);
    expect(await readdir(t.config.EVIDENCE_STORAGE_DIR)).toHaveLength(1);
    const down = await t.http
      .get(url)
      .set('authorization', as.vnProsecutor)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(Buffer.compare(down.body as Buffer, file)).toBe(0);
  });
});
