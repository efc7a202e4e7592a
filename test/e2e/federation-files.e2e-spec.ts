import { createHash, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { FileFetcherService, NodeIdentity, publicJwkOf, signRequest, verifyReceipt, type FetchReport, type SigningKeyRef } from '@mla/federation';
import { FileStore } from '@mla/storage';
import { authorityId, completeDraft, createDraft, USERS } from '../support/fixtures';
import { freePort } from '../support/processes';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';

const BASE_MS = 1000;
const MAX_ATTEMPTS = 3;
/** The worker's wait for a peer's answer (its head, and the grace of its body): short, for the slow peer's test. */
const TIMEOUT_MS = 1000;

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * A peer node that answers no proper file: `garbage` writes bytes that are no HTTP answer;
 * `stall` answers 200 with a Content-Length, sends one byte and then nothing (a slow peer).
 */
class BadPeer {
  mode: 'garbage' | 'stall' = 'garbage';
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  async start(): Promise<string> {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      let head = '';
      socket.on('data', (chunk) => {
        head += chunk.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        if (this.mode === 'garbage') socket.end('\u0000\u0001 this is no HTTP answer\r\n\r\n');
        else socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: 64\r\n\r\nx');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * Files by hash (issue 20 item 6, DESIGN §15) between two real nodes in one process (each its
 * own database, key file and clock, moved together; SG behind a TCP proxy that can refuse
 * connections, a node down): SG answers `GET /federation/v1/files/{sha256}` only to a GET
 * signed by the ACTIVE peer the file was listed to, streamed with its length and digest; VN's
 * worker fetches an ARRIVING file, keeps it only when its size and SHA-256 are those
 * announced (then RECEIVED, and the evidence item of that hash gets its bytes), and retries
 * anything else with backoff until FAILED. People who see the request see its peer files.
 */
describe('federation: files by hash (e2e)', () => {
  let vn: TestApp;
  let sg: TestApp;
  let proxy: TcpProxy;
  let bad: BadPeer;
  let worker: TestWorker;
  let fetcher: FileFetcherService;
  let vnKey: SigningKeyRef;
  let sgPeerOnVn: string;
  let vnPeerOnSg: string;
  let badPeerOnVn: string;
  let sgRequest: string;
  let vnRequest: string;
  let prosecutor: string;
  let vnProsecutorId: string;

  beforeAll(async () => {
    const sgPort = await freePort();
    proxy = new TcpProxy({ host: '127.0.0.1', port: sgPort });
    const sgUrl = `http://127.0.0.1:${await proxy.start()}`;
    sg = await createTestApp({ directory: true, env: { NODE_ID: 'sg.test', NODE_COUNTRIES: 'SG', NODE_URL: sgUrl } });
    await sg.app.listen(sgPort, '127.0.0.1');
    const vnPort = await freePort();
    vn = await createTestApp({ directory: true, env: { NODE_ID: 'vn.test', NODE_COUNTRIES: 'VN', NODE_URL: `http://127.0.0.1:${vnPort}` } });
    await vn.app.listen(vnPort, '127.0.0.1');
    vnKey = vn.app.get(NodeIdentity).signingKey();
    const added = await vn.http.post('/api/v1/peers').set('authorization', await vn.login(USERS.admin)).send({ url: sgUrl, keyThumbprint: sg.app.get(NodeIdentity).signingKey().kid });
    expect(added.status).toBe(201);
    sgPeerOnVn = added.body.id;
    const back = await sg.http.post('/api/v1/peers').set('authorization', await sg.login(USERS.admin)).send({ url: vn.config.nodeUrl, keyThumbprint: vnKey.kid });
    expect(back.status).toBe(201);
    vnPeerOnSg = back.body.id;
    bad = new BadPeer();
    badPeerOnVn = await insertPeer(vn, 'bad.test', await bad.start(), generateKeyPairSync('ed25519').privateKey, 'TH');
    worker = await startTestWorker(vn, { FEDERATION_MAX_ATTEMPTS: MAX_ATTEMPTS, FEDERATION_BACKOFF_MS: BASE_MS, WEBHOOK_TIMEOUT_MS: TIMEOUT_MS });
    fetcher = worker.context.get(FileFetcherService);
    // A request on each node for the files to belong to (a file is asked for by its hash alone).
    sgRequest = (await createDraft(sg, await sg.login(USERS.sgProsecutor), completeDraft(await authorityId(sg, 'VN-CA'), { language: 'en' }))).id;
    prosecutor = await vn.login(USERS.vnProsecutor);
    vnRequest = (await createDraft(vn, prosecutor, completeDraft(await authorityId(vn, 'SG-CA')))).id;
    [{ id: vnProsecutorId }] = await vn.sql<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [USERS.vnProsecutor]);
  }, 90_000);
  afterAll(async () => {
    await worker?.close();
    await vn?.close();
    await sg?.close();
    await proxy?.stop();
    await bad?.stop();
  });

  const advance = (ms: number) => {
    vn.clock.advance(ms);
    sg.clock.advance(ms);
  };

  /** A peer row as an ADMIN's peering leaves it (for a peer this test plays itself). */
  async function insertPeer(t: TestApp, nodeId: string, url: string, key: KeyObject, country: string): Promise<string> {
    const jwk = await publicJwkOf(key);
    const [admin] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE role = 'ADMIN' LIMIT 1`);
    const id = randomUUID();
    await t.sql(
      `INSERT INTO federation_peers (id, node_id, url, countries, key_thumbprint, jwks, keys_read_at, state, created_at, created_by, updated_at)
       VALUES ($1, $2, $3, ARRAY[$4]::char(2)[], $5, $6, $7, 'ACTIVE', $7, $8, $7)`,
      [id, nodeId, url, country, jwk.kid, JSON.stringify({ keys: [jwk] }), t.clock.now(), admin?.id],
    );
    return id;
  }

  /** Stores bytes in SG's file store; answers their reference. */
  async function storeOnSg(bytes: Buffer): Promise<string> {
    const stored = await sg.app.get(FileStore).put({ body: Readable.from([bytes]), maxBytes: bytes.length, keep: async () => undefined });
    return stored.ref;
  }

  /** An OUT row on SG: a file SG listed in a message to `peerId` (VN unless said). */
  async function offerOnSg(sha256: string, ref: string, size: number, peerId = vnPeerOnSg): Promise<void> {
    const now = sg.clock.now();
    await sg.sql(
      `INSERT INTO federation_files (peer_id, direction, request_id, sha256, size_bytes, media_type, file_name, state, content_ref, created_at, updated_at)
       VALUES ($1, 'OUT', $2, $3, $4, 'application/pdf', 'letter.pdf', 'OFFERED', $5, $6, $6)`,
      [peerId, sgRequest, sha256, size, ref, now],
    );
  }

  /** An IN row on VN: a file a peer (SG unless said) listed to VN, ARRIVING. */
  async function announceOnVn(sha256: string, size: number, opts: { peerId?: string; fileName?: string; due?: Date | null } = {}): Promise<void> {
    const now = vn.clock.now();
    await vn.sql(
      `INSERT INTO federation_files (peer_id, direction, request_id, sha256, size_bytes, media_type, file_name, state, attempts, next_attempt_at, created_at, updated_at)
       VALUES ($1, 'IN', $2, $3, $4, 'application/pdf', $5, 'ARRIVING', 0, $6, $7, $7)`,
      [opts.peerId ?? sgPeerOnVn, vnRequest, sha256, size, opts.fileName ?? 'evidence.pdf', opts.due === undefined ? now : opts.due, now],
    );
  }

  const inRow = async (sha256: string, peerId = sgPeerOnVn) =>
    (await vn.sql<{ state: string; attempts: number; next_attempt_at: Date | null; last_error: string | null; content_ref: string | null; received_at: Date | null }>(
      `SELECT state, attempts, next_attempt_at, last_error, content_ref, received_at FROM federation_files WHERE peer_id = $1 AND direction = 'IN' AND request_id = $2 AND sha256 = $3`,
      [peerId, vnRequest, sha256],
    ))[0];

  /** A GET of SG's file signed with `key` (VN's by default) at `at` (VN's clock). */
  async function getFromSg(sha256: string, opts: { key?: SigningKeyRef; at?: Date; signed?: boolean } = {}) {
    const target = `${sg.config.nodeUrl}/federation/v1/files/${sha256}`;
    const headers = opts.signed === false ? {} : await signRequest({ method: 'GET', url: target, contentType: '', body: new Uint8Array(0) }, opts.key ?? vnKey, opts.at ?? vn.clock.now());
    const res = await fetch(target, { headers });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  /** A signed refusal of SG: a problem body with a receipt REJECTED signed by SG's key. */
  async function expectSignedRefusal(res: { status: number; headers: Headers; bytes: Buffer }, status: number, code: string, reason: string): Promise<void> {
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.bytes.toString('utf8'));
    expect([res.status, body.status, body.code, body.reason]).toEqual([status, status, code, reason]);
    const sgJwk = await publicJwkOf(sg.app.get(NodeIdentity).signingKey().privateKey);
    expect(await verifyReceipt(body.receipt, [sgJwk])).toMatchObject({ status: 'REJECTED', code, messageId: null, digest: null });
  }

  const letter = randomBytes(60 * 1024); // several chunks on the wire
  const letterSha = sha256Of(letter);

  it('answers VN the bytes of a file SG listed to it, streamed with their length and Content-Digest', async () => {
    await offerOnSg(letterSha, await storeOnSg(letter), letter.length);
    const res = await getFromSg(letterSha);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-length')).toBe(String(letter.length));
    expect(res.headers.get('content-digest')).toBe(`sha-256=:${createHash('sha256').update(letter).digest('base64')}:`);
    expect(res.bytes.equals(letter)).toBe(true);
  });

  it('answers a signed 404 for a file not listed to the caller (listed to another peer only, or to none), and a signed 400 for a name that is no SHA-256', async () => {
    const th = generateKeyPairSync('ed25519').privateKey;
    const thPeer = await insertPeer(sg, 'th.test', 'http://127.0.0.1:9', th, 'TH');
    const forTh = randomBytes(100);
    await offerOnSg(sha256Of(forTh), await storeOnSg(forTh), forTh.length, thPeer);
    await expectSignedRefusal(await getFromSg(sha256Of(forTh)), 404, 'NOT_FOUND', 'FILE_NOT_SENT');
    const thKey = { privateKey: th, kid: (await publicJwkOf(th)).kid };
    const asTh = await getFromSg(sha256Of(forTh), { key: thKey });
    expect([asTh.status, asTh.bytes.equals(forTh)]).toEqual([200, true]);
    // The letter was listed to VN, not to th.test.
    await expectSignedRefusal(await getFromSg(letterSha, { key: thKey }), 404, 'NOT_FOUND', 'FILE_NOT_SENT');
    await expectSignedRefusal(await getFromSg(sha256Of(Buffer.from('never listed'))), 404, 'NOT_FOUND', 'FILE_NOT_SENT');
    for (const name of [letterSha.toUpperCase(), letterSha.slice(1), `${letterSha}00`, 'letter.pdf']) {
      await expectSignedRefusal(await getFromSg(name), 400, 'VALIDATION_FAILED', 'MALFORMED_SHA256');
    }
  });

  it('answers a signed 401 to an unsigned GET, a key no peer has, another key claiming VN’s keyid, a stale signature', async () => {
    await expectSignedRefusal(await getFromSg(letterSha, { signed: false }), 401, 'UNAUTHENTICATED', 'UNSIGNED');
    const other = generateKeyPairSync('ed25519').privateKey;
    await expectSignedRefusal(await getFromSg(letterSha, { key: { privateKey: other, kid: (await publicJwkOf(other)).kid } }), 401, 'UNAUTHENTICATED', 'UNKNOWN_KEY');
    await expectSignedRefusal(await getFromSg(letterSha, { key: { privateKey: other, kid: vnKey.kid } }), 401, 'UNAUTHENTICATED', 'BAD_SIGNATURE');
    await expectSignedRefusal(await getFromSg(letterSha, { at: new Date(vn.clock.now().getTime() - 10 * 60_000) }), 401, 'UNAUTHENTICATED', 'OUTSIDE_WINDOW');
    // A malformed name from a stranger: still 401 (nothing said before the caller is known).
    await expectSignedRefusal(await getFromSg('nope', { signed: false }), 401, 'UNAUTHENTICATED', 'UNSIGNED');
  });

  const peerFiles = (bearer = prosecutor, id = vnRequest) => vn.http.get(`/api/v1/requests/${id}/peer-files`).set('authorization', bearer);
  /** A download through the API: the bytes, and the problem body when it is one. */
  async function download(path: string, bearer = prosecutor) {
    const res = await vn.http.get(path).set('authorization', bearer).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const bytes = res.body as Buffer;
    const problem = /json/.test(String(res.headers['content-type'])) ? (JSON.parse(bytes.toString('utf8')) as Record<string, unknown>) : {};
    return { status: res.status, headers: res.headers, bytes, body: problem };
  }
  const content = (sha256: string, bearer = prosecutor) => download(`/api/v1/requests/${vnRequest}/peer-files/${sha256}/content`, bearer);

  it('fetches an ARRIVING file: verified, RECEIVED with its bytes, the evidence item of that hash given them; shown arriving until then', async () => {
    await announceOnVn(letterSha, letter.length, { fileName: 'Thư yêu cầu.pdf', due: null });
    const [item] = await vn.sql<{ id: string }>(
      `INSERT INTO evidence_items (request_id, delivery_no, item_no, description, kind, sha256, size_bytes, delivered_by, created_at, transfer, file_name, media_type)
       VALUES ($1, 1, 1, 'Subscriber records', 'FILE', $2, $3, $4, $5, 'UPLOAD', 'records.pdf', 'application/pdf') RETURNING id`,
      [vnRequest, letterSha, letter.length, vnProsecutorId, vn.clock.now()],
    );
    const arriving = await peerFiles();
    expect(arriving.status).toBe(200);
    expect(arriving.body.items).toEqual([{
      sha256: letterSha, direction: 'IN', peer: 'sg.test', fileName: 'Thư yêu cầu.pdf', mediaType: 'application/pdf', sizeBytes: letter.length,
      state: 'ARRIVING', attempts: 0, lastError: null, receivedAt: null, listedAt: vn.clock.now().toISOString(),
    }]);
    const early = await content(letterSha);
    expect([early.status, early.body.code]).toEqual([409, 'CONFLICT']);

    const reports = await fetcher.fetchDue();
    expect(reports).toEqual<FetchReport[]>([{ requestId: vnRequest, sha256: letterSha, peer: 'sg.test', state: 'RECEIVED', error: null }]);
    const row = await inRow(letterSha);
    expect(row).toMatchObject({ state: 'RECEIVED', attempts: 1, last_error: null, received_at: vn.clock.now(), content_ref: expect.any(String) });
    const [stored] = await vn.sql<{ content_ref: string; content_stored_at: Date }>(`SELECT content_ref, content_stored_at FROM evidence_items WHERE id = $1`, [item?.id]);
    expect(stored).toEqual({ content_ref: row?.content_ref, content_stored_at: vn.clock.now() });
    // The item's file is the evidence's own download now.
    const evidence = await download(`/api/v1/requests/${vnRequest}/evidence/${item?.id}/content`);
    expect([evidence.status, evidence.bytes.equals(letter)]).toEqual([200, true]);

    const got = await content(letterSha);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(letter)).toBe(true);
    expect(got.headers).toMatchObject({ 'content-type': 'application/octet-stream', 'content-length': String(letter.length), 'x-content-sha256': letterSha });
    expect(got.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Thư yêu cầu.pdf')}`);
    expect((await peerFiles()).body.items).toEqual([expect.objectContaining({ sha256: letterSha, state: 'RECEIVED', attempts: 1, receivedAt: vn.clock.now().toISOString() })]);
    // Nothing due any more; the item's file is never replaced.
    expect(await fetcher.fetchDue()).toEqual([]);
    await expect(vn.sql(`UPDATE evidence_items SET content_ref = 'x' WHERE id = $1`, [item?.id])).rejects.toThrow(/never edited/);
  });

  it('never fetches a file twice at once: two workers share the files due, each fetched once', async () => {
    const second = await startTestWorker(vn, { FEDERATION_MAX_ATTEMPTS: MAX_ATTEMPTS, FEDERATION_BACKOFF_MS: BASE_MS, WEBHOOK_TIMEOUT_MS: TIMEOUT_MS });
    try {
      const files = [randomBytes(3000), randomBytes(4000), randomBytes(5000)];
      for (const f of files) {
        await offerOnSg(sha256Of(f), await storeOnSg(f), f.length);
        await announceOnVn(sha256Of(f), f.length);
      }
      const passes = await Promise.all([fetcher.fetchDue(), second.context.get(FileFetcherService).fetchDue(), fetcher.fetchDue()]);
      const tried = passes.flat();
      expect(tried.map((r) => r.sha256).sort()).toEqual(files.map(sha256Of).sort());
      expect(tried.every((r) => r.state === 'RECEIVED')).toBe(true);
      for (const f of files) expect(await inRow(sha256Of(f))).toMatchObject({ state: 'RECEIVED', attempts: 1 });
    } finally {
      await second.close();
    }
  });

  it('keeps nothing of a peer that answers more bytes than announced, or other bytes than the hash announced; retries, FAILED after the last attempt', async () => {
    // More: SG answers the whole letter, VN was told one byte less (a hash of its own, listed on SG too).
    const longer = randomBytes(2000);
    const longerSha = sha256Of(longer);
    await offerOnSg(longerSha, await storeOnSg(longer), longer.length);
    await announceOnVn(longerSha, longer.length - 1);
    // Other bytes: SG's row names a hash its bytes do not have.
    const claimed = sha256Of(Buffer.from('the file announced'));
    const other = randomBytes(1500);
    await offerOnSg(claimed, await storeOnSg(other), other.length);
    await announceOnVn(claimed, other.length);
    const before = await vn.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_largeobject_metadata`);

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const reports = await fetcher.fetchDue();
      const state = attempt < MAX_ATTEMPTS ? 'ARRIVING' : 'FAILED';
      expect(reports.sort((a, b) => a.sha256.localeCompare(b.sha256))).toEqual(
        [
          { requestId: vnRequest, sha256: longerSha, peer: 'sg.test', state, error: `${sg.config.nodeUrl}/federation/v1/files/${longerSha} answered more than ${longer.length - 1} bytes` },
          { requestId: vnRequest, sha256: claimed, peer: 'sg.test', state, error: `the file sg.test answered is not the one announced: SHA-256 ${sha256Of(other)} received, ${claimed} announced` },
        ].sort((a, b) => a.sha256.localeCompare(b.sha256)),
      );
      for (const sha of [longerSha, claimed]) {
        const row = await inRow(sha);
        expect(row).toMatchObject({ state, attempts: attempt, content_ref: null, received_at: null });
        expect(row?.next_attempt_at).toEqual(attempt < MAX_ATTEMPTS ? new Date(vn.clock.now().getTime() + BASE_MS * 2 ** (attempt - 1)) : null);
      }
      expect(await fetcher.fetchDue()).toEqual([]);
      advance(BASE_MS * 2 ** (attempt - 1));
    }
    expect(await fetcher.fetchDue()).toEqual([]);
    // Nothing kept: no large object left behind.
    expect(await vn.sql(`SELECT count(*)::int AS n FROM pg_largeobject_metadata`)).toEqual(before);
    const failed = await content(claimed);
    expect([failed.status, failed.body.code, failed.body.detail]).toEqual([409, 'CONFLICT', expect.stringMatching(/could not be fetched from sg\.test/)]);
  });

  it('retries while SG is down, then fetches the file once SG is back', async () => {
    const file = randomBytes(1234);
    await offerOnSg(sha256Of(file), await storeOnSg(file), file.length);
    await announceOnVn(sha256Of(file), file.length);
    proxy.refuse();
    try {
      expect(await fetcher.fetchDue()).toEqual([expect.objectContaining({ sha256: sha256Of(file), state: 'ARRIVING', error: expect.stringMatching(/no HTTP answer/) })]);
      advance(BASE_MS);
    } finally {
      proxy.accept();
    }
    expect(await fetcher.fetchDue()).toEqual([expect.objectContaining({ sha256: sha256Of(file), state: 'RECEIVED', error: null })]);
    expect(await inRow(sha256Of(file))).toMatchObject({ state: 'RECEIVED', attempts: 2, last_error: expect.stringMatching(/no HTTP answer/) });
  });

  it('counts an attempt refused by SG because it suspended VN (signed 403); a peer VN suspended waits, then is fetched when resumed', async () => {
    const file = randomBytes(777);
    await offerOnSg(sha256Of(file), await storeOnSg(file), file.length);
    await announceOnVn(sha256Of(file), file.length);
    const sgAdmin = await sg.login(USERS.admin);
    expect((await sg.http.patch(`/api/v1/peers/${vnPeerOnSg}`).set('authorization', sgAdmin).send({ action: 'suspend' })).status).toBe(200);
    await expectSignedRefusal(await getFromSg(sha256Of(file)), 403, 'FORBIDDEN', 'PEER_SUSPENDED');
    expect(await fetcher.fetchDue()).toEqual([expect.objectContaining({ state: 'ARRIVING', error: 'sg.test answered HTTP 403 (PEER_SUSPENDED)' })]);
    expect((await sg.http.patch(`/api/v1/peers/${vnPeerOnSg}`).set('authorization', sgAdmin).send({ action: 'resume' })).status).toBe(200);

    const vnAdmin = await vn.login(USERS.admin);
    expect((await vn.http.patch(`/api/v1/peers/${sgPeerOnVn}`).set('authorization', vnAdmin).send({ action: 'suspend' })).status).toBe(200);
    advance(BASE_MS);
    expect(await fetcher.fetchDue()).toEqual([]);
    expect(await inRow(sha256Of(file))).toMatchObject({ state: 'ARRIVING', attempts: 1 });
    expect((await vn.http.patch(`/api/v1/peers/${sgPeerOnVn}`).set('authorization', vnAdmin).send({ action: 'resume' })).status).toBe(200);
    expect(await fetcher.fetchDue()).toEqual([expect.objectContaining({ sha256: sha256Of(file), state: 'RECEIVED' })]);
  });

  it('keeps nothing of a peer that answers garbage or too slowly; a file announced larger than this node stores FAILS at once', async () => {
    const garbage = sha256Of(Buffer.from('garbage'));
    await announceOnVn(garbage, 10, { peerId: badPeerOnVn });
    bad.mode = 'garbage';
    expect(await fetcher.fetchDue()).toEqual([{ requestId: vnRequest, sha256: garbage, peer: 'bad.test', state: 'ARRIVING', error: expect.stringMatching(/no HTTP answer/) }]);
    expect(await inRow(garbage, badPeerOnVn)).toMatchObject({ state: 'ARRIVING', attempts: 1, content_ref: null });

    bad.mode = 'stall';
    advance(BASE_MS);
    const started = Date.now();
    expect(await fetcher.fetchDue()).toEqual([{ requestId: vnRequest, sha256: garbage, peer: 'bad.test', state: 'ARRIVING', error: expect.stringMatching(/did not send the whole answer within/) }]);
    expect(Date.now() - started).toBeLessThan(10 * TIMEOUT_MS);
    expect(await inRow(garbage, badPeerOnVn)).toMatchObject({ state: 'ARRIVING', attempts: 2, content_ref: null });

    // More than EVIDENCE_MAX_BYTES (64 KiB in tests): never asked for.
    const huge = sha256Of(Buffer.from('huge'));
    await announceOnVn(huge, 64 * 1024 + 1);
    expect(await fetcher.fetchDue()).toEqual([expect.objectContaining({ sha256: huge, state: 'FAILED', error: expect.stringMatching(/announced 65537 bytes: files over 65536 bytes are not stored here/) })]);
  });

  it('shows a request’s peer files to who sees the request only (404 otherwise); the content only of a file received from a peer', async () => {
    // The draft: neither VN's officers nor an admin see it.
    for (const who of [USERS.vnOfficer, USERS.admin]) {
      const bearer = await vn.login(who);
      expect([(await peerFiles(bearer)).status, (await content(letterSha, bearer)).status]).toEqual([404, 404]);
    }
    expect((await peerFiles(prosecutor, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const none = await content(sha256Of(Buffer.from('not from a peer')));
    expect([none.status, none.body.code]).toEqual([404, 'NOT_FOUND']);
    const malformed = await content('LETTER');
    expect([malformed.status, malformed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const states = (await peerFiles()).body.items.map((f: { state: string }) => f.state).sort();
    expect(states).toEqual(['ARRIVING', 'FAILED', 'FAILED', 'FAILED', 'RECEIVED', 'RECEIVED', 'RECEIVED', 'RECEIVED', 'RECEIVED', 'RECEIVED']);
    // On SG, the files it listed to its peers: OFFERED.
    const onSg = await sg.http.get(`/api/v1/requests/${sgRequest}/peer-files`).set('authorization', await sg.login(USERS.sgProsecutor));
    expect(onSg.status).toBe(200);
    expect(onSg.body.items.find((f: { sha256: string }) => f.sha256 === letterSha)).toEqual(expect.objectContaining({ sha256: letterSha, direction: 'OUT', peer: 'vn.test', state: 'OFFERED', fileName: 'letter.pdf', receivedAt: null, attempts: 0 }));
    expect((await sg.http.get(`/api/v1/requests/${sgRequest}/peer-files/${letterSha}/content`).set('authorization', await sg.login(USERS.sgProsecutor))).status).toBe(404);
  });
});
