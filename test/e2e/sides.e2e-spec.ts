import { createTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { WebhookReceiver } from '../support/webhook-receiver';
import { act, authorityId, completeDraft, createDraft, loginAll, UserKey } from '../support/fixtures';

/**
 * Nothing of one state's internal work reaches the other (DESIGN §2): each side's history
 * stays its own, the chain still verifies for both, and a confidential request's
 * notifications carry its reference and state only, every read of it logged.
 */
describe('each side keeps its internal work (e2e)', () => {
  let t: TestApp;
  let w: TestWorker;
  let as: Record<UserKey, string>;
  let receiver: WebhookReceiver;
  let sgCa: string;
  let id: string;
  let sgOfficerId: string;
  let secondSgOfficerId: string;

  const REQUESTING_ONLY = ['MARKER-FIRST-FACTS', 'MARKER-DELETED-MEASURE', 'MARKER-RETURN-REASON'];
  const REQUESTED_ONLY = ['MARKER-REASSIGN-REASON'];

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    w = await startTestWorker(t);
    receiver = new WebhookReceiver();
    await receiver.start();
    sgCa = await authorityId(t, 'SG-CA');
    await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: receiver.url }).expect(200);
    [{ id: sgOfficerId }] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE email = 'officer@sg.example'`);
    const second = await t.http
      .post('/api/v1/users')
      .set('authorization', as.admin)
      .send({ email: 'second.officer@sg.example', displayName: 'Second SG officer', role: 'OFFICER', authorityId: sgCa, password: 'demo-password-2026' });
    secondSgOfficerId = second.body.id;

    // The requesting side's work before send: a first content, an edit, a return with its reason.
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { facts: 'MARKER-FIRST-FACTS', measures: ['Produce the data', 'MARKER-DELETED-MEASURE'] }));
    id = draft.id;
    const edited = await t.http
      .patch(`/api/v1/requests/${id}`)
      .set('authorization', as.vnProsecutor)
      .send({ facts: 'Victims paid after messages from the account.', measures: ['Produce the data'] });
    expect(edited.status).toBe(200);
    await act(t, as.vnProsecutor, id, { action: 'submit' });
    await act(t, as.vnOfficer, id, { action: 'return', reason: 'MARKER-RETURN-REASON' });
    await act(t, as.vnProsecutor, id, { action: 'submit' });
    await act(t, as.vnOfficer, id, { action: 'send' });
    // The requested side's internal work: who handles it, and why it changes hands.
    await act(t, as.sgOfficer, id, { action: 'acknowledge', note: 'Received', assigneeId: sgOfficerId });
    const reassigned = await t.http
      .post(`/api/v1/supervision/requests/${id}/assignee`)
      .set('authorization', as.sgSupervisor)
      .send({ assigneeId: secondSgOfficerId, reason: 'MARKER-REASSIGN-REASON' });
    expect(reassigned.status).toBe(200);
    await w.deliverAll();
  });
  afterAll(async () => {
    await receiver.stop();
    await w.close();
    await t.close();
  });

  const read = async (who: UserKey, path: string) => {
    const res = await t.http.get(path).set('authorization', as[who]);
    expect(res.status).toBe(200);
    return JSON.stringify(res.body);
  };
  const everything = async (who: UserKey) =>
    [
      await read(who, `/api/v1/requests/${id}`),
      await read(who, `/api/v1/requests/${id}/events`),
      await read(who, `/api/v1/notifications?limit=100`),
    ].join('\n');

  it.each<UserKey>(['sgOfficer', 'sgSupervisor'])("the requested side (%s) never reads the requesting side's work before send", async (who) => {
    const seen = await everything(who);
    for (const marker of REQUESTING_ONLY) expect(seen).not.toContain(marker);
    expect(seen).toContain('MARKER-REASSIGN-REASON'); // its own internal work it reads
  });

  it('nor does any webhook the requested authority received', () => {
    const bodies = receiver.received.map((r) => r.body).join('\n');
    expect(receiver.received.length).toBeGreaterThan(0);
    for (const marker of [...REQUESTING_ONLY, ...REQUESTED_ONLY]) expect(bodies).not.toContain(marker);
  });

  it.each<UserKey>(['vnProsecutor', 'vnOfficer', 'vnSupervisor'])("the requesting side (%s) never reads the requested side's internal work", async (who) => {
    const seen = await everything(who);
    for (const marker of REQUESTED_ONLY) expect(seen).not.toContain(marker);
    expect(seen).not.toContain(secondSgOfficerId);
    const events = (await t.http.get(`/api/v1/requests/${id}/events`).set('authorization', as[who])).body.items as Record<string, unknown>[];
    expect(events.filter((e) => e.hidden).map((e) => Object.keys(e).sort())).toEqual([
      ['hash', 'hidden', 'prevHash', 'seq'],
      ['hash', 'hidden', 'prevHash', 'seq'],
    ]);
  });

  it('each side reads its own work, and the requested side’s history starts at send, with the content as sent', async () => {
    const ofSide = async (who: UserKey) => ((await t.http.get(`/api/v1/requests/${id}/events`).set('authorization', as[who])).body.items as Record<string, any>[]);
    const vn = await ofSide('vnProsecutor');
    expect(vn.filter((e) => !e.hidden).map((e) => `${e.action}:${e.audience}`)).toEqual([
      'create:REQUESTING', 'edit:REQUESTING', 'submit:REQUESTING', 'return:REQUESTING', 'submit:REQUESTING', 'send:BOTH', 'acknowledge:BOTH',
    ]);
    const sg = await ofSide('sgOfficer');
    expect(sg.filter((e) => !e.hidden).map((e) => `${e.action}:${e.audience}`)).toEqual(['send:BOTH', 'acknowledge:BOTH', 'assign:REQUESTED', 'reassign:REQUESTED']);
    expect(sg.filter((e) => e.hidden).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const send = sg.find((e) => e.action === 'send');
    expect(send?.input.content).toMatchObject({ facts: 'Victims paid after messages from the account.', measures: ['Produce the data'] });
    const ack = sg.find((e) => e.action === 'acknowledge');
    expect(ack?.input).toEqual({ note: 'Received' }); // who handles it is in the requested side's own `assign` event
  });

  it.each<UserKey>(['vnProsecutor', 'vnSupervisor', 'sgOfficer', 'sgSupervisor'])('the whole chain verifies for %s, and its links are followed through the hidden events', async (who) => {
    const verify = await t.http.get(`/api/v1/requests/${id}/events/verify`).set('authorization', as[who]);
    expect(verify.body).toEqual({ valid: true, count: 9 });
    const events = (await t.http.get(`/api/v1/requests/${id}/events`).set('authorization', as[who])).body.items as { seq: number; hash: string; prevHash: string | null }[];
    events.forEach((e, i) => expect(e.prevHash).toBe(i === 0 ? null : events[i - 1]?.hash));
  });
});

describe('confidential requests (e2e)', () => {
  let t: TestApp;
  let w: TestWorker;
  let as: Record<UserKey, string>;
  let receiver: WebhookReceiver;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    w = await startTestWorker(t);
    receiver = new WebhookReceiver();
    await receiver.start();
    const sgCa = await authorityId(t, 'SG-CA');
    await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: receiver.url }).expect(200);
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { confidential: true, title: 'MARKER-CONFIDENTIAL-TITLE' }));
    id = draft.id;
    await act(t, as.vnProsecutor, id, { action: 'submit' });
    await act(t, as.vnOfficer, id, { action: 'send' });
    await act(t, as.sgOfficer, id, { action: 'acknowledge' });
    await w.deliverAll();
  });
  afterAll(async () => {
    await receiver.stop();
    await w.close();
    await t.close();
  });

  it('its notifications, inbox and webhook, carry its reference and state only', async () => {
    const [{ reference }] = await t.sql<{ reference: string }>(`SELECT reference FROM requests WHERE id = $1`, [id]);
    const hooks = receiver.received.filter((r) => r.json.request?.id === id);
    expect(hooks.length).toBeGreaterThan(0);
    for (const hook of hooks) {
      expect(hook.json.request).toEqual({ id, reference, state: expect.any(String) });
      expect(hook.body).not.toContain('MARKER-CONFIDENTIAL-TITLE');
    }
    const rows = await t.sql<{ payload: Record<string, any>; title: string; body: string }>(`SELECT payload, title, body FROM notifications WHERE request_id = $1`, [id]);
    expect(rows.length).toBeGreaterThan(0);
    for (const n of rows) {
      expect(Object.keys(n.payload.request).sort()).toEqual(['id', 'reference', 'state']);
      expect(JSON.stringify(n)).not.toContain('MARKER-CONFIDENTIAL-TITLE');
    }
  });

  it('every read of it is logged: who, when, what; the requesting side’s supervisors read it all', async () => {
    const itemsBefore = (await t.http.get(`/api/v1/requests/${id}/access-log`).set('authorization', as.vnSupervisor)).body.items.length;
    for (const [who, path] of [['sgOfficer', ''], ['sgOfficer', '/events'], ['sgSupervisor', '/evidence']] as const) {
      t.clock.advance(1000);
      await t.http.get(`/api/v1/requests/${id}${path}`).set('authorization', as[who]).expect(200);
    }
    t.clock.advance(1000);
    const log = await t.http.get(`/api/v1/requests/${id}/access-log`).set('authorization', as.vnSupervisor);
    expect(log.status).toBe(200);
    // Reading the log is a read too (issue 22, item 4): this one first.
    expect(log.body.items.slice(0, 4).map((e: any) => `${e.user.email}:${e.what}`)).toEqual([
      'supervisor@vn.example:access_log',
      'supervisor@sg.example:evidence',
      'officer@sg.example:events',
      'officer@sg.example:request',
    ]);
    expect(log.body.items.length).toBe(itemsBefore + 3 + 1); // itemsBefore counted its own read
    // The requested side reads its own side's reads; others may not read the log.
    const sg = await t.http.get(`/api/v1/requests/${id}/access-log`).set('authorization', as.sgOfficer);
    expect(sg.status).toBe(200);
    expect(new Set(sg.body.items.map((e: any) => e.user.country))).toEqual(new Set(['SG']));
    for (const who of ['vnProsecutor', 'vnOfficer'] as const) {
      expect((await t.http.get(`/api/v1/requests/${id}/access-log`).set('authorization', as[who])).status).toBe(403);
    }
    await expect(t.sql(`UPDATE access_log SET what = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('a request that is not confidential logs no read', async () => {
    const plain = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'SG-CA')));
    await t.http.get(`/api/v1/requests/${plain.id}`).set('authorization', as.vnProsecutor).expect(200);
    expect(await t.sql(`SELECT 1 FROM access_log WHERE request_id = $1`, [plain.id])).toHaveLength(0);
  });
});
