import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { contentDigest, FederationDeliveryService, signRequest, FederationOutboxWriter, NodeIdentity, type FederationMessageInput } from '@mla/federation';
import { act, authorityId, completeDraft, USERS } from '../support/fixtures';
import { freePort } from '../support/processes';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';

const BASE_MS = 1000;
const MAX_ATTEMPTS = 3;

/**
 * The delivery of federation messages (issue 20, DESIGN §15) between two real nodes in one
 * process, each on its own database, Redis prefix, key file and clock (moved together), SG
 * reached through a TCP proxy that can refuse connections (a node that is down): a message
 * written in a transaction on VN is signed, POSTed and DELIVERED with SG's verified receipt;
 * retried on the injected clock's backoff while SG is down, then delivered once; REJECTED
 * by SG's signed refusal; DEAD after the last attempt, then retried by an ADMIN; held while
 * the peer is suspended; visible to who sees the request only.
 */
describe('federation: delivery of messages to a peer (e2e)', () => {
  let vn: TestApp;
  let sg: TestApp;
  let proxy: TcpProxy;
  let worker: TestWorker;
  let delivery: FederationDeliveryService;
  let vnAdmin: string;
  let sgPeerId: string;
  let requestId: string;
  let prosecutor: string;

  beforeAll(async () => {
    const sgPort = await freePort();
    proxy = new TcpProxy({ host: '127.0.0.1', port: sgPort });
    const sgUrl = `http://127.0.0.1:${await proxy.start()}`;
    sg = await createTestApp({ env: { NODE_ID: 'sg.test', NODE_COUNTRIES: 'SG', NODE_URL: sgUrl } });
    await sg.app.listen(sgPort, '127.0.0.1');
    const vnPort = await freePort();
    // The directory gives VN its counterparts (SG-CA among them), made PEER by the test that sends there.
    vn = await createTestApp({ directory: true, env: { NODE_ID: 'vn.test', NODE_COUNTRIES: 'VN', NODE_URL: `http://127.0.0.1:${vnPort}` } });
    await vn.app.listen(vnPort, '127.0.0.1');
    vnAdmin = await vn.login(USERS.admin);
    const added = await vn.http.post('/api/v1/peers').set('authorization', vnAdmin).send({ url: sgUrl, keyThumbprint: sg.app.get(NodeIdentity).signingKey().kid });
    expect(added.status).toBe(201);
    sgPeerId = added.body.id;
    const back = await sg.http.post('/api/v1/peers').set('authorization', await sg.login(USERS.admin)).send({ url: vn.config.nodeUrl, keyThumbprint: vn.app.get(NodeIdentity).signingKey().kid });
    expect(back.status).toBe(201);
    worker = await startTestWorker(vn, { FEDERATION_MAX_ATTEMPTS: MAX_ATTEMPTS, FEDERATION_BACKOFF_MS: BASE_MS });
    delivery = worker.context.get(FederationDeliveryService);
    prosecutor = await vn.login(USERS.vnProsecutor);
    const draft = await vn.http.post('/api/v1/requests').set('authorization', prosecutor).send(completeDraft(await authorityId(vn, 'US-OIA')));
    expect(draft.status).toBe(201);
    requestId = draft.body.id;
  }, 90_000);
  afterAll(async () => {
    await worker?.close();
    await vn?.close();
    await sg?.close();
    await proxy?.stop();
  });

  /** Both nodes' clocks move together (a signature is checked with the receiver's clock). */
  const advance = (ms: number) => {
    vn.clock.advance(ms);
    sg.clock.advance(ms);
  };

  /** Writes a message to SG in a transaction of VN's worker, as a producer does in its action's transaction. */
  async function enqueue(over: Partial<FederationMessageInput> = {}): Promise<string> {
    const writer = worker.context.get(FederationOutboxWriter);
    return worker.context.get(DataSource).transaction((m) =>
      writer.enqueue(m, {
        // A type SG keeps without applying it: delivery is what is tested here (the shared life's messages: federation-shared-life.e2e-spec).
        peerId: sgPeerId, peerNode: 'sg.test', type: 'test.note', requestId,
        fromAuthority: { code: 'VN-CA', country: 'VN' }, toAuthority: { code: 'SG-CA', country: 'SG' },
        event: { seq: 2, action: 'send' }, content: { title: 'Subscriber of the account' }, ...over,
      }, vn.clock.now()),
    );
  }

  const outboxRow = async (id: string) =>
    (await vn.sql<{ state: string; attempts: number; next_attempt_at: Date; last_error: string | null; body: Buffer; digest: string }>(`SELECT * FROM federation_outbox WHERE id = $1`, [id]))[0];
  const inboxOf = (id: string) => sg.sql<{ body: Buffer }>(`SELECT body FROM federation_inbox WHERE message_id = $1`, [id]);
  const transmissions = async (bearer = prosecutor) => vn.http.get(`/api/v1/requests/${requestId}/transmissions`).set('authorization', bearer);
  const peerCounts = async () => {
    const res = await vn.http.get('/api/v1/peers').set('authorization', vnAdmin);
    const p = res.body.items[0] as { messagesPending: number; messagesDead: number };
    return [p.messagesPending, p.messagesDead];
  };

  it('delivers a message written in a transaction: the same bytes in SG’s inbox, DELIVERED here with SG’s verified receipt', async () => {
    const id = await enqueue();
    expect(await peerCounts()).toEqual([1, 0]);
    const pending = await transmissions();
    expect(pending.body.items).toEqual([expect.objectContaining({ id, direction: 'OUT', peer: 'sg.test', type: 'test.note', state: 'PENDING', attempts: 0, receipt: null, deliveredAt: null })]);

    expect(await delivery.deliverDue()).toEqual([{ id, state: 'DELIVERED', error: null }]);
    const row = await outboxRow(id);
    const [received] = await inboxOf(id);
    expect(received?.body.equals(row?.body as Buffer)).toBe(true);
    expect(row?.digest).toBe(contentDigest(row?.body as Buffer));
    expect(JSON.parse(String(row?.body))).toMatchObject({ id, type: 'test.note', requestId, from: { node: 'vn.test' }, to: { node: 'sg.test' }, createdAt: vn.clock.now().toISOString() });
    const res = await transmissions();
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ id, state: 'DELIVERED', attempts: 1, lastError: null, deliveredAt: vn.clock.now().toISOString(), receipt: { messageId: id, digest: row?.digest, receivedAt: sg.clock.now().toISOString(), status: 'ACCEPTED' } }),
    ]);
    expect(await peerCounts()).toEqual([0, 0]);
    expect(await delivery.deliverDue()).toEqual([]);
    // The bytes sent stay as written; no message is deleted.
    await expect(vn.sql(`UPDATE federation_outbox SET body = 'x' WHERE id = $1`, [id])).rejects.toThrow(/verbatim/);
    await expect(vn.sql(`DELETE FROM federation_outbox WHERE id = $1`, [id])).rejects.toThrow(/verbatim/);
  });

  it('never sends a message twice at once: passes of two workers share the due messages, each tried once', async () => {
    const second = await startTestWorker(vn, { FEDERATION_MAX_ATTEMPTS: MAX_ATTEMPTS, FEDERATION_BACKOFF_MS: BASE_MS });
    try {
      const ids = [await enqueue(), await enqueue(), await enqueue()];
      const passes = await Promise.all([delivery.deliverDue(), second.context.get(FederationDeliveryService).deliverDue(), delivery.deliverDue()]);
      const tried = passes.flat();
      expect(tried.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(tried.every((r) => r.state === 'DELIVERED')).toBe(true);
      for (const id of ids) expect(await outboxRow(id)).toMatchObject({ state: 'DELIVERED', attempts: 1 });
    } finally {
      await second.close();
    }
  });

  it('retries while SG is down on the backoff of the injected clock, then delivers once', async () => {
    proxy.refuse();
    const id = await enqueue();
    const [first] = await delivery.deliverDue();
    expect(first).toEqual({ id, state: 'PENDING', error: expect.stringMatching(/no HTTP answer/) });
    expect((await outboxRow(id))?.next_attempt_at).toEqual(new Date(vn.clock.now().getTime() + BASE_MS));
    advance(BASE_MS - 1);
    expect(await delivery.deliverDue()).toEqual([]);
    advance(1);
    expect(await delivery.deliverDue()).toEqual([{ id, state: 'PENDING', error: expect.any(String) }]);
    expect((await outboxRow(id))?.next_attempt_at).toEqual(new Date(vn.clock.now().getTime() + 2 * BASE_MS));

    proxy.accept();
    advance(2 * BASE_MS);
    expect(await delivery.deliverDue()).toEqual([{ id, state: 'DELIVERED', error: null }]);
    expect(await inboxOf(id)).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ state: 'DELIVERED', attempts: 3, last_error: expect.stringMatching(/no HTTP answer/) });
  });

  it('records SG’s signed refusal as REJECTED with its code, never retried', async () => {
    const id = await enqueue({ toAuthority: { code: 'TH-CA', country: 'TH' } });
    expect(await delivery.deliverDue()).toEqual([{ id, state: 'REJECTED', error: null }]);
    const item = (await transmissions()).body.items.find((t: { id: string }) => t.id === id);
    expect(item).toMatchObject({ state: 'REJECTED', rejectCode: 'RULE_VIOLATED', receipt: { messageId: id, status: 'REJECTED', code: 'RULE_VIOLATED' } });
    expect(await inboxOf(id)).toEqual([]);
    advance(10 * BASE_MS);
    expect(await delivery.deliverDue()).toEqual([]);
  });

  it('gives a message up (DEAD) after the last attempt; an ADMIN retries it (audited) and it is delivered', async () => {
    proxy.refuse();
    const id = await enqueue();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [report] = await delivery.deliverDue();
      expect(report?.state).toBe(attempt < MAX_ATTEMPTS ? 'PENDING' : 'DEAD');
      advance(BASE_MS * 2 ** (attempt - 1));
    }
    expect(await delivery.deliverDue()).toEqual([]);
    expect(await peerCounts()).toEqual([0, 1]);
    // The operator's list of what was given up (ADMIN only; the request by its id alone).
    const dead = await vn.http.get('/api/v1/federation/messages').query({ state: 'DEAD' }).set('authorization', vnAdmin);
    expect(dead.status).toBe(200);
    expect(dead.body.items).toEqual([expect.objectContaining({ id, requestId, direction: 'OUT', peer: 'sg.test', state: 'DEAD', attempts: MAX_ATTEMPTS, lastError: expect.stringMatching(/no HTTP answer/) })]);
    expect((await vn.http.get('/api/v1/federation/messages').query({ state: 'PENDING' }).set('authorization', vnAdmin)).body.items).toEqual([]);
    expect((await vn.http.get('/api/v1/federation/messages').query({ state: 'DELIVERED' }).set('authorization', vnAdmin)).status).toBe(400);
    expect((await vn.http.get('/api/v1/federation/messages').query({ state: 'DEAD' }).set('authorization', await vn.login(USERS.vnSupervisor))).status).toBe(403);
    proxy.accept();

    const url = `/api/v1/federation/messages/${id}/retry`;
    expect((await vn.http.post(url).set('authorization', await vn.login(USERS.vnSupervisor))).status).toBe(403);
    expect((await vn.http.post(`/api/v1/federation/messages/00000000-0000-4000-8000-000000000000/retry`).set('authorization', vnAdmin)).status).toBe(404);
    const retried = await vn.http.post(url).set('authorization', vnAdmin);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id, state: 'PENDING', attempts: 0, lastError: expect.stringMatching(/no HTTP answer/), nextAttemptAt: vn.clock.now().toISOString() });
    expect((await vn.http.post(url).set('authorization', vnAdmin)).body.code).toBe('INVALID_TRANSITION');
    const audit = await vn.sql(`SELECT action, target_id, after FROM admin_audit WHERE target_type = 'FEDERATION_MESSAGE'`);
    expect(audit).toEqual([{ action: 'federation_message.retried', target_id: id, after: { state: 'PENDING', attempts: 0 } }]);
    expect((await vn.http.get('/api/v1/federation/messages').query({ state: 'DEAD' }).set('authorization', vnAdmin)).body.items).toEqual([]);
    expect((await vn.http.get('/api/v1/federation/messages').query({ state: 'PENDING' }).set('authorization', vnAdmin)).body.items).toEqual([expect.objectContaining({ id, requestId, state: 'PENDING', attempts: 0 })]);
    expect(await delivery.deliverDue()).toEqual([{ id, state: 'DELIVERED', error: null }]);
    expect(await inboxOf(id)).toHaveLength(1);
    expect(await peerCounts()).toEqual([0, 0]);
  });

  it('holds a suspended peer’s messages PENDING, and delivers them once it is resumed', async () => {
    expect((await vn.http.patch(`/api/v1/peers/${sgPeerId}`).set('authorization', vnAdmin).send({ action: 'suspend' })).status).toBe(200);
    const id = await enqueue();
    expect(await delivery.deliverDue()).toEqual([]);
    expect(await outboxRow(id)).toMatchObject({ state: 'PENDING', attempts: 0 });
    expect(await peerCounts()).toEqual([1, 0]);
    expect((await vn.http.patch(`/api/v1/peers/${sgPeerId}`).set('authorization', vnAdmin).send({ action: 'resume' })).status).toBe(200);
    expect(await delivery.deliverDue()).toEqual([{ id, state: 'DELIVERED', error: null }]);
  });

  it('shows a request’s transmissions to who sees the request only (404 otherwise), and those received from a peer on its side', async () => {
    expect((await transmissions()).body.items.map((t: { state: string }) => t.state)).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED', 'DELIVERED', 'DELIVERED', 'REJECTED', 'DELIVERED', 'DELIVERED']);
    // A draft: neither VN's officers nor an admin see it.
    for (const who of [USERS.vnOfficer, USERS.admin]) {
      const res = await transmissions(await vn.login(who));
      expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect((await vn.http.get(`/api/v1/requests/00000000-0000-4000-8000-000000000000/transmissions`).set('authorization', prosecutor)).status).toBe(404);
    expect(await sg.sql(`SELECT count(*)::int AS n FROM federation_inbox WHERE request_id = $1`, [requestId])).toEqual([{ n: 7 }]);

    // A message from SG about the request, received by VN: listed IN, with VN's own receipt.
    const messageId = randomUUID();
    const body = Buffer.from(JSON.stringify({
      id: messageId, type: 'request.acknowledged', requestId, from: { node: 'sg.test', authority: { code: 'SG-CA', country: 'SG' } },
      to: { node: 'vn.test', authority: { code: 'VN-CA', country: 'VN' } }, createdAt: sg.clock.now().toISOString(), event: { seq: 3 },
    }));
    const target = `${vn.config.nodeUrl}/federation/v1/messages`;
    const headers = await signRequest({ method: 'POST', url: target, contentType: 'application/json', body }, sg.app.get(NodeIdentity).signingKey(), sg.clock.now());
    expect((await fetch(target, { method: 'POST', headers, body: new Uint8Array(body) })).status).toBe(202);
    const items = (await transmissions()).body.items as { direction: string }[];
    expect(items.at(-1)).toEqual({
      id: messageId, direction: 'IN', peer: 'sg.test', type: 'request.acknowledged', state: 'RECEIVED', attempts: null, nextAttemptAt: null, lastError: null, rejectCode: null, rejectReason: null, rejectDetail: null,
      createdAt: vn.clock.now().toISOString(), deliveredAt: vn.clock.now().toISOString(),
      receipt: { messageId, digest: contentDigest(body), receivedAt: vn.clock.now().toISOString(), status: 'ACCEPTED' },
    });
  });

  it('writes a request.sent message in the transaction of a send to a PEER authority, with the content as sent; the worker delivers it', async () => {
    await vn.sql(`UPDATE authorities SET reach = 'PEER' WHERE country = 'SG'`);
    const draft = await vn.http.post('/api/v1/requests').set('authorization', prosecutor).send(completeDraft(await authorityId(vn, 'SG-CA')));
    expect(draft.status).toBe(201);
    await act(vn, prosecutor, draft.body.id, { action: 'submit' });
    const sent = await act(vn, await vn.login(USERS.vnOfficer), draft.body.id, { action: 'send' });
    expect(sent.state).toBe('SENT');
    const [row] = await vn.sql<{ id: string; type: string; state: string; body: Buffer; created_at: Date }>(`SELECT id, type, state, body, created_at FROM federation_outbox WHERE request_id = $1`, [draft.body.id]);
    expect(row).toMatchObject({ type: 'request.sent', state: 'PENDING', created_at: vn.clock.now() });
    const envelope = JSON.parse(String(row?.body));
    expect(envelope).toMatchObject({
      type: 'request.sent', requestId: draft.body.id, from: { node: 'vn.test', authority: { code: 'VN-HCM-PROS', country: 'VN' } }, to: { node: 'sg.test', authority: { code: 'SG-CA', country: 'SG' } },
      event: { shared: expect.any(String) }, content: { title: draft.body.title, type: 'SUBSCRIBER_INFO' }, files: [{ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), mediaType: 'application/pdf' }],
    });
    // The send is the request's first shared event, signed by VN, kept with the history event that shows it.
    const [event] = await vn.sql<{ seq: number }>(`SELECT seq FROM request_events WHERE request_id = $1 AND action = 'send'`, [draft.body.id]);
    expect(await vn.sql(`SELECT seq, event_seq, jws FROM federation_shared_events WHERE request_id = $1`, [draft.body.id])).toEqual([{ seq: 1, event_seq: event?.seq, jws: envelope.event.shared }]);
    expect(await delivery.deliverDue()).toEqual([{ id: row?.id, state: 'DELIVERED', error: null }]);
    expect((await inboxOf(row?.id as string))[0]?.body.equals(row?.body as Buffer)).toBe(true);

    // A PEER authority of a country no peer serves: the send is refused (422), nothing written.
    await vn.sql(`UPDATE authorities SET reach = 'PEER' WHERE code = 'US-OIA'`);
    const toUs = await vn.http.post('/api/v1/requests').set('authorization', prosecutor).send(completeDraft(await authorityId(vn, 'US-OIA'), { legalBasis: 'RECIPROCITY', language: 'en', details: {} }));
    await act(vn, prosecutor, toUs.body.id, { action: 'submit' });
    const refused = await vn.http.post(`/api/v1/requests/${toUs.body.id}/transitions`).set('authorization', await vn.login(USERS.vnOfficer)).send({ action: 'send' });
    expect([refused.status, refused.body.code, refused.body.detail]).toEqual([422, 'RULE_VIOLATED', expect.stringMatching(/no peer of this node serves US/)]);
    expect(await vn.sql(`SELECT id FROM federation_outbox WHERE request_id = $1`, [toUs.body.id])).toEqual([]);
    expect(await vn.sql(`SELECT state FROM requests WHERE id = $1`, [toUs.body.id])).toEqual([{ state: 'IN_REVIEW' }]);
  });

  it('delivers the messages of a request to a peer in the order they were written: none while an earlier one waits for its retry', async () => {
    proxy.refuse();
    const first = await enqueue();
    const second = await enqueue();
    expect(await delivery.deliverDue()).toEqual([{ id: first, state: 'PENDING', error: expect.any(String) }]);
    expect(await outboxRow(second)).toMatchObject({ state: 'PENDING', attempts: 0 });
    proxy.accept();
    advance(BASE_MS);
    expect(await delivery.deliverDue()).toEqual([{ id: first, state: 'DELIVERED', error: null }, { id: second, state: 'DELIVERED', error: null }]);
  });
});
