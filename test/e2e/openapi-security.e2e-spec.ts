import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app';

type Operation = { security: Record<string, string[]>[]; responses: Record<string, unknown> };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const doc = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs/openapi.json'), 'utf8')) as { paths: Record<string, Record<string, Operation>> };
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Operation })),
);
/** The operations peer nodes call, authenticated by an RFC 9421 signature instead of a session. */
const isPeerSigned = (op: Operation) => op.security.some((s) => 'peerSignature' in s);
/** Every path parameter filled with an id nobody has. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, (name) => (name === '{code}' ? 'SG' : name === '{year}' ? '2027' : '00000000-0000-4000-8000-000000000000'));

/**
 * The OpenAPI document says who may call what: an operation with `security: []` is public,
 * any other needs a session and documents its 401. Held to what the server does: called
 * without a session, every secured operation answers 401 and no public one does.
 */
describe('OpenAPI security, as the server enforces it (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('marks as public exactly the health probes, the metrics, the login and its second step, and the node identity; the peers’ intake, directory, files and shared events take a signature', () => {
    const open = operations.filter((o) => o.op.security.length === 0).map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(open.sort()).toEqual(['GET /.well-known/mla-hub', 'GET /health/live', 'GET /health/ready', 'GET /metrics', 'POST /api/v1/auth/login', 'POST /api/v1/auth/mfa', 'POST /api/v1/auth/mfa/passkey-options']);
    const signed = operations.filter((o) => isPeerSigned(o.op)).map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(signed.sort()).toEqual(['GET /federation/v1/directory', 'GET /federation/v1/files/{sha256}', 'GET /federation/v1/requests/{id}/shared-events', 'POST /federation/v1/messages']);
    for (const o of operations.filter((x) => x.op.security.length > 0 && !isPeerSigned(x.op))) {
      expect([o.path, o.op.security]).toEqual([o.path, [{ bearer: [] }, { session: [] }]]);
      expect([o.path, Object.keys(o.op.responses)]).toEqual([o.path, expect.arrayContaining(['401'])]);
    }
  });

  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))('%s without a session', async (_, o) => {
    const call = t.http[o.method](concrete(o.path));
    const res = o.method === 'get' || o.method === 'delete' ? await call : await call.send({});
    // A peer's call without a signature: 401 too, with a receipt signed by this node (DESIGN §15).
    if (isPeerSigned(o.op)) expect([o.path, res.status, res.body.code, typeof res.body.receipt]).toEqual([o.path, 401, 'UNAUTHENTICATED', 'string']);
    else if (o.op.security.length > 0) expect([o.path, res.status, res.body.code]).toEqual([o.path, 401, 'UNAUTHENTICATED']);
    else expect([o.path, res.status]).not.toEqual([o.path, 401]);
  });
});
