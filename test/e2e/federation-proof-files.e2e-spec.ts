import { createHash, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sharedEventHash, signRequest, signSharedEvent, verifyReceipt, type NodeJwk, type SharedEvent, type SigningKeyRef } from '@mla/federation';
import { completeDraft } from '../support/fixtures';
import { peerNodes } from '../support/peering';
import { Nodes, RunningNode, startNodes } from '../support/two-nodes';

const WAIT_MS = 60_000;
/** Fast delivery between the two nodes (the worker's pass, the first retry's wait), and few attempts (a file's fetch gives up soon). */
const FAST = { FEDERATION_DELIVERY_INTERVAL_MS: '200', FEDERATION_BACKOFF_MS: '300', FEDERATION_MAX_ATTEMPTS: '3' };
const MAX_ATTEMPTS = 3;

type Json = Record<string, any>;

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Files and proof of a request's shared life between two real nodes (issue 20 items 6 and 7,
 * DESIGN §15): a VN node and an SG node (own API and worker processes, databases, key files),
 * peered as their ADMINs do. The letter and a supporting document sent by VN arrive on SG by
 * their SHA-256 and are read there byte for byte; evidence SG delivers with a file shows on VN
 * as arriving, then received, and VN's prosecutor reads the same bytes. Both nodes verify the
 * same signed shared events, and each, as the other's witness, finds no difference; SG's copy
 * rewritten by its database's owner and re-signed with SG's own key is valid on SG alone, and
 * the witness names the event on both nodes; a rewrite without the key is named by SG's own
 * verify. A node answers a request's shared events only to the peer that is its counterpart.
 */
describe('federation: files and proof across two nodes (e2e)', () => {
  let pair: Nodes;
  let vn: RunningNode;
  let sg: RunningNode;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    pair = await startNodes([
      { name: 'vn', countries: 'VN', env: FAST },
      { name: 'sg', countries: 'SG', env: FAST },
    ]);
    [vn, sg] = pair.nodes as [RunningNode, RunningNode];
    await peerNodes(vn, sg);
    bearer.prosecutor = await vn.login('prosecutor@vn.example');
    bearer.vnOfficer = await vn.login('officer@vn.example');
    bearer.sgOfficer = await sg.login('officer@sg.example');
  }, 180_000);
  afterAll(() => pair?.close(), 60_000);

  async function call(node: RunningNode, method: string, path: string, who: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const res = await node.fetch(path, { method, headers: { authorization: who, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body !== undefined ? JSON.stringify(body) : undefined });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
  }

  /** A file's bytes as a person downloads them (throws unless 200). */
  async function download(node: RunningNode, path: string, who: string): Promise<Buffer> {
    const res = await node.fetch(path, { headers: { authorization: who } });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`GET ${path} on ${node.name} answered ${res.status}: ${bytes.toString('utf8')}`);
    return bytes;
  }

  /** Polls `read` until `done` holds of its value (a cross-process effect), or fails with the last value. */
  async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    let last = await read();
    while (!done(last)) {
      if (Date.now() > deadline) throw new Error(`${what}: not after ${WAIT_MS} ms; last ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, 150));
      last = await read();
    }
    return last;
  }

  async function act(node: RunningNode, who: string, id: string, body: Json): Promise<Json> {
    const res = await call(node, 'POST', `/requests/${id}/transitions`, who, body);
    if (res.status !== 200) throw new Error(`${String(body.action)} on ${node.name} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const stateOn = async (node: RunningNode, id: string) => (await node.sql<{ state: string }>(`SELECT state FROM requests WHERE id = $1`, [id]))[0]?.state ?? null;
  const peerFiles = async (node: RunningNode, id: string, who: string) => {
    const res = await call(node, 'GET', `/requests/${id}/peer-files`, who);
    expect(res.status).toBe(200);
    return res.body.items as Json[];
  };
  const sharedOn = (node: RunningNode, id: string) => node.sql<{ seq: number; node: string; jws: string; hash: string }>(`SELECT seq, node, jws, hash FROM federation_shared_events WHERE request_id = $1 ORDER BY seq`, [id]);
  const keysOf = async (node: RunningNode) => ((await (await node.fetch('/.well-known/mla-hub')).json()) as { jwks: { keys: NodeJwk[] } }).jwks.keys;
  /** A node's signing key, read from the key file its processes were started with. */
  const keyOf = async (node: RunningNode): Promise<SigningKeyRef> => ({ privateKey: createPrivateKey(readFileSync(node.keyFile)), kid: (await keysOf(node))[0]?.kid as string });

  const document = Buffer.from('%PDF-1.4 Quyết định khởi tố vụ án hình sự số 42/QĐ-VKS\n'.repeat(400));
  const evidence = Buffer.from('subscriber,account,ip\nNguyen Van A,acc-42,203.0.113.7\n'.repeat(300));
  let id: string;

  it('sends the letter and a supporting document VN→SG by hash: on SG both become RECEIVED and read the same bytes as on VN', async () => {
    const [sgCa] = await vn.sql<{ id: string; reach: string }>(`SELECT id, reach FROM authorities WHERE code = 'SG-CA'`);
    expect(sgCa?.reach).toBe('PEER');
    const draft = await call(vn, 'POST', '/requests', bearer.prosecutor as string, completeDraft(sgCa?.id as string, { title: 'Files and proof across nodes' }));
    expect(draft.status).toBe(201);
    id = draft.body.id as string;
    const query = new URLSearchParams({ kind: 'COURT_ORDER', language: 'vi', fileName: 'quyết-định-khởi-tố.pdf', sha256: sha256Of(document), mediaType: 'application/pdf' });
    const attached = await vn.fetch(`/requests/${id}/attachments?${query}`, { method: 'POST', headers: { authorization: bearer.prosecutor as string, 'content-type': 'application/octet-stream' }, body: new Uint8Array(document) });
    expect(attached.status).toBe(201);
    await act(vn, bearer.prosecutor as string, id, { action: 'submit' });
    // SG's worker down: the request arrives (SG's API takes the message), its files wait to be fetched.
    await sg.stop('worker');
    try {
      expect((await act(vn, bearer.vnOfficer as string, id, { action: 'send' })).state).toBe('SENT');
      await until(() => stateOn(sg, id), (s) => s === 'SENT', 'the request on SG');
      const arriving = await peerFiles(sg, id, bearer.sgOfficer as string);
      expect(arriving.map((f) => [f.direction, f.state, f.receivedAt])).toEqual([['IN', 'ARRIVING', null], ['IN', 'ARRIVING', null]]);
      // The letter VN sent is not yet here: SG shows none in its place.
      const early = await sg.fetch(`/requests/${id}/letter?lang=en`, { headers: { authorization: bearer.sgOfficer as string } });
      expect([early.status, ((await early.json()) as Json).code]).toEqual([409, 'CONFLICT']);
    } finally {
      await sg.start('worker');
    }

    // What VN sent: its letter as frozen at the send, and the document.
    const [letter] = await vn.sql<{ sha256: string; language: string }>(`SELECT sha256, language FROM request_letters WHERE request_id = $1`, [id]);
    const letterOnVn = await download(vn, `/requests/${id}/letter?lang=${letter?.language}`, bearer.prosecutor as string);
    expect(sha256Of(letterOnVn)).toBe(letter?.sha256);
    const listedOnVn = await peerFiles(vn, id, bearer.prosecutor as string);
    expect(listedOnVn.map((f) => [f.direction, f.state, f.sha256, f.peer]).sort()).toEqual(
      [['OUT', 'OFFERED', letter?.sha256, sg.nodeId], ['OUT', 'OFFERED', sha256Of(document), sg.nodeId]].sort(),
    );

    const received = await until(() => peerFiles(sg, id, bearer.sgOfficer as string), (files) => files.length === 2 && files.every((f) => f.state === 'RECEIVED'), 'the letter and the document RECEIVED on SG');
    const bySha = new Map(received.map((f) => [f.sha256 as string, f]));
    expect(bySha.get(sha256Of(document))).toMatchObject({ direction: 'IN', peer: vn.nodeId, fileName: 'quyết-định-khởi-tố.pdf', mediaType: 'application/pdf', sizeBytes: document.length, receivedAt: expect.any(String) });
    expect(bySha.get(letter?.sha256 as string)).toMatchObject({ direction: 'IN', peer: vn.nodeId, sizeBytes: letterOnVn.length, receivedAt: expect.any(String) });

    const documentOnSg = await download(sg, `/requests/${id}/peer-files/${sha256Of(document)}/content`, bearer.sgOfficer as string);
    expect(sha256Of(documentOnSg)).toBe(sha256Of(document));
    const letterOnSg = await download(sg, `/requests/${id}/peer-files/${letter?.sha256}/content`, bearer.sgOfficer as string);
    expect(sha256Of(letterOnSg)).toBe(sha256Of(letterOnVn));
    // The letter of the request on SG is the one VN sent, as sent.
    const letterRead = await sg.fetch(`/requests/${id}/letter?lang=${letter?.language}`, { headers: { authorization: bearer.sgOfficer as string } });
    expect([letterRead.status, letterRead.headers.get('x-letter-frozen'), letterRead.headers.get('x-content-sha256')]).toEqual([200, 'true', letter?.sha256]);
    expect(Buffer.from(await letterRead.arrayBuffer()).equals(letterOnVn)).toBe(true);
  }, 180_000);

  it('evidence SG delivers with a file: VN’s item shows it arriving, then received, and VN’s prosecutor reads the same bytes', async () => {
    await act(sg, bearer.sgOfficer as string, id, { action: 'acknowledge', note: 'Received' });
    await act(sg, bearer.sgOfficer as string, id, { action: 'start_execution', executingBody: 'SPF Technology Crime' });
    await until(() => stateOn(vn, id), (s) => s === 'IN_EXECUTION', 'in execution on VN');
    const sha256 = sha256Of(evidence);
    await act(sg, bearer.sgOfficer as string, id, {
      action: 'deliver_evidence', final: false,
      items: [{ description: 'Subscriber CSV', kind: 'FILE', sha256, sizeBytes: evidence.length, transfer: 'UPLOAD', fileName: 'subscriber.csv', mediaType: 'text/csv' }],
    });

    // Delivered on SG, its file not yet uploaded there: on VN the item is listed, its file arriving.
    const vnItems = () => call(vn, 'GET', `/requests/${id}/evidence`, bearer.prosecutor as string).then((r) => (r.body.items ?? []) as Json[]);
    const [item] = await until(vnItems, (items) => items.length === 1, 'the evidence item on VN');
    expect(item).toMatchObject({ description: 'Subscriber CSV', sha256, sizeBytes: evidence.length, fileName: 'subscriber.csv', contentStoredAt: null, deliveredBy: null });
    const arriving = (await peerFiles(vn, id, bearer.prosecutor as string)).find((f) => f.sha256 === sha256);
    expect(arriving).toMatchObject({ direction: 'IN', peer: sg.nodeId, state: 'ARRIVING', fileName: 'subscriber.csv', sizeBytes: evidence.length, receivedAt: null });
    const early = await vn.fetch(`/requests/${id}/peer-files/${sha256}/content`, { headers: { authorization: bearer.prosecutor as string } });
    expect([early.status, ((await early.json()) as Json).code]).toEqual([409, 'CONFLICT']);
    // VN asks for it more times than a failing fetch may take: SG has listed it but not yet stored it, so VN keeps it arriving.
    const waiting = await until(async () => (await peerFiles(vn, id, bearer.prosecutor as string)).find((f) => f.sha256 === sha256), (f) => (f?.attempts ?? 0) > MAX_ATTEMPTS, 'VN asking again for the file SG has not stored yet');
    expect(waiting).toMatchObject({ state: 'ARRIVING', lastError: `${sg.nodeId} answered HTTP 404 (FILE_NOT_YET_STORED)` });

    const [sgItem] = await sg.sql<{ id: string }>(`SELECT id FROM evidence_items WHERE request_id = $1`, [id]);
    const stored = await sg.fetch(`/requests/${id}/evidence/${sgItem?.id}/content`, { method: 'PUT', headers: { authorization: bearer.sgOfficer as string, 'content-type': 'application/octet-stream' }, body: new Uint8Array(evidence) });
    expect(stored.status).toBe(200);

    const [received] = await until(vnItems, (items) => items[0]?.contentStoredAt != null, 'the evidence file received on VN');
    expect(received).toMatchObject({ id: item?.id, sha256, fileMissing: false });
    expect((await peerFiles(vn, id, bearer.prosecutor as string)).find((f) => f.sha256 === sha256)).toMatchObject({ state: 'RECEIVED', receivedAt: expect.any(String) });
    const onVn = await download(vn, `/requests/${id}/evidence/${item?.id}/content`, bearer.prosecutor as string);
    expect(sha256Of(onVn)).toBe(sha256);
    expect(onVn.equals(evidence)).toBe(true);
    expect(sha256Of(await download(vn, `/requests/${id}/peer-files/${sha256}/content`, bearer.prosecutor as string))).toBe(sha256);
  }, 180_000);

  const verify = (node: RunningNode, who: string, query = '') => call(node, 'GET', `/requests/${id}/events/verify${query}`, who);

  /** Changes SG's copy of the shared events behind the append-only trigger, as its database's owner can. */
  async function behindSgTrigger(work: () => Promise<unknown>): Promise<void> {
    await sg.sql(`ALTER TABLE federation_shared_events DISABLE TRIGGER federation_shared_events_verbatim`);
    try {
      await work();
    } finally {
      await sg.sql(`ALTER TABLE federation_shared_events ENABLE TRIGGER federation_shared_events_verbatim`);
    }
  }

  const payloadOf = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[1] as string, 'base64url').toString('utf8')) as SharedEvent;
  let kept: { seq: number; node: string; jws: string; hash: string }[];

  it('both nodes verify the same signed shared events, and each as the other’s witness finds no difference', async () => {
    const onVn = await until(() => sharedOn(vn, id), (r) => r.length === 4, '4 shared events on VN');
    kept = await until(() => sharedOn(sg, id), (r) => r.length === 4, '4 shared events on SG');
    expect(kept).toEqual(onVn);
    expect(kept.map((e) => [e.node, payloadOf(e.jws).action])).toEqual([[vn.nodeId, 'send'], [sg.nodeId, 'acknowledge'], [sg.nodeId, 'start_execution'], [sg.nodeId, 'deliver_evidence']]);

    for (const [node, who, peer] of [[vn, bearer.prosecutor, sg], [sg, bearer.sgOfficer, vn]] as const) {
      const own = await verify(node, who as string);
      expect([node.name, own.status, own.body]).toEqual([node.name, 200, { valid: true, count: expect.any(Number), shared: { count: 4, valid: true } }]);
      const witnessed = await verify(node, who as string, '?witness=peer');
      expect([node.name, witnessed.status, witnessed.body.witness]).toEqual([node.name, 200, { peer: peer.nodeId, compared: true, firstDifference: null, there: { count: 4, valid: true } }]);
    }
  }, 120_000);

  it('SG’s copy rewritten by its database’s owner and re-signed with SG’s key is valid on SG alone: the witness names the event on both nodes', async () => {
    // The owner rewrites the acknowledgment (seq 2, SG's own act) and re-chains the rest (also SG's), all with SG's key file.
    const sgKey = await keyOf(sg);
    const rewritten: string[] = [];
    let prev = kept[0]?.hash as string;
    for (const row of kept.slice(1)) {
      const event = payloadOf(row.jws);
      const changed: SharedEvent = { ...event, prev, ...(event.seq === 2 ? { input: { ...event.input, note: 'Received late, after the deadline' } } : {}) };
      const jws = await signSharedEvent(changed, sgKey);
      rewritten.push(jws);
      prev = sharedEventHash(jws);
    }
    await behindSgTrigger(async () => {
      for (const [i, jws] of rewritten.entries()) await sg.sql(`UPDATE federation_shared_events SET jws = $3, hash = $4 WHERE request_id = $1 AND seq = $2`, [id, i + 2, jws, sharedEventHash(jws)]);
    });
    const forgedHash = sharedEventHash(rewritten[0] as string);
    const originalHash = kept[1]?.hash as string;
    expect(forgedHash).not.toBe(originalHash);

    const own = await verify(sg, bearer.sgOfficer as string);
    expect(own.body).toEqual({ valid: true, count: expect.any(Number), shared: { count: 4, valid: true } });
    const onSg = await verify(sg, bearer.sgOfficer as string, '?witness=peer');
    expect(onSg.body.witness).toEqual({ peer: vn.nodeId, compared: true, there: { count: 4, valid: true }, firstDifference: { seq: 2, kind: 'DIFFERENT', hereHash: forgedHash, thereHash: originalHash } });
    const onVn = await verify(vn, bearer.prosecutor as string, '?witness=peer');
    expect(onVn.body).toMatchObject({ valid: true, shared: { count: 4, valid: true } });
    expect(onVn.body.witness).toEqual({ peer: sg.nodeId, compared: true, there: { count: 4, valid: true }, firstDifference: { seq: 2, kind: 'DIFFERENT', hereHash: originalHash, thereHash: forgedHash } });
  }, 120_000);

  it('SG’s copy rewritten without SG’s key (its hash recomputed) is named by SG’s own verify', async () => {
    // Back as first kept, then seq 3's payload changed with its old signature kept.
    await behindSgTrigger(async () => {
      for (const row of kept) await sg.sql(`UPDATE federation_shared_events SET jws = $3, hash = $4 WHERE request_id = $1 AND seq = $2`, [id, row.seq, row.jws, row.hash]);
    });
    expect((await verify(sg, bearer.sgOfficer as string)).body).toMatchObject({ valid: true, shared: { count: 4, valid: true } });
    const third = kept[2]?.jws as string;
    const [h, , s] = third.split('.') as [string, string, string];
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payloadOf(third), input: { executingBody: 'Someone else' } })).toString('base64url')}.${s}`;
    await behindSgTrigger(() => sg.sql(`UPDATE federation_shared_events SET jws = $3, hash = $4 WHERE request_id = $1 AND seq = $2`, [id, 3, forged, sharedEventHash(forged)]));
    const res = await verify(sg, bearer.sgOfficer as string);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: false, shared: { count: 4, valid: false, firstProblem: { seq: 3, reason: `the JWS does not verify with the keys of ${sg.nodeId}: the signature does not verify` } } });
    // VN's copy is untouched.
    expect((await verify(vn, bearer.prosecutor as string)).body).toMatchObject({ valid: true, shared: { count: 4, valid: true } });
  }, 120_000);

  it('answers a request’s shared events only to its counterpart: a signed 404 to the other node for a request it is no party of', async () => {
    const get = async (from: RunningNode, to: RunningNode, requestId: string) => {
      const target = `${to.url}/federation/v1/requests/${requestId}/shared-events`;
      const headers = await signRequest({ method: 'GET', url: target, contentType: '', body: new Uint8Array(0) }, await keyOf(from), new Date());
      const res = await fetch(target, { headers });
      return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Json };
    };
    // VN's copy, to SG, its counterpart: each JWS verbatim.
    const shared = await get(sg, vn, id);
    expect([shared.status, shared.body]).toEqual([200, { requestId: id, events: (await sharedOn(vn, id)).map(({ seq, jws }) => ({ seq, jws })) }]);

    // A request VN sent on paper to the US (OFFLINE there): SG is no party of it; nor of a draft to SG never sent.
    const [usOia] = await vn.sql<{ id: string; reach: string }>(`SELECT id, reach FROM authorities WHERE code = 'US-OIA'`);
    expect(usOia?.reach).toBe('OFFLINE');
    const toUs = await call(vn, 'POST', '/requests', bearer.prosecutor as string, completeDraft(usOia?.id as string, { title: 'On paper to the US' }));
    expect(toUs.status).toBe(201);
    await act(vn, bearer.prosecutor as string, toUs.body.id, { action: 'submit' });
    await act(vn, bearer.vnOfficer as string, toUs.body.id, { action: 'send', transmission: { channel: 'CENTRAL_AUTHORITY_MAIL', dispatchedAt: new Date().toISOString(), dispatchReference: 'VKSTC-2026-9' } });
    const [sgCa] = await vn.sql<{ id: string }>(`SELECT id FROM authorities WHERE code = 'SG-CA'`);
    const draft = await call(vn, 'POST', '/requests', bearer.prosecutor as string, completeDraft(sgCa?.id as string, { title: 'Never sent' }));
    expect(draft.status).toBe(201);

    const vnKeys = await keysOf(vn);
    const sgKeys = await keysOf(sg);
    const refusals = [
      [await get(sg, vn, toUs.body.id), vnKeys],
      [await get(sg, vn, draft.body.id), vnKeys],
      [await get(vn, sg, toUs.body.id), sgKeys],
    ] as const;
    for (const [res, keys] of refusals) {
      expect([res.status, res.body.code, res.body.reason]).toEqual([404, 'NOT_FOUND', 'UNKNOWN_REQUEST']);
      expect(res.type).toContain('application/problem+json');
      expect(await verifyReceipt(res.body.receipt, keys)).toMatchObject({ status: 'REJECTED', code: 'NOT_FOUND', messageId: null });
    }
    // Each refusal is signed by the node that refuses, not by the caller's key.
    await expect(verifyReceipt(refusals[0][0].body.receipt, sgKeys)).rejects.toThrow();
  }, 120_000);
});
