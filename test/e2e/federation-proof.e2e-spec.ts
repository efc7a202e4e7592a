import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  NodeIdentity, publicJwkOf, sharedEventHash, signDirectory, signRequest, signSharedEvent, verifyReceipt, verifyRequest, keyObjectOf,
  type NodeJwk, type SharedEvent, type SigningKeyRef,
} from '@mla/federation';
import { act, authorityId, completeDraft, createDraft, USERS } from '../support/fixtures';
import { freePort } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * A hand-made peer node in the test process: its own Ed25519 key, its well-known document, its
 * signed directory (or a refusal), and its copy of requests' shared events, answered only to
 * a GET signed by the node under test (each such GET recorded).
 */
class HandMadePeer {
  key!: SigningKeyRef;
  jwk!: NodeJwk;
  url = '';
  readonly copies = new Map<string, { seq: number; jws: string }[]>();
  /** How it answers a request for shared events: its copy, garbage, or a refusal. */
  mode: 'copy' | 'garbage' | 'refuse' = 'copy';
  readonly asked: { path: string; verified: boolean }[] = [];
  private server!: Server;

  constructor(
    readonly nodeId: string,
    readonly country: string,
    private readonly directory: { code: string; names: Record<string, string>; timezone: string } | null,
    private readonly caller: () => { keys: NodeJwk[]; now: Date },
  ) {}

  async start(): Promise<void> {
    const { privateKey } = generateKeyPairSync('ed25519');
    this.jwk = await publicJwkOf(privateKey);
    this.key = { privateKey, kid: this.jwk.kid };
    this.server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const path = req.url ?? '/';
    if (path === '/.well-known/mla-hub') return json(200, { nodeId: this.nodeId, countries: [this.country], url: this.url, protocols: ['mla-hub/1'], jwks: { keys: [this.jwk] } });
    const { keys, now } = this.caller();
    const verified = await verifyRequest({ method: req.method ?? 'GET', targetUri: `${this.url}${path}`, headers: req.headers, body: new Uint8Array(0) }, async (kid) => {
      const k = keys.find((j) => j.kid === kid);
      return k ? { publicKey: keyObjectOf(k), owner: true } : null;
    }, now);
    if (path === '/federation/v1/directory') {
      if (!verified.ok || !this.directory) return json(401, { code: 'UNAUTHENTICATED' });
      const d = this.directory;
      const entry = { code: d.code, country: this.country, kind: 'CENTRAL_AUTHORITY', names: d.names, timezone: d.timezone, languages: ['en'], channels: [], address: null, email: null };
      return json(200, { directory: await signDirectory({ nodeId: this.nodeId, countries: [this.country], issuedAt: now.toISOString(), authorities: [entry] }, this.key) });
    }
    const m = /^\/federation\/v1\/requests\/([^/]+)\/shared-events$/.exec(path);
    if (m) {
      this.asked.push({ path, verified: verified.ok });
      if (!verified.ok) return json(401, { code: 'UNAUTHENTICATED', reason: verified.problem });
      if (this.mode === 'refuse') return json(404, { code: 'NOT_FOUND', reason: 'UNKNOWN_REQUEST', detail: 'No request shared with you' });
      if (this.mode === 'garbage') return json(200, '{"requestId": 7, "events": "many"');
      const copy = this.copies.get(m[1]!);
      return copy ? json(200, { requestId: m[1], events: copy }) : json(404, { code: 'NOT_FOUND', reason: 'UNKNOWN_REQUEST' });
    }
    return json(404, { code: 'NOT_FOUND' });
  }
}

interface Row {
  seq: number;
  node: string;
  jws: string;
  hash: string;
  eventSeq: number | null;
}

/**
 * The proof of a request's shared life (issue 20 item 7, DESIGN §15) on a real VN node with a
 * hand-made SG peer: shared events inserted as the producers will keep them (signed JWS,
 * chained), `events/verify` checking every signature and link and the history event each points
 * at; a row changed behind the trigger named; a row re-signed with the node's own key and the
 * chain recomputed is valid here, and only `?witness=peer` (the peer's copy read by a signed GET)
 * names the first difference. The peers' endpoint answers a request's copy only to its counterpart.
 */
describe('federation: the proof of the shared life (e2e, one node and a hand-made peer)', () => {
  let vn: TestApp;
  let vnUrl: string;
  let vnKey: SigningKeyRef;
  let vnKeys: NodeJwk[];
  let sg: HandMadePeer;
  let us: HandMadePeer;
  let admin: string;
  let officer: string;
  let prosecutor: string;
  let sgPeerId: string;
  /** VN requests SG (VN the requesting node): seq 1 signed by VN, the rest by SG. */
  let outgoing: string;
  /** SG requests VN (VN the requested node): seq 1 signed by SG, the rest by VN. */
  let incoming: string;
  let draftToSg: string;
  const kept = new Map<string, Row[]>();

  beforeAll(async () => {
    const port = await freePort();
    vnUrl = `http://127.0.0.1:${port}`;
    vn = await createTestApp({ directory: true, env: { NODE_ID: 'vn.test', NODE_COUNTRIES: 'VN', NODE_URL: vnUrl } });
    await vn.app.listen(port, '127.0.0.1');
    vnKey = vn.app.get(NodeIdentity).signingKey();
    vnKeys = vn.app.get(NodeIdentity).document().jwks.keys;
    const caller = () => ({ keys: vnKeys, now: vn.clock.now() });
    sg = new HandMadePeer('sg.test', 'SG', { code: 'SG-CA', names: { en: 'Attorney-General’s Chambers, International Affairs Division' }, timezone: 'Asia/Singapore' }, caller);
    us = new HandMadePeer('us.test', 'US', null, caller);
    await sg.start();
    await us.start();
    admin = await vn.login(USERS.admin);
    officer = await vn.login(USERS.vnOfficer);
    prosecutor = await vn.login(USERS.vnProsecutor);
    const sgCa = await authorityId(vn, 'SG-CA');

    // Both requests begin on paper, SG-CA OFFLINE; SG peers afterwards and SG-CA turns PEER (a counterpart that joins).
    const draft = await createDraft(vn, prosecutor, completeDraft(sgCa));
    await act(vn, prosecutor, draft.id, { action: 'submit' });
    await act(vn, officer, draft.id, { action: 'send', transmission: { channel: 'CENTRAL_AUTHORITY_MAIL', dispatchedAt: vn.clock.now().toISOString(), dispatchReference: 'VKSTC-2026-7' } });
    outgoing = draft.id as string;
    const received = await vn.http.post('/api/v1/requests/incoming').set('authorization', officer).send({
      ...completeDraft(await authorityId(vn, 'VN-CA')),
      requestingAuthorityId: sgCa,
      receivedAt: vn.clock.now().toISOString(),
      transmission: { channel: 'CENTRAL_AUTHORITY_MAIL', dispatchedAt: vn.clock.now().toISOString(), dispatchReference: 'AGC-IAD-2026-3' },
    });
    expect(received.status).toBe(201);
    incoming = received.body.id as string;
    draftToSg = (await createDraft(vn, prosecutor, completeDraft(sgCa))).id as string;

    const added = await vn.http.post('/api/v1/peers').set('authorization', admin).send({ url: sg.url, keyThumbprint: sg.key.kid });
    expect(added.status).toBe(201);
    sgPeerId = added.body.id;
    expect((await vn.http.post('/api/v1/peers').set('authorization', admin).send({ url: us.url, keyThumbprint: us.key.kid })).status).toBe(201);
    expect(await vn.sql(`SELECT reach FROM authorities WHERE code = 'SG-CA'`)).toEqual([{ reach: 'PEER' }]);

    kept.set(outgoing, await chain(outgoing, [vn, sg, sg], 'send'));
    kept.set(incoming, await chain(incoming, [sg, vn, vn], 'receive'));
    for (const [id, rows] of kept) {
      for (const r of rows) await insert(id, r);
      sg.copies.set(id, rows.map(({ seq, jws }) => ({ seq, jws })));
    }
  }, 90_000);
  afterAll(async () => {
    await vn?.close();
    await sg?.stop();
    await us?.stop();
  });

  const ACTS: [string, string, string][] = [['send', 'APPROVED', 'SENT'], ['acknowledge', 'SENT', 'ACKNOWLEDGED'], ['start_execution', 'ACKNOWLEDGED', 'IN_EXECUTION']];
  const signerOf = (by: TestApp | HandMadePeer) => (by === vn ? { node: 'vn.test', key: vnKey, code: 'VN-CA', country: 'VN' } : { node: 'sg.test', key: sg.key, code: 'SG-CA', country: 'SG' });

  function eventOf(requestId: string, seq: number, prev: string | null, by: TestApp | HandMadePeer, at: string, over: Partial<SharedEvent> = {}): SharedEvent {
    const s = signerOf(by);
    const [action, fromState, toState] = ACTS[seq - 1]!;
    return { requestId, seq, prev, node: s.node, action, fromState, toState, at, actor: { node: s.node, authority: { code: s.code, country: s.country }, role: 'OFFICER', name: null }, input: {}, ...over };
  }

  /** The shared events of a request as both nodes keep them: seq 1 points at the history event that shows the send here (`send` or `receive`). */
  async function chain(requestId: string, signers: (TestApp | HandMadePeer)[], shownAs: string): Promise<Row[]> {
    const [shown] = await vn.sql<{ seq: number; occurred_at: Date }>(`SELECT seq, occurred_at FROM request_events WHERE request_id = $1 AND action = $2`, [requestId, shownAs]);
    const rows: Row[] = [];
    let prev: string | null = null;
    for (const [i, by] of signers.entries()) {
      const seq = i + 1;
      const at = seq === 1 ? shown!.occurred_at.toISOString() : new Date(shown!.occurred_at.getTime() + seq * 60_000).toISOString();
      const jws = await signSharedEvent(eventOf(requestId, seq, prev, by, at), signerOf(by).key);
      prev = sharedEventHash(jws);
      rows.push({ seq, node: signerOf(by).node, jws, hash: prev, eventSeq: seq === 1 ? shown!.seq : null });
    }
    return rows;
  }

  const insert = (requestId: string, r: Row) =>
    vn.sql(`INSERT INTO federation_shared_events (request_id, seq, node, jws, hash, event_seq, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [requestId, r.seq, r.node, r.jws, r.hash, r.eventSeq, vn.clock.now()]);

  /** Changes the kept rows behind the trigger, as the database's owner can. */
  async function behindTheTrigger(work: () => Promise<unknown>): Promise<void> {
    await vn.sql(`ALTER TABLE federation_shared_events DISABLE TRIGGER federation_shared_events_verbatim`);
    try {
      await work();
    } finally {
      await vn.sql(`ALTER TABLE federation_shared_events ENABLE TRIGGER federation_shared_events_verbatim`);
    }
  }

  /** Puts a request's rows back as first kept. */
  const restore = (requestId: string) =>
    behindTheTrigger(async () => {
      await vn.sql(`DELETE FROM federation_shared_events WHERE request_id = $1`, [requestId]);
      for (const r of kept.get(requestId)!) await insert(requestId, r);
    });

  const verify = (id: string, query = '', bearer = officer) => vn.http.get(`/api/v1/requests/${id}/events/verify${query}`).set('authorization', bearer);

  /** A GET of VN's copy, signed by `key` (SG's by default) at VN's time. */
  async function peerGet(id: string, key: SigningKeyRef | null = sg.key) {
    const target = `${vnUrl}/federation/v1/requests/${id}/shared-events`;
    const headers = key ? await signRequest({ method: 'GET', url: target, contentType: '', body: new Uint8Array(0) }, key, vn.clock.now()) : {};
    const res = await fetch(target, { headers });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, any> };
  }

  it('checks the shared events of both requests: every signature (VN’s and SG’s keys), the chain, the history event of the send', async () => {
    for (const id of [outgoing, incoming]) {
      const res = await verify(id);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ valid: true, count: expect.any(Number), shared: { count: 3, valid: true } });
    }
    // A request with no side on a peer node answers as before.
    const offline = await createDraft(vn, prosecutor, completeDraft(await authorityId(vn, 'US-OIA')));
    expect((await verify(offline.id as string, '', prosecutor)).body).toEqual({ valid: true, count: 1 });
  });

  it('answers a request’s copy to its counterpart only, each JWS verbatim; refusals signed (401 unsigned, 404 another peer, a draft or an unknown id, 400 a malformed id)', async () => {
    for (const id of [outgoing, incoming]) {
      const res = await peerGet(id);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ requestId: id, events: kept.get(id)!.map(({ seq, jws }) => ({ seq, jws })) });
    }
    const refusals = [
      [await peerGet(outgoing, null), 401, 'UNSIGNED'],
      [await peerGet(outgoing, { privateKey: generateKeyPairSync('ed25519').privateKey, kid: sg.key.kid }), 401, 'BAD_SIGNATURE'],
      [await peerGet(outgoing, us.key), 404, 'UNKNOWN_REQUEST'],
      [await peerGet(draftToSg), 404, 'UNKNOWN_REQUEST'],
      [await peerGet(randomUUID()), 404, 'UNKNOWN_REQUEST'],
      [await peerGet('not-a-request'), 400, 'MALFORMED_REQUEST_ID'],
    ] as const;
    for (const [res, status, reason] of refusals) {
      expect([res.status, res.body.reason]).toEqual([status, reason]);
      expect(res.type).toContain('application/problem+json');
      expect(await verifyReceipt(res.body.receipt, vnKeys)).toMatchObject({ status: 'REJECTED', messageId: null });
    }
  });

  it('refuses a suspended peer, 403, signed; answers it again once resumed', async () => {
    await vn.http.patch(`/api/v1/peers/${sgPeerId}`).set('authorization', admin).send({ action: 'suspend' }).expect(200);
    const res = await peerGet(outgoing);
    expect([res.status, res.body.code, res.body.reason]).toEqual([403, 'FORBIDDEN', 'PEER_SUSPENDED']);
    expect(await verifyReceipt(res.body.receipt, vnKeys)).toMatchObject({ status: 'REJECTED', code: 'FORBIDDEN' });
    await vn.http.patch(`/api/v1/peers/${sgPeerId}`).set('authorization', admin).send({ action: 'resume' }).expect(200);
    expect((await peerGet(outgoing)).status).toBe(200);
  });

  it('with ?witness=peer reads the peer’s copy by a GET signed with VN’s key: the same, no difference', async () => {
    const before = sg.asked.length;
    const res = await verify(outgoing, '?witness=peer');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: true, count: expect.any(Number), shared: { count: 3, valid: true }, witness: { peer: 'sg.test', compared: true, firstDifference: null, there: { count: 3, valid: true } } });
    expect(sg.asked.slice(before)).toEqual([{ path: `/federation/v1/requests/${outgoing}/shared-events`, verified: true }]);
  });

  it('names a JWS changed behind the trigger (its kept hash, then its signature), and a history event that says otherwise', async () => {
    const second = kept.get(incoming)![1]!;
    const [h, p, s] = second.jws.split('.') as [string, string, string];
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), toState: 'REFUSED' })).toString('base64url')}.${s}`;
    await behindTheTrigger(() => vn.sql(`UPDATE federation_shared_events SET jws = $2 WHERE request_id = $1 AND seq = 2`, [incoming, forged]));
    expect((await verify(incoming)).body).toMatchObject({ valid: false, reason: 'shared event 2: the stored hash is not the SHA-256 of the stored JWS', shared: { count: 3, valid: false, firstProblem: { seq: 2 } } });
    await behindTheTrigger(() => vn.sql(`UPDATE federation_shared_events SET hash = $2 WHERE request_id = $1 AND seq = 2`, [incoming, sharedEventHash(forged)]));
    const res = await verify(incoming);
    expect(res.body.shared).toEqual({ count: 3, valid: false, firstProblem: { seq: 2, reason: 'the JWS does not verify with the keys of vn.test: the signature does not verify' } });
    // The history itself is untouched: its chain is still valid, and brokenAt stays the history's.
    expect(res.body.brokenAt).toBeUndefined();
    await restore(incoming);

    // event_seq is this node's pointer, outside the signature: pointed at the `create`, it is named.
    await behindTheTrigger(() => vn.sql(`UPDATE federation_shared_events SET event_seq = 1 WHERE request_id = $1 AND seq = 1`, [outgoing]));
    expect((await verify(outgoing)).body.shared).toEqual({ count: 3, valid: false, firstProblem: { seq: 1, reason: 'history event 1 is create, the shared event send' } });
    await restore(outgoing);
    expect((await verify(outgoing)).body).toMatchObject({ valid: true, shared: { valid: true } });
  });

  it('finds a chain re-signed with the node’s own key valid here; only the witness names the first difference', async () => {
    // VN is the requested node of `incoming`: its database's owner, with its key, rewrites seq 2 and re-chains seq 3.
    const rows = kept.get(incoming)!;
    const at = (r: Row) => (JSON.parse(Buffer.from(r.jws.split('.')[1]!, 'base64url').toString()) as SharedEvent).at;
    const two = await signSharedEvent(eventOf(incoming, 2, rows[0]!.hash, vn, at(rows[1]!), { input: { note: 'acknowledged later than it was' } }), vnKey);
    const three = await signSharedEvent(eventOf(incoming, 3, sharedEventHash(two), vn, at(rows[2]!)), vnKey);
    await behindTheTrigger(async () => {
      await vn.sql(`UPDATE federation_shared_events SET jws = $2, hash = $3 WHERE request_id = $1 AND seq = 2`, [incoming, two, sharedEventHash(two)]);
      await vn.sql(`UPDATE federation_shared_events SET jws = $2, hash = $3 WHERE request_id = $1 AND seq = 3`, [incoming, three, sharedEventHash(three)]);
    });
    expect((await verify(incoming)).body).toEqual({ valid: true, count: expect.any(Number), shared: { count: 3, valid: true } });
    const res = await verify(incoming, '?witness=peer');
    expect(res.body.witness).toEqual({
      peer: 'sg.test', compared: true, there: { count: 3, valid: true },
      firstDifference: { seq: 2, kind: 'DIFFERENT', hereHash: sharedEventHash(two), thereHash: rows[1]!.hash },
    });
    await restore(incoming);
  });

  it('names what one copy lacks: the last event removed here (valid here) is MISSING_HERE; one the peer lacks, MISSING_THERE', async () => {
    await behindTheTrigger(() => vn.sql(`DELETE FROM federation_shared_events WHERE request_id = $1 AND seq = 3`, [outgoing]));
    const res = await verify(outgoing, '?witness=peer');
    expect(res.body).toMatchObject({ valid: true, shared: { count: 2, valid: true } });
    expect(res.body.witness.firstDifference).toEqual({ seq: 3, kind: 'MISSING_HERE', hereHash: null, thereHash: kept.get(outgoing)![2]!.hash });
    await restore(outgoing);
    sg.copies.set(outgoing, sg.copies.get(outgoing)!.slice(0, 1));
    try {
      expect((await verify(outgoing, '?witness=peer')).body.witness).toMatchObject({ compared: true, firstDifference: { seq: 2, kind: 'MISSING_THERE', thereHash: null }, there: { count: 1, valid: true } });
    } finally {
      sg.copies.set(outgoing, kept.get(outgoing)!.map(({ seq, jws }) => ({ seq, jws })));
    }
  });

  it('says why the witness could not compare (peer refusing, answering garbage, unreachable): 200 with the local verdict, never 5xx; 422 without a peer side; 400 a bad witness', async () => {
    const notCompared = async () => {
      const res = await verify(outgoing, '?witness=peer');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ valid: true, shared: { valid: true }, witness: { peer: 'sg.test', compared: false, firstDifference: null } });
      return res.body.witness.problem as string;
    };
    try {
      sg.mode = 'refuse';
      expect(await notCompared()).toBe('sg.test answered HTTP 404 (UNKNOWN_REQUEST: No request shared with you)');
      sg.mode = 'garbage';
      expect(await notCompared()).toBe('sg.test answered a malformed copy: not JSON');
    } finally {
      sg.mode = 'copy';
    }
    const offline = await createDraft(vn, prosecutor, completeDraft(await authorityId(vn, 'US-OIA')));
    const none = await verify(offline.id as string, '?witness=peer', prosecutor);
    expect([none.status, none.body.code]).toEqual([422, 'RULE_VIOLATED']);
    const draft = await verify(draftToSg, '?witness=peer', prosecutor);
    expect([draft.status, draft.body.code, draft.body.detail]).toEqual([422, 'RULE_VIOLATED', 'This request was never sent: no peer holds a copy of it']);
    const bad = await verify(outgoing, '?witness=everyone');
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    await sg.stop();
    expect(await notCompared()).toMatch(/^sg\.test could not be reached: /);
  });
});
