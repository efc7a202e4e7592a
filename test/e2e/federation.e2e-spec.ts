import fc from 'fast-check';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { totpCode } from '@mla/identity';
import { NodeIdentity, publicJwkOf, signRequest, verifyReceipt, type NodeJwk, type SigningKeyRef } from '@mla/federation';
import { USERS } from '../support/fixtures';
import { freePort } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';

interface Node {
  t: TestApp;
  url: string;
  nodeId: string;
  key: SigningKeyRef;
  admin: string;
}

async function startNode(nodeId: string, country: string): Promise<Node> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ env: { NODE_ID: nodeId, NODE_COUNTRIES: country, NODE_URL: url } });
  await t.app.listen(port, '127.0.0.1');
  return { t, url, nodeId, key: t.app.get(NodeIdentity).signingKey(), admin: await t.login(USERS.admin) };
}

/**
 * Federation's security core (issue 20, DESIGN §15) with two real nodes in one process, each
 * on its own database, Redis prefix, key file and port: peering over HTTP (refused with a
 * wrong thumbprint), then signed messages from VN to SG: accepted with a receipt the sender
 * verifies with its copy of the receiver's keys, the same message again, the same id with
 * another body, forgeries of every kind (nothing recorded), a suspended peer, a malformed
 * envelope, a sender speaking for a node or country it does not serve.
 */
describe('federation: peering and signed messages between two nodes (e2e)', () => {
  let vn: Node;
  let sg: Node;

  beforeAll(async () => {
    vn = await startNode('vn.test', 'VN');
    sg = await startNode('sg.test', 'SG');
  }, 60_000);
  afterAll(async () => {
    await vn?.t.close();
    await sg?.t.close();
  });

  // A type this node keeps without applying it (the shared life's own types are applied: federation-shared-life.e2e-spec).
  const envelope = (over: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    type: 'test.note',
    requestId: randomUUID(),
    from: { node: 'vn.test', authority: { code: 'VN-CA', country: 'VN' } },
    to: { node: 'sg.test', authority: { code: 'SG-CA', country: 'SG' } },
    createdAt: vn.t.clock.now().toISOString(),
    event: { seq: 1, action: 'send' },
    ...over,
  });

  /** POSTs a body to SG's intake over HTTP, signed by `key` at `at` (VN's key and clock by default). */
  async function post(body: Buffer | string, opts: { key?: SigningKeyRef; at?: Date; headers?: (h: Record<string, string>) => Record<string, string>; sentBody?: Buffer } = {}) {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
    const target = `${sg.url}/federation/v1/messages`;
    const signed = await signRequest({ method: 'POST', url: target, contentType: 'application/json', body: bytes }, opts.key ?? vn.key, opts.at ?? vn.t.clock.now());
    const headers = opts.headers ? opts.headers(signed) : signed;
    const res = await fetch(target, { method: 'POST', headers, body: new Uint8Array(opts.sentBody ?? bytes) });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
  }

  /** SG's keys as VN keeps them (read when VN peered with SG). */
  async function sgKeysOnVn(): Promise<NodeJwk[]> {
    const [row] = await vn.t.sql<{ jwks: { keys: NodeJwk[] } }>(`SELECT jwks FROM federation_peers WHERE node_id = 'sg.test'`);
    return row?.jwks.keys ?? [];
  }

  const inboxCount = async () => Number((await sg.t.sql<{ n: number }>('SELECT count(*)::int AS n FROM federation_inbox'))[0]?.n);

  it('publishes each node’s identity and keys at /.well-known/mla-hub (public; kid = RFC 7638 thumbprint)', async () => {
    const res = await vn.t.http.get('/.well-known/mla-hub');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      nodeId: 'vn.test', countries: ['VN'], url: vn.url, protocols: ['mla-hub/1'],
      jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: vn.key.kid, alg: 'EdDSA', use: 'sig' }] },
    });
    expect(res.body.jwks.keys[0].d).toBeUndefined();
    // No private key in the database: the key lives in NODE_KEY_FILE.
    const tables = await vn.t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'public' AND column_name ~ 'private|secret_key'`);
    expect(tables[0]?.n).toBe(0);
  });

  it('peers over HTTP with the right thumbprint only; refuses a wrong one, itself twice, and shows peers to admins and supervisors', async () => {
    const wrong = await vn.t.http.post('/api/v1/peers').set('authorization', vn.admin).send({ url: sg.url, keyThumbprint: vn.key.kid });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'PEER_KEY_MISMATCH']);
    expect(await vn.t.sql('SELECT * FROM federation_peers')).toEqual([]);
    const unreachable = await vn.t.http.post('/api/v1/peers').set('authorization', vn.admin).send({ url: 'http://127.0.0.1:9', keyThumbprint: sg.key.kid });
    expect([unreachable.status, unreachable.body.code]).toEqual([422, 'PEER_UNREACHABLE']);

    const added = await vn.t.http.post('/api/v1/peers').set('authorization', vn.admin).send({ url: `${sg.url}/`, keyThumbprint: sg.key.kid });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ nodeId: 'sg.test', url: sg.url, countries: ['SG'], keyThumbprint: sg.key.kid, state: 'ACTIVE', lastContactAt: null, messagesPending: 0, messagesDead: 0, messagesReceived: 0 });
    const back = await sg.t.http.post('/api/v1/peers').set('authorization', sg.admin).send({ url: vn.url, keyThumbprint: vn.key.kid });
    expect(back.status).toBe(201);
    const again = await vn.t.http.post('/api/v1/peers').set('authorization', vn.admin).send({ url: sg.url, keyThumbprint: sg.key.kid });
    expect([again.status, again.body.code]).toEqual([409, 'CONFLICT']);
    const self = await vn.t.http.post('/api/v1/peers').set('authorization', vn.admin).send({ url: vn.url, keyThumbprint: vn.key.kid });
    expect([self.status, self.body.code]).toEqual([409, 'CONFLICT']);

    const asSupervisor = await vn.t.http.get('/api/v1/peers').set('authorization', await vn.t.login(USERS.vnSupervisor));
    expect(asSupervisor.status).toBe(200);
    expect(asSupervisor.body.items.map((p: { nodeId: string }) => p.nodeId)).toEqual(['sg.test']);
    expect((await vn.t.http.get('/api/v1/peers').set('authorization', await vn.t.login(USERS.vnProsecutor))).status).toBe(403);
    expect((await vn.t.http.post('/api/v1/peers').set('authorization', await vn.t.login(USERS.vnSupervisor)).send({ url: sg.url, keyThumbprint: sg.key.kid })).status).toBe(403);
    const audit = await vn.t.sql<{ action: string; countries: string[] }>(`SELECT action, countries FROM admin_audit WHERE target_type = 'PEER'`);
    expect(audit).toEqual([{ action: 'peer.added', countries: ['SG', 'VN'] }]);
  });

  it('accepts a signed message with a receipt the sender verifies; the same message again answers the same receipt and records nothing', async () => {
    const body = JSON.stringify(envelope());
    const first = await post(body);
    expect([first.status, first.type]).toEqual([202, 'application/json; charset=utf-8']);
    const receipt = await verifyReceipt(first.body.receipt as string, await sgKeysOnVn());
    expect(receipt).toEqual({ messageId: JSON.parse(body).id, digest: first.body.digest, receivedAt: sg.t.clock.now().toISOString(), status: 'ACCEPTED' });
    expect(await inboxCount()).toBe(1);
    const [row] = await sg.t.sql<{ body: Buffer; receipt: string; key_id: string }>('SELECT body, receipt, key_id FROM federation_inbox');
    expect(row?.body.toString()).toBe(body);
    expect(row?.key_id).toBe(vn.key.kid);

    sg.t.clock.advance(1000);
    const repeat = await post(body);
    expect([repeat.status, repeat.body.receipt]).toEqual([202, first.body.receipt]);
    expect(await inboxCount()).toBe(1);
    const [peer] = await sg.t.sql<{ last_contact_at: Date }>(`SELECT last_contact_at FROM federation_peers WHERE node_id = 'vn.test'`);
    expect(peer?.last_contact_at).toEqual(sg.t.clock.now());

    const other = await post(JSON.stringify({ ...JSON.parse(body), event: { seq: 2 } }));
    expect([other.status, other.body.code, other.type]).toEqual([409, 'CONFLICT', 'application/problem+json; charset=utf-8']);
    expect(await verifyReceipt(other.body.receipt as string, await sgKeysOnVn())).toMatchObject({ messageId: JSON.parse(body).id, status: 'REJECTED', code: 'CONFLICT' });
    expect(await inboxCount()).toBe(1);
  });

  it('refuses forgeries with a signed 401 and records nothing: another key, no signature, a changed body, a stale created', async () => {
    const before = await inboxCount();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const stranger = { privateKey, kid: (await publicJwkOf(publicKey)).kid };
    const cases = [
      await post(JSON.stringify(envelope()), { key: stranger }),
      await post(JSON.stringify(envelope()), { key: { privateKey, kid: vn.key.kid } }),
      await post(JSON.stringify(envelope()), { headers: (h) => ({ 'content-type': h['content-type'] as string }) }),
      await post(JSON.stringify(envelope()), { sentBody: Buffer.from(JSON.stringify(envelope())) }),
      await post(JSON.stringify(envelope()), { at: new Date(vn.t.clock.now().getTime() - 10 * 60_000) }),
    ];
    expect(cases.map((c) => [c.status, c.body.code, c.body.reason])).toEqual([
      [401, 'UNAUTHENTICATED', 'UNKNOWN_KEY'],
      [401, 'UNAUTHENTICATED', 'BAD_SIGNATURE'],
      [401, 'UNAUTHENTICATED', 'UNSIGNED'],
      [401, 'UNAUTHENTICATED', 'BAD_DIGEST'],
      [401, 'UNAUTHENTICATED', 'OUTSIDE_WINDOW'],
    ]);
    for (const c of cases) expect(await verifyReceipt(c.body.receipt as string, await sgKeysOnVn())).toMatchObject({ status: 'REJECTED', code: 'UNAUTHENTICATED' });
    expect(await inboxCount()).toBe(before);
  });

  it('refuses a malformed envelope (400), a sender speaking for another node or country (403), a message for another node (422)', async () => {
    const before = await inboxCount();
    const malformed = await post('{"id": 1}');
    expect([malformed.status, malformed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(malformed.body.errors).toEqual(expect.arrayContaining([{ field: 'id', message: expect.any(String) }]));
    expect((await post('not json')).status).toBe(400);
    expect((await post(JSON.stringify({ ...envelope(), extra: true }))).status).toBe(400);
    const otherNode = await post(JSON.stringify(envelope({ from: { node: 'th.test', authority: { code: 'VN-CA', country: 'VN' } } })));
    expect([otherNode.status, otherNode.body.reason]).toEqual([403, 'WRONG_SENDER']);
    const otherCountry = await post(JSON.stringify(envelope({ from: { node: 'vn.test', authority: { code: 'TH-CA', country: 'TH' } } })));
    expect([otherCountry.status, otherCountry.body.reason]).toEqual([403, 'COUNTRY_NOT_SERVED']);
    const misaddressed = await post(JSON.stringify(envelope({ to: { node: 'sg.test', authority: { code: 'VN-CA', country: 'VN' } } })));
    expect([misaddressed.status, misaddressed.body.reason]).toEqual([422, 'WRONG_RECIPIENT']);
    expect(await inboxCount()).toBe(before);
  });

  it('answers 403 to a suspended peer until it is resumed; re-reads its keys with the same check; all audited', async () => {
    const [vnOnSg] = await sg.t.sql<{ id: string }>(`SELECT id FROM federation_peers WHERE node_id = 'vn.test'`);
    const suspend = await sg.t.http.patch(`/api/v1/peers/${vnOnSg?.id}`).set('authorization', sg.admin).send({ action: 'suspend' });
    expect([suspend.status, suspend.body.state]).toEqual([200, 'SUSPENDED']);
    expect((await sg.t.http.patch(`/api/v1/peers/${vnOnSg?.id}`).set('authorization', sg.admin).send({ action: 'suspend' })).status).toBe(409);
    const before = await inboxCount();
    const refused = await post(JSON.stringify(envelope()));
    expect([refused.status, refused.body.code, refused.body.reason]).toEqual([403, 'FORBIDDEN', 'PEER_SUSPENDED']);
    expect(await inboxCount()).toBe(before);
    expect((await sg.t.http.patch(`/api/v1/peers/${vnOnSg?.id}`).set('authorization', sg.admin).send({ action: 'resume' })).status).toBe(200);
    expect((await post(JSON.stringify(envelope()))).status).toBe(202);

    const refresh = await sg.t.http.patch(`/api/v1/peers/${vnOnSg?.id}`).set('authorization', sg.admin).send({ action: 'refresh_keys' });
    expect([refresh.status, refresh.body.keys.map((k: NodeJwk) => k.kid)]).toEqual([200, [vn.key.kid]]);
    const mismatch = await sg.t.http.patch(`/api/v1/peers/${vnOnSg?.id}`).set('authorization', sg.admin).send({ action: 'refresh_keys', keyThumbprint: sg.key.kid });
    expect([mismatch.status, mismatch.body.code]).toEqual([422, 'PEER_KEY_MISMATCH']);
    const actions = await sg.t.sql<{ action: string }>(`SELECT action FROM admin_audit WHERE target_type = 'PEER' ORDER BY created_at, action`);
    // SG read VN's directory when it peered second (VN knew it) and again with its keys (federation-directory.e2e-spec).
    expect(actions.map((a) => a.action).sort()).toEqual(['peer.added', 'peer.directory_read', 'peer.directory_read', 'peer.keys_refreshed', 'peer.resumed', 'peer.suspended']);
    const list = await sg.t.http.get('/api/v1/peers').set('authorization', sg.admin);
    expect(list.body.items[0]).toMatchObject({ nodeId: 'vn.test', state: 'ACTIVE', messagesReceived: before + 1, lastContactAt: sg.t.clock.now().toISOString() });
  });

  it('answers whatever a peer signs with a 4xx or a 202, never a 5xx: generated envelopes, a body over the limit, another media type', async () => {
    const before = await inboxCount();
    const valid = envelope();
    const broken = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.tuple(fc.constantFrom(...Object.keys(valid), 'extra', '__proto__', 'constructor'), fc.jsonValue({ maxDepth: 3 })).map(([k, v]) => ({ ...valid, id: randomUUID(), [k]: v })),
      fc.constantFrom('from', 'to').chain((side) => fc.jsonValue({ maxDepth: 3 }).map((v) => ({ ...valid, id: randomUUID(), [side]: { node: 'vn.test', authority: v } }))),
      // The shared life's types, applied at intake (DESIGN §15): whatever their event and content, a signed 4xx.
      fc.tuple(fc.constantFrom('request.sent', 'request.event', 'request.act'), fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 })).map(([type, event, content]) => ({
        ...valid, id: randomUUID(), type,
        event: typeof event === 'object' && event !== null && !Array.isArray(event) ? event : { shared: event, action: 'withdraw', input: {}, at: valid.createdAt, actor: event },
        ...(typeof content === 'object' && content !== null && !Array.isArray(content) ? { content } : {}),
      })),
    );
    const bodies = fc.sample(broken, { seed: 20261206, numRuns: 300 }).map((v) => JSON.stringify(v) ?? 'null');
    bodies.push('{"id":"' + '\\u0000'.repeat(10) + '"}', '['.repeat(5000), '\uFEFF{}', '');
    let accepted = 0;
    for (const body of bodies) {
      const res = await post(body);
      expect([body.slice(0, 80), res.status < 500, typeof res.body.receipt]).toEqual([body.slice(0, 80), true, 'string']);
      if (res.status === 202) accepted++;
      else expect(res.type).toBe('application/problem+json; charset=utf-8');
    }
    expect(await inboxCount()).toBe(before + accepted);

    const huge = JSON.stringify(envelope({ content: { text: 'x'.repeat(sg.t.config.BODY_LIMIT_BYTES) } }));
    const tooLarge = await post(huge);
    expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const target = `${sg.url}/federation/v1/messages`;
    const bytes = Buffer.from(JSON.stringify(envelope()));
    const asText = await signRequest({ method: 'POST', url: target, contentType: 'text/plain', body: bytes }, vn.key, vn.t.clock.now());
    const res = await fetch(target, { method: 'POST', headers: asText, body: new Uint8Array(bytes) });
    expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(await inboxCount()).toBe(before + accepted);
  });

  it('asks an ADMIN with a second factor for it again before a peer change (DESIGN §16)', async () => {
    const started = await vn.t.http.post('/api/v1/me/mfa/totp').set('authorization', vn.admin);
    expect(started.status).toBe(201);
    const confirmed = await vn.t.http.post('/api/v1/me/mfa/totp/confirm').set('authorization', vn.admin).send({ code: await totpCode(started.body.secret, vn.t.clock.now()) });
    expect(confirmed.status).toBe(200);
    vn.t.clock.advance(11 * 60_000);
    const [sgOnVn] = await vn.t.sql<{ id: string }>(`SELECT id FROM federation_peers WHERE node_id = 'sg.test'`);
    const add = await vn.t.http.post('/api/v1/peers').set('authorization', vn.admin).send({ url: sg.url, keyThumbprint: sg.key.kid });
    const patch = await vn.t.http.patch(`/api/v1/peers/${sgOnVn?.id}`).set('authorization', vn.admin).send({ action: 'suspend' });
    expect([add.status, add.body.code, patch.status, patch.body.code]).toEqual([403, 'STEP_UP_REQUIRED', 403, 'STEP_UP_REQUIRED']);
    expect((await vn.t.http.get('/api/v1/peers').set('authorization', vn.admin)).status).toBe(200);
  });
});

describe('federation: key rotation keeps the retired keys listed (e2e)', () => {
  it('lists the current key first, then those of NODE_RETIRED_KEYS_FILE', async () => {
    const retired = await publicJwkOf(generateKeyPairSync('ed25519').publicKey);
    const file = join(await mkdtemp(join(tmpdir(), 'mla-retired-')), 'retired.json');
    await writeFile(file, JSON.stringify({ keys: [retired] }));
    const t = await createTestApp({ seed: false, env: { NODE_ID: 'th.test', NODE_COUNTRIES: 'TH', NODE_RETIRED_KEYS_FILE: file } });
    try {
      const res = await t.http.get('/.well-known/mla-hub');
      expect(res.body.jwks.keys.map((k: NodeJwk) => k.kid)).toEqual([t.app.get(NodeIdentity).signingKey().kid, retired.kid]);
    } finally {
      await t.close();
    }
  });
});

