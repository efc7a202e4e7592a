import { createHash, createPrivateKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signRequest, signSharedEvent, verifyReceipt, type NodeJwk, type SigningKeyRef } from '@mla/federation';
import { completeDraft } from '../support/fixtures';
import { Nodes, RunningNode, startNodes } from '../support/two-nodes';

const WAIT_MS = 60_000;
/** Fast delivery between the two nodes (the worker's pass, the first retry's wait). */
const FAST = { FEDERATION_DELIVERY_INTERVAL_MS: '200', FEDERATION_BACKOFF_MS: '300' };

type Json = Record<string, any>;

/**
 * The shared life of a request between two real nodes (issue 20, DESIGN §15 "Who decides"):
 * a VN node and an SG node (own API and worker processes, databases, keys), peered through the
 * API as an ADMIN does. A request sent on VN appears on SG with its content and nothing else
 * of VN; the requested node orders its life (acknowledged, executed, evidence delivered, the
 * files listed as arriving), the prosecutor's close is pending on VN until SG decides it, and
 * both nodes end with the same signed shared events; a crossing withdraw/refuse ends REFUSED on
 * both, VN's withdraw shown rejected with its reason; messages about what SG does not know are
 * answered with a signed 4xx and change nothing; SG down during the send: delivered once.
 */
describe('federation: the shared life of a request across two nodes (e2e)', () => {
  let pair: Nodes & { vn: RunningNode; sg: RunningNode };
  let vn: RunningNode;
  let sg: RunningNode;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    const started = await startNodes([
      { name: 'vn', countries: 'VN', env: FAST },
      { name: 'sg', countries: 'SG', env: FAST },
    ]);
    [vn, sg] = started.nodes as [RunningNode, RunningNode];
    pair = { ...started, vn, sg };
    await peer(vn, sg);
    await peer(sg, vn);
    await readDirectory(vn, sg);
    await readDirectory(sg, vn);
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

  async function peer(node: RunningNode, other: RunningNode): Promise<void> {
    const known = (await (await other.fetch('/.well-known/mla-hub')).json()) as { jwks: { keys: NodeJwk[] } };
    const added = await call(node, 'POST', '/peers', await node.login('admin@example.org'), { url: other.url, keyThumbprint: known.jwks.keys[0]?.kid });
    expect(added.status).toBe(201);
  }

  async function readDirectory(node: RunningNode, other: RunningNode): Promise<void> {
    const admin = await node.login('admin@example.org');
    const peers = await call(node, 'GET', '/peers', admin);
    const id = (peers.body.items as { id: string; nodeId: string }[]).find((p) => p.nodeId === other.nodeId)?.id;
    expect((await call(node, 'PATCH', `/peers/${id}`, admin, { action: 'refresh_directory' })).status).toBe(200);
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

  const stateOn = async (node: RunningNode, id: string) => (await node.sql<{ state: string }>(`SELECT state FROM requests WHERE id = $1`, [id]))[0]?.state ?? null;
  const sharedOn = (node: RunningNode, id: string) => node.sql<{ seq: number; node: string; jws: string }>(`SELECT seq, node, jws FROM federation_shared_events WHERE request_id = $1 ORDER BY seq`, [id]);
  const actOn = (node: RunningNode, who: string, id: string, body: Json) => call(node, 'POST', `/requests/${id}/transitions`, who, body);

  async function act(node: RunningNode, who: string, id: string, body: Json): Promise<Json> {
    const res = await actOn(node, who, id, body);
    if (res.status !== 200) throw new Error(`${String(body.action)} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A request drafted, submitted and sent on VN to SG-CA (a PEER authority there); answers its id. */
  async function sendToSg(title = 'Subscriber of the account used in an online fraud'): Promise<string> {
    const [sgCa] = await vn.sql<{ id: string; reach: string }>(`SELECT id, reach FROM authorities WHERE code = 'SG-CA'`);
    expect(sgCa?.reach).toBe('PEER');
    const draft = await call(vn, 'POST', '/requests', bearer.prosecutor as string, completeDraft(sgCa?.id as string, { title }));
    expect(draft.status).toBe(201);
    const id = draft.body.id as string;
    await act(vn, bearer.prosecutor as string, id, { action: 'submit' });
    expect((await act(vn, bearer.vnOfficer as string, id, { action: 'send' })).state).toBe('SENT');
    return id;
  }

  const sameShared = async (id: string, count: number) => {
    const onVn = await until(() => sharedOn(vn, id), (r) => r.length === count, `${count} shared events on VN`);
    const onSg = await until(() => sharedOn(sg, id), (r) => r.length === count, `${count} shared events on SG`);
    expect(onVn.map((e) => e.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(onSg).toEqual(onVn);
    return onVn;
  };

  let sentId: string;

  it('a request sent on VN appears on SG with its content, the first shared event signed by VN, the files listed arriving, and nothing else of VN', async () => {
    sentId = await sendToSg();
    await until(() => stateOn(sg, sentId), (s) => s === 'SENT', 'the request on SG');
    const onVn = await call(vn, 'GET', `/requests/${sentId}`, bearer.prosecutor as string);
    const onSg = await call(sg, 'GET', `/requests/${sentId}`, bearer.sgOfficer as string);
    expect(onSg.status).toBe(200);
    for (const field of ['title', 'type', 'priority', 'legalBasis', 'facts', 'measures', 'identifiers', 'offence', 'details', 'language']) expect([field, onSg.body[field]]).toEqual([field, onVn.body[field]]);
    expect(onSg.body).toMatchObject({ id: sentId, state: 'SENT', allowedActions: expect.arrayContaining(['acknowledge', 'refuse']) });

    const events = await sg.sql<{ seq: number; action: string; audience: string }>(`SELECT seq, action, audience FROM request_events WHERE request_id = $1`, [sentId]);
    expect(events).toEqual([{ seq: 1, action: 'receive', audience: 'BOTH' }]);
    // Nothing else of VN: its other requests (the demo's, drafts) never reached SG.
    expect(await sg.sql(`SELECT id FROM requests`)).toEqual([{ id: sentId }]);
    expect((await sg.sql<{ n: number }>(`SELECT count(*)::int AS n FROM request_events WHERE action IN ('create', 'submit', 'edit')`))[0]?.n).toBe(0);

    const [shared] = await sameShared(sentId, 1);
    expect(shared?.node).toBe(vn.nodeId);
    const [sendEvent] = await vn.sql<{ seq: number }>(`SELECT seq FROM request_events WHERE request_id = $1 AND action = 'send'`, [sentId]);
    expect(await vn.sql(`SELECT event_seq FROM federation_shared_events WHERE request_id = $1`, [sentId])).toEqual([{ event_seq: sendEvent?.seq }]);
    expect(await sg.sql(`SELECT event_seq FROM federation_shared_events WHERE request_id = $1`, [sentId])).toEqual([{ event_seq: 1 }]);

    const offered = await vn.sql<{ sha256: string; state: string; content_ref: string }>(`SELECT sha256, state, content_ref FROM federation_files WHERE request_id = $1 AND direction = 'OUT'`, [sentId]);
    const [letter] = await vn.sql<{ sha256: string }>(`SELECT sha256 FROM request_letters WHERE request_id = $1`, [sentId]);
    expect(offered).toEqual(expect.arrayContaining([{ sha256: letter?.sha256, state: 'OFFERED', content_ref: `letter:${letter?.sha256}` }]));
    const arriving = await sg.sql<{ sha256: string; state: string }>(`SELECT sha256, state FROM federation_files WHERE request_id = $1 AND direction = 'IN'`, [sentId]);
    expect(arriving.map((f) => f.sha256).sort()).toEqual(offered.map((f) => f.sha256).sort());
    // SG's worker, woken by the intake, may have fetched them already (federation-proof-files shows them arriving, its worker stopped).
    for (const f of arriving) expect(['ARRIVING', 'RECEIVED']).toContain(f.state);
    const [out] = await vn.sql<{ state: string; type: string }>(`SELECT state, type FROM federation_outbox WHERE request_id = $1`, [sentId]);
    expect(out).toEqual({ state: 'DELIVERED', type: 'request.sent' });
  }, 120_000);

  it('SG orders the request’s life: acknowledged, executed, evidence delivered (rows on VN, its file arriving), each a shared event VN applies', async () => {
    await act(sg, bearer.sgOfficer as string, sentId, { action: 'acknowledge', note: 'Received' });
    await until(() => stateOn(vn, sentId), (s) => s === 'ACKNOWLEDGED', 'acknowledged on VN');
    await act(sg, bearer.sgOfficer as string, sentId, { action: 'start_execution', executingBody: 'SPF Technology Crime' });
    await until(() => stateOn(vn, sentId), (s) => s === 'IN_EXECUTION', 'in execution on VN');

    const file = Buffer.from('subscriber,account\nNguyen Van A,acc-42\n');
    const sha256 = createHash('sha256').update(file).digest('hex');
    await act(sg, bearer.sgOfficer as string, sentId, {
      action: 'deliver_evidence', final: false,
      items: [{ description: 'Subscriber CSV', kind: 'FILE', sha256, sizeBytes: file.length, transfer: 'UPLOAD', fileName: 'subscriber.csv', mediaType: 'text/csv' }],
    });
    const rows = await until(() => vn.sql<{ description: string; sha256: string; content_ref: string | null; delivered_by: string | null }>(
      `SELECT description, sha256, content_ref, delivered_by FROM evidence_items WHERE request_id = $1`, [sentId]), (r) => r.length === 1, 'the evidence item on VN');
    expect(rows).toEqual([{ description: 'Subscriber CSV', sha256, content_ref: null, delivered_by: null }]);
    expect(await vn.sql(`SELECT state, size_bytes::int AS size FROM federation_files WHERE request_id = $1 AND direction = 'IN' AND sha256 = $2`, [sentId, sha256])).toEqual([{ state: 'ARRIVING', size: file.length }]);
    expect(await sg.sql(`SELECT state, content_ref FROM federation_files WHERE request_id = $1 AND direction = 'OUT' AND sha256 = $2`, [sentId, sha256])).toEqual([{ state: 'OFFERED', content_ref: `evidence:${sha256}` }]);

    const [item] = await sg.sql<{ id: string }>(`SELECT id FROM evidence_items WHERE request_id = $1`, [sentId]);
    const stored = await sg.fetch(`/requests/${sentId}/evidence/${item?.id}/content`, { method: 'PUT', headers: { authorization: bearer.sgOfficer as string, 'content-type': 'application/octet-stream' }, body: new Uint8Array(file) });
    expect(stored.status).toBeLessThan(300);
    await act(sg, bearer.sgOfficer as string, sentId, { action: 'deliver_evidence', final: true });
    await until(() => stateOn(vn, sentId), (s) => s === 'EVIDENCE_RECEIVED', 'evidence received on VN');
    const events = await call(vn, 'GET', `/requests/${sentId}/events`, bearer.prosecutor as string);
    const acknowledged = (events.body.items as Json[]).find((e) => e.action === 'acknowledge');
    expect(acknowledged).toMatchObject({ actor: { authorityCode: 'SG-CA', country: 'SG', userId: null } });
    await sameShared(sentId, 5);
  }, 120_000);

  it('the prosecutor’s close is pending on VN until SG decides it, then applied on both; both hold the same signed shared events', async () => {
    const proposed = await act(vn, bearer.prosecutor as string, sentId, { action: 'close', outcome: 'Subscriber identified' });
    expect(proposed).toMatchObject({ state: 'EVIDENCE_RECEIVED', pendingAct: { action: 'close', messageId: expect.any(String), proposedAt: expect.any(String) }, allowedActions: [] });
    const again = await actOn(vn, bearer.prosecutor as string, sentId, { action: 'withdraw', reason: 'Changed my mind' });
    expect([again.status, again.body.code, again.body.detail]).toEqual([409, 'INVALID_TRANSITION', `withdraw cannot be proposed: close is awaiting ${sg.nodeId}'s decision`]);

    await until(() => stateOn(sg, sentId), (s) => s === 'CLOSED', 'closed on SG');
    const outbox = () => sg.sql(`SELECT type, state, attempts, last_error, reject_code, reject_detail FROM federation_outbox WHERE request_id = $1 ORDER BY position`, [sentId]);
    await until(async () => [await stateOn(vn, sentId), await outbox()] as const, ([s]) => s === 'CLOSED', 'closed on VN (with SG’s outbox)');
    const after = await call(vn, 'GET', `/requests/${sentId}`, bearer.prosecutor as string);
    expect(after.body).toMatchObject({ state: 'CLOSED', outcome: 'Subscriber identified', pendingAct: null });
    const events = (await call(vn, 'GET', `/requests/${sentId}/events`, bearer.prosecutor as string)).body.items as Json[];
    expect(events.map((e) => e.action).slice(-2)).toEqual(['act_proposed', 'close']);
    expect(events.at(-1)).toMatchObject({ actor: { role: 'PROSECUTOR', authorityCode: 'VN-HCM-PROS' } });
    // SG sees none of VN's internal events.
    expect(await sg.sql(`SELECT action FROM request_events WHERE request_id = $1 AND action LIKE 'act_%'`, [sentId])).toEqual([]);

    const shared = await sameShared(sentId, 6);
    expect(shared.map((e) => e.node)).toEqual([vn.nodeId, sg.nodeId, sg.nodeId, sg.nodeId, sg.nodeId, sg.nodeId]);
    const payload = JSON.parse(Buffer.from((shared[5]?.jws as string).split('.')[1] as string, 'base64url').toString('utf8')) as Json;
    expect(payload).toMatchObject({ seq: 6, action: 'close', fromState: 'EVIDENCE_RECEIVED', toState: 'CLOSED', proposal: { messageId: proposed.pendingAct.messageId }, actor: { node: vn.nodeId, authority: { code: 'VN-HCM-PROS' } } });
    expect(await vn.sql(`SELECT action FROM request_events WHERE request_id = $1 AND action = 'act_rejected'`, [sentId])).toEqual([]);
  }, 120_000);

  it('a crossing withdraw/refuse ends REFUSED on both nodes; VN’s withdraw is shown rejected with INVALID_TRANSITION and its reason', async () => {
    const id = await sendToSg('Crossing');
    await until(() => stateOn(sg, id), (s) => s === 'SENT', 'the request on SG');
    // VN's worker down: its withdraw waits in the outbox while SG refuses.
    await vn.stop('worker');
    try {
      const proposed = await act(vn, bearer.prosecutor as string, id, { action: 'withdraw', reason: 'The suspect was identified otherwise' });
      expect(proposed).toMatchObject({ state: 'SENT', pendingAct: { action: 'withdraw' } });
      await act(sg, bearer.sgOfficer as string, id, { action: 'refuse', ground: 'INSUFFICIENT_INFORMATION', text: 'The account is not held here' });
      await until(() => stateOn(vn, id), (s) => s === 'REFUSED', 'refused on VN');
    } finally {
      await vn.start('worker');
    }
    const rejected = await until(
      () => vn.sql<{ input: Json; audience: string }>(`SELECT input, audience FROM request_events WHERE request_id = $1 AND action = 'act_rejected'`, [id]),
      (r) => r.length === 1, 'the rejection recorded on VN',
    );
    expect(rejected[0]).toMatchObject({ audience: 'REQUESTING', input: { action: 'withdraw', code: 'INVALID_TRANSITION', reason: 'INVALID_TRANSITION', detail: 'withdraw is not allowed from state REFUSED' } });
    expect(await stateOn(vn, id)).toBe('REFUSED');
    expect(await stateOn(sg, id)).toBe('REFUSED');
    const request = await call(vn, 'GET', `/requests/${id}`, bearer.prosecutor as string);
    expect(request.body).toMatchObject({ state: 'REFUSED', pendingAct: null, refusal: { ground: 'INSUFFICIENT_INFORMATION' } });
    const transmissions = (await call(vn, 'GET', `/requests/${id}/transmissions`, bearer.prosecutor as string)).body.items as Json[];
    expect(transmissions.find((t) => t.type === 'request.act')).toMatchObject({
      direction: 'OUT', state: 'REJECTED', rejectCode: 'INVALID_TRANSITION', rejectReason: 'INVALID_TRANSITION', rejectDetail: 'withdraw is not allowed from state REFUSED',
      receipt: { status: 'REJECTED', code: 'INVALID_TRANSITION' },
    });
    await sameShared(id, 2);
  }, 120_000);

  it('answers a signed 4xx and changes nothing for a message about an unknown request or authority, or from a peer about a country it does not serve', async () => {
    const vnKey: SigningKeyRef = { privateKey: createPrivateKey(readFileSync(vn.keyFile)), kid: ((await (await vn.fetch('/.well-known/mla-hub')).json()) as { jwks: { keys: NodeJwk[] } }).jwks.keys[0]?.kid as string };
    const sgKeys = ((await (await sg.fetch('/.well-known/mla-hub')).json()) as { jwks: { keys: NodeJwk[] } }).jwks.keys;
    const post = async (envelope: Json) => {
      const body = Buffer.from(JSON.stringify(envelope));
      const target = `${sg.url}/federation/v1/messages`;
      const headers = await signRequest({ method: 'POST', url: target, contentType: 'application/json', body }, vnKey, new Date());
      const res = await fetch(target, { method: 'POST', headers, body: new Uint8Array(body) });
      const answer = (await res.json()) as Json;
      return { status: res.status, reason: answer.reason as string, receipt: await verifyReceipt(answer.receipt as string, sgKeys) };
    };
    const counts = async () => sg.sql(`SELECT (SELECT count(*)::int FROM requests) AS requests, (SELECT count(*)::int FROM federation_inbox) AS inbox, (SELECT count(*)::int FROM federation_shared_events) AS shared`);
    const before = await counts();
    const base = (over: Json) => ({
      id: randomUUID(), type: 'request.event', requestId: randomUUID(), createdAt: new Date().toISOString(),
      from: { node: vn.nodeId, authority: { code: 'VN-HCM-PROS', country: 'VN' } }, to: { node: sg.nodeId, authority: { code: 'SG-CA', country: 'SG' } }, event: {}, ...over,
    });
    const sharedEvent = async (requestId: string, over: Json = {}) => signSharedEvent({
      requestId, seq: 1, prev: null, node: vn.nodeId, action: 'send', fromState: 'IN_REVIEW', toState: 'SENT', at: new Date().toISOString(),
      actor: { node: vn.nodeId, authority: { code: 'VN-CA', country: 'VN' }, role: 'OFFICER', name: null }, input: { content: { title: 'x' } }, ...over,
    } as never, vnKey);

    const unknownRequest = randomUUID();
    const cases = [
      await post(base({ requestId: unknownRequest, type: 'request.act', event: { action: 'withdraw', input: { reason: 'x' }, at: new Date().toISOString(), actor: { node: vn.nodeId, authority: { code: 'VN-HCM-PROS', country: 'VN' }, role: 'PROSECUTOR', name: null } } })),
      await post(base({ requestId: unknownRequest, event: { shared: await sharedEvent(unknownRequest, { seq: 2, prev: 'a'.repeat(64), action: 'acknowledge' }) } })),
      await post(base({ requestId: unknownRequest, type: 'request.sent', to: { node: sg.nodeId, authority: { code: 'SG-NOPE', country: 'SG' } }, content: { title: 'x' }, event: { shared: await sharedEvent(unknownRequest) } })),
      await post(base({ requestId: sentId, type: 'request.sent', content: { title: 'x' }, event: { shared: await sharedEvent(sentId) } })),
      await post(base({ from: { node: vn.nodeId, authority: { code: 'TH-CA', country: 'TH' } } })),
    ];
    expect(cases.map((c) => [c.status, c.reason, c.receipt.status])).toEqual([
      [404, 'UNKNOWN_REQUEST', 'REJECTED'],
      [404, 'UNKNOWN_REQUEST', 'REJECTED'],
      [422, 'UNKNOWN_AUTHORITY', 'REJECTED'],
      [409, 'REQUEST_EXISTS', 'REJECTED'],
      [403, 'COUNTRY_NOT_SERVED', 'REJECTED'],
    ]);
    expect(await counts()).toEqual(before);
  }, 60_000);

  it('SG down during the send, then back: the request is delivered once, nothing doubled', async () => {
    await sg.stop('api');
    let id: string;
    try {
      id = await sendToSg('While SG is down');
      await until(() => vn.sql<{ attempts: number; last_error: string | null }>(`SELECT attempts, last_error FROM federation_outbox WHERE request_id = $1`, [id]),
        (r) => (r[0]?.attempts ?? 0) >= 2 && r[0]?.last_error !== null, 'failed attempts while SG is down');
      expect(await stateOn(vn, id)).toBe('SENT');
    } finally {
      await sg.start('api');
    }
    await until(() => stateOn(sg, id), (s) => s === 'SENT', 'the request on SG once it is back');
    await until(() => vn.sql<{ state: string }>(`SELECT state FROM federation_outbox WHERE request_id = $1`, [id]), (r) => r[0]?.state === 'DELIVERED', 'delivered');
    expect(await sg.sql(`SELECT count(*)::int AS n FROM federation_inbox WHERE request_id = $1`, [id])).toEqual([{ n: 1 }]);
    expect(await sg.sql(`SELECT count(*)::int AS n FROM requests WHERE id = $1`, [id])).toEqual([{ n: 1 }]);
    expect(await sg.sql(`SELECT count(*)::int AS n FROM request_events WHERE request_id = $1`, [id])).toEqual([{ n: 1 }]);
    await sameShared(id, 1);
  }, 120_000);
});
