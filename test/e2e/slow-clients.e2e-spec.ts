import { createHash, randomBytes } from 'node:crypto';
import { ClientRequest, IncomingMessage, request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';
import { createTestApp, TestApp } from '../support/test-app';
import { act, authorityId, completeDraft, createDraft, loginAll, UserKey } from '../support/fixtures';

/**
 * No client holds a connection or a worker hostage (issue 22 item 1), with real sockets
 * against the running app: slow uploads and downloads past the database pool's size leave
 * another user's reads and the readiness probe alone, hold no transaction, are capped per
 * user (429 with Retry-After), and the server itself cuts an idle or too-slow transfer.
 */
const MIB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Where the in-process server of `t` listens, started on a free port of 127.0.0.1. */
async function baseOf(t: TestApp): Promise<{ host: string; port: number; base: string }> {
  const server = t.app.getHttpServer();
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { host: '127.0.0.1', port, base: `http://127.0.0.1:${port}` };
}

interface SlowUpload {
  req: ClientRequest;
  /** The answer, once the server sends one (an early 429, or the end of the upload). */
  response: Promise<IncomingMessage & { text: string }>;
  /** The socket closed: by the server when it cuts the transfer. */
  closed: Promise<void>;
}

/** An upload that sends its headers and the first bytes of its body, then waits. */
function slowUpload(base: string, path: string, bearer: string, total: number, first: Buffer): Promise<SlowUpload> {
  const req = httpRequest(`${base}${path}`, {
    method: 'PUT',
    agent: false,
    headers: { authorization: bearer, 'content-type': 'application/octet-stream', 'content-length': String(total) },
  });
  const closed = new Promise<void>((resolve) => req.on('close', () => resolve()));
  req.on('error', () => undefined);
  const response = new Promise<IncomingMessage & { text: string }>((resolve) =>
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Object.assign(res, { text: Buffer.concat(chunks).toString() })));
      res.on('error', () => undefined);
    }),
  );
  return new Promise((resolve) => req.write(first, () => resolve({ req, response, closed })));
}

interface StalledDownload {
  res: IncomingMessage;
  closed: Promise<void>;
  destroy(): void;
}

/** A download that reads the status line and headers, then stops reading (its socket paused). */
function stalledDownload(base: string, path: string, bearer: string): Promise<StalledDownload> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { agent: false, headers: { authorization: bearer } });
    // The socket's own close: a paused response would hold back the request's 'close'.
    const closed = new Promise<void>((done) => req.on('socket', (socket) => socket.on('close', () => done())));
    req.on('error', () => undefined);
    req.on('response', (res) => {
      res.pause();
      res.on('error', () => undefined);
      resolve({ res, closed, destroy: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

async function deliveredRequest(t: TestApp, as: Record<UserKey, string>, files: Buffer[]): Promise<{ requestId: string; items: string[] }> {
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
  return { requestId: draft.id, items: (list.body.items as { id: string; description: string }[]).sort((a, b) => a.description.localeCompare(b.description, 'en', { numeric: true })).map((i) => i.id) };
}

describe('slow clients past the pool size (e2e, real sockets)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let base: string;
  let requestId: string;
  let items: string[];
  // File 0 is large (more than the sockets' buffers hold): a client that stops reading stalls its download.
  const files = [randomBytes(12 * MIB), ...Array.from({ length: 5 }, (_, i) => randomBytes(4096 + i))];
  const open: { destroy(): void }[] = [];
  const contentUrl = (i: number) => `/api/v1/requests/${requestId}/evidence/${items[i]}/content`;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        DATABASE_POOL_SIZE: '4',
        EVIDENCE_MAX_BYTES: String(16 * MIB),
        FILE_QUOTA_PER_REQUEST_BYTES: String(64 * MIB),
        TRANSFERS_PER_USER: '3',
        // Nothing here is cut by the server: that is the next describe's business.
        TRANSFER_RATE_WINDOW_MS: '600000',
        HTTP_IDLE_TIMEOUT_MS: '600000',
      },
    });
    as = await loginAll(t);
    ({ base } = await baseOf(t));
    ({ requestId, items } = await deliveredRequest(t, as, files));
    const up = await t.http.put(contentUrl(0)).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(files[0]);
    expect(up.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    for (const c of open) c.destroy();
    await t.close();
  });

  it("nine stalled transfers on a pool of four: another user's read and /health/ready answer, no transaction is held, a fourth transfer of one user is 429", async () => {
    // Three uploads by Singapore's officer, each stopped after its first bytes.
    const uploads: SlowUpload[] = [];
    for (const i of [1, 2, 3]) {
      const u = await slowUpload(base, contentUrl(i), as.sgOfficer, (files[i] as Buffer).length, (files[i] as Buffer).subarray(0, 16));
      open.push({ destroy: () => u.req.destroy() });
      uploads.push(u);
    }
    // Six downloads of the large file that read their headers and nothing more (two users, three each).
    for (const who of ['vnProsecutor', 'vnOfficer'] as const) {
      for (let i = 0; i < 3; i++) {
        const d = await stalledDownload(base, contentUrl(0), as[who]);
        expect(d.res.statusCode).toBe(200);
        open.push(d);
      }
    }
    // A fourth upload of the same officer is refused at once, before a byte of it is read.
    const fourth = await slowUpload(base, contentUrl(4), as.sgOfficer, (files[4] as Buffer).length, (files[4] as Buffer).subarray(0, 16));
    open.push({ destroy: () => fourth.req.destroy() });
    const refused = await fourth.response;
    expect(refused.statusCode).toBe(429);
    expect(JSON.parse(refused.text).code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // A fourth download too.
    const res = await t.http.get(contentUrl(0)).set('authorization', as.vnProsecutor);
    expect([res.status, res.body.code]).toEqual([429, 'RATE_LIMITED']);

    // Others are served: a supervisor's read of the request, and the readiness probe.
    const read = await t.http.get(`/api/v1/requests/${requestId}`).set('authorization', as.vnSupervisor);
    expect(read.status).toBe(200);
    expect((await t.http.get('/health/ready')).status).toBe(200);
    const [held] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'`, [t.databaseName]);
    expect(held?.n).toBe(0);

    // An upload that finishes frees its place at once: the officer uploads the fourth file.
    const first = uploads[0] as SlowUpload;
    first.req.end((files[1] as Buffer).subarray(16));
    expect((await first.response).statusCode).toBe(200);
    const again = await t.http.put(contentUrl(4)).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(files[4]);
    expect(again.status).toBe(200);
  }, 60_000);
});

describe('the server cuts idle and too-slow transfers (e2e, real sockets)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let server: { host: string; port: number; base: string };
  let requestId: string;
  let items: string[];
  const files = [randomBytes(12 * MIB), randomBytes(8192), randomBytes(8192)];
  const contentUrl = (i: number) => `/api/v1/requests/${requestId}/evidence/${items[i]}/content`;
  const timers: NodeJS.Timeout[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        EVIDENCE_MAX_BYTES: String(16 * MIB),
        FILE_QUOTA_PER_REQUEST_BYTES: String(64 * MIB),
        TRANSFER_MIN_BYTES_PER_SECOND: '1024',
        TRANSFER_RATE_WINDOW_MS: '500',
        // Long enough for a login's argon2 on a busy machine: the idle timeout counts the server's time too.
        HTTP_IDLE_TIMEOUT_MS: '15000',
      },
    });
    as = await loginAll(t);
    server = await baseOf(t);
    ({ requestId, items } = await deliveredRequest(t, as, files));
    const up = await t.http.put(contentUrl(0)).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(files[0]);
    expect(up.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    for (const timer of timers) clearInterval(timer);
    await t.close();
  });

  it('an upload at a byte at a time is cut, stores nothing, and frees its place', async () => {
    const u = await slowUpload(server.base, contentUrl(1), as.sgOfficer, (files[1] as Buffer).length, (files[1] as Buffer).subarray(0, 1));
    let sent = 1;
    const drip = setInterval(() => {
      if (sent < (files[1] as Buffer).length && !u.req.destroyed) u.req.write((files[1] as Buffer).subarray(sent, ++sent));
    }, 50);
    timers.push(drip);
    await u.closed; // the server hung up: the client never does
    clearInterval(drip);
    expect(sent).toBeLessThan((files[1] as Buffer).length);
    const [item] = await t.sql<{ content_stored_at: Date | null }>(`SELECT content_stored_at FROM evidence_items WHERE id = $1`, [items[1]]);
    expect(item?.content_stored_at).toBeNull();
    const ok = await t.http.put(contentUrl(1)).set('authorization', as.sgOfficer).set('content-type', 'application/octet-stream').send(files[1]);
    expect(ok.status).toBe(200);
  }, 45_000);

  it('an upload that sends its headers and then nothing is cut', async () => {
    const u = await slowUpload(server.base, contentUrl(2), as.sgOfficer, (files[2] as Buffer).length, Buffer.alloc(0));
    await u.closed;
    const [item] = await t.sql<{ content_stored_at: Date | null }>(`SELECT content_stored_at FROM evidence_items WHERE id = $1`, [items[2]]);
    expect(item?.content_stored_at).toBeNull();
  }, 45_000);

  it('a download whose client stops reading is cut', async () => {
    // The server's side of the connection: its close is the server's doing (the client never reads again until then).
    const serverSide = new Promise<Socket>((resolve) => t.app.getHttpServer().once('connection', resolve));
    const d = await stalledDownload(server.base, contentUrl(0), as.vnProsecutor);
    expect(d.res.statusCode).toBe(200);
    await new Promise<void>((resolve) => void serverSide.then((s) => (s.destroyed ? resolve() : s.once('close', () => resolve()))));
    // Reading again, the client finds the file cut short.
    let received = 0;
    d.res.on('data', (c: Buffer) => (received += c.length));
    d.res.resume();
    await d.closed;
    expect(received).toBeLessThan((files[0] as Buffer).length);
  }, 45_000);

  it('a connection that sends nothing at all is closed', async () => {
    const socket: Socket = connect(server.port, server.host);
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
  }, 45_000);
});
