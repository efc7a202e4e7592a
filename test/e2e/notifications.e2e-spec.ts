import { Webhook } from 'standardwebhooks';
import { createTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { WebhookReceiver } from '../support/webhook-receiver';
import { act, authorityId, completeDraft, createDraft, loginAll, UserKey } from '../support/fixtures';

/**
 * Notifications between contact points (DESIGN §7): outbox → relay → inbox and signed
 * webhooks, retries, DEAD and retry, languages, who is told of what.
 */
describe('notifications (e2e)', () => {
  let t: TestApp;
  let w: TestWorker;
  let as: Record<UserKey, string>;
  let sgCa: string;
  const receiver = new WebhookReceiver();
  let secret: string;

  beforeAll(async () => {
    // Real time: receivers check the webhook-timestamp against their own clock.
    t = await createTestApp({ clockStart: new Date().toISOString(), env: { WEBHOOK_BACKOFF_MS: '20', WEBHOOK_MAX_ATTEMPTS: '3' } });
    w = await startTestWorker(t);
    as = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
    await receiver.start();
    const patched = await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: receiver.url });
    expect(patched.status).toBe(200);
    secret = patched.body.webhookSecret;
    expect(secret).toMatch(/^whsec_/);
  });
  afterAll(async () => {
    await w.close();
    await t.close();
    await receiver.stop();
  });

  const inbox = async (who: UserKey, query = '') => (await t.http.get(`/api/v1/notifications${query}`).set('authorization', as[who])).body;

  it('delivers the signed request.sent to SG-CA and the Vietnamese text to the VN inbox', async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    await act(t, as.vnOfficer, draft.id, { action: 'send' });
    await w.deliverAll();

    const [sent] = receiver.ofType('request.sent');
    expect(sent).toBeDefined();
    const verified = new Webhook(secret).verify(sent?.body as string, {
      'webhook-id': sent?.headers['webhook-id'] as string,
      'webhook-timestamp': sent?.headers['webhook-timestamp'] as string,
      'webhook-signature': sent?.headers['webhook-signature'] as string,
    }) as Record<string, any>;
    expect(verified).toMatchObject({
      type: 'request.sent',
      request: { id: draft.id, reference: draft.reference, state: 'SENT' },
      text: { language: 'en', title: `New request ${draft.reference} received` },
    });
    expect(sent?.headers['webhook-id']).toBe(verified.id);
    // A tampered body fails verification.
    expect(() => new Webhook(secret).verify(sent?.body.replace('SENT', 'CLOSED') as string, sent?.headers as Record<string, string>)).toThrow();

    const vn = await inbox('vnProsecutor', '?unread=true');
    const note = vn.items.find((n: { type: string; requestId: string }) => n.type === 'request.sent' && n.requestId === draft.id);
    // The requesting side reads its own side's text: sent abroad, not "received" (issue 21).
    expect(note).toMatchObject({ language: 'vi', title: `Yêu cầu ${draft.reference} đã được gửi ra nước ngoài`, readAt: null });
    const sg = await inbox('sgOfficer');
    expect(sg.items.find((n: { type: string; requestId: string }) => n.type === 'request.sent' && n.requestId === draft.id)).toMatchObject({
      language: 'en',
      title: `New request ${draft.reference} received`,
    });
    // The VN central authority was told of the submission, in Vietnamese.
    expect((await inbox('vnOfficer')).items.map((n: { type: string }) => n.type)).toContain('request.submitted');

    const read = await t.http.post(`/api/v1/notifications/${note.id}/read`).set('authorization', as.vnProsecutor);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await inbox('vnProsecutor', '?unread=true')).items.map((n: { id: string }) => n.id)).not.toContain(note.id);
    // Another authority's users can neither see nor read it.
    expect((await t.http.post(`/api/v1/notifications/${note.id}/read`).set('authorization', as.sgOfficer)).status).toBe(404);
    expect((await inbox('sgOfficer')).items.map((n: { id: string }) => n.id)).not.toContain(note.id);
    expect((await t.http.get('/api/v1/notifications').set('authorization', as.admin)).status).toBe(403);
    expect((await t.http.get('/api/v1/notifications?unread=maybe').set('authorization', as.vnOfficer)).status).toBe(400);
  });

  it('tells the other side of every action', async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    const id = draft.id as string;
    await act(t, as.vnProsecutor, id, { action: 'submit' });
    await act(t, as.vnOfficer, id, { action: 'return', reason: 'Add the provision' });
    await act(t, as.vnProsecutor, id, { action: 'submit' });
    await act(t, as.vnOfficer, id, { action: 'send' });
    await act(t, as.sgOfficer, id, { action: 'acknowledge' });
    await act(t, as.sgOfficer, id, { action: 'start_execution' });
    await act(t, as.sgOfficer, id, { action: 'report_delay', reason: 'Provider slow', expectedBy: '2026-12-31' });
    await act(t, as.sgOfficer, id, { action: 'request_info', message: 'Which account?' });
    await act(t, as.vnProsecutor, id, { action: 'provide_info', message: 'Account X' });
    await act(t, as.sgOfficer, id, { action: 'deliver_evidence', final: true, items: [{ description: 'Record', kind: 'DOCUMENT' }] });
    await act(t, as.vnProsecutor, id, { action: 'close', outcome: 'Done' });
    await w.deliverAll();

    const rows = await t.sql<{ type: string; codes: string }>(
      `SELECT n.type, string_agg(a.code, ',' ORDER BY a.code) AS codes
       FROM notifications n JOIN outbox o ON o.id = n.outbox_id JOIN authorities a ON a.id = n.recipient_authority_id
       WHERE n.request_id = $1 GROUP BY n.type, o.event_seq ORDER BY o.event_seq`,
      [id],
    );
    expect(rows.map((r) => `${r.type}:${r.codes}`)).toEqual([
      'request.submitted:VN-CA',
      'request.returned:VN-HCM-PROS',
      'request.submitted:VN-CA',
      'request.sent:SG-CA,VN-HCM-PROS',
      'request.acknowledged:VN-CA,VN-HCM-PROS',
      'request.execution_started:VN-CA,VN-HCM-PROS',
      'request.delay_reported:VN-CA,VN-HCM-PROS',
      'request.info_requested:VN-CA,VN-HCM-PROS',
      'request.info_provided:SG-CA,VN-CA',
      'request.evidence_delivered:VN-CA,VN-HCM-PROS',
      'request.closed:SG-CA,VN-CA',
    ]);
    // Every outbox row reached its inbox; SG-CA's webhook got each of its own, once.
    const [{ missing }] = await t.sql<{ missing: number }>(
      `SELECT count(*)::int AS missing FROM outbox o LEFT JOIN notifications n ON n.outbox_id = o.id WHERE n.id IS NULL`,
    );
    expect(missing).toBe(0);
    const toSg = receiver.received.filter((r) => r.json.request?.id === id).map((r) => r.json.type);
    expect(toSg).toEqual(['request.sent', 'request.info_provided', 'request.closed']);
  });

  it('retries a failing endpoint (503 twice, then 200) with the same webhook-id', async () => {
    const before = receiver.received.length;
    receiver.replies = [503, 503];
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    await act(t, as.vnOfficer, draft.id, { action: 'send' });
    await w.deliverAll();
    const attempts = receiver.received.slice(before).filter((r) => r.json.request?.id === draft.id);
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    const deliveries = await t.http.get(`/api/v1/authorities/${sgCa}/webhook-deliveries`).set('authorization', as.sgSupervisor);
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.items.find((d: { requestId: string }) => d.requestId === draft.id)).toMatchObject({
      status: 'DELIVERED',
      attempts: 3,
      lastStatusCode: 200,
    });
  });

  it('marks a delivery DEAD after the last attempt; it is visible and can be retried', async () => {
    receiver.replies = [500, 502, 503];
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    await act(t, as.vnOfficer, draft.id, { action: 'send' });
    await w.deliverAll();
    const list = await t.http.get(`/api/v1/authorities/${sgCa}/webhook-deliveries?status=DEAD`).set('authorization', as.admin);
    const dead = list.body.items.find((d: { requestId: string }) => d.requestId === draft.id);
    expect(dead).toMatchObject({ status: 'DEAD', attempts: 3, lastStatusCode: 503, lastError: 'HTTP 503' });
    expect(dead.deadAt).not.toBeNull();

    // Only the authority's own supervisors and admins see its deliveries.
    expect((await t.http.get(`/api/v1/authorities/${sgCa}/webhook-deliveries`).set('authorization', as.vnSupervisor)).status).toBe(404);
    expect((await t.http.get(`/api/v1/authorities/${sgCa}/webhook-deliveries`).set('authorization', as.sgOfficer)).status).toBe(403);

    const count = receiver.received.length;
    const retried = await t.http.post(`/api/v1/authorities/${sgCa}/webhook-deliveries/${dead.id}/retry`).set('authorization', as.sgSupervisor);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('PENDING');
    await receiver.next(count + 1);
    await w.deliverAll();
    const again = await t.http.get(`/api/v1/authorities/${sgCa}/webhook-deliveries`).set('authorization', as.admin);
    expect(again.body.items.find((d: { id: string }) => d.id === dead.id)).toMatchObject({ status: 'DELIVERED', attempts: 4 });
    const retriedAgain = await t.http.post(`/api/v1/authorities/${sgCa}/webhook-deliveries/${dead.id}/retry`).set('authorization', as.admin);
    expect(retriedAgain.status).toBe(409);
  });

  it('never shows a webhook secret after the answer that set it', async () => {
    const list = await t.http.get('/api/v1/authorities').set('authorization', as.admin);
    const sg = list.body.items.find((a: { id: string }) => a.id === sgCa);
    expect(sg.webhookUrl).toBe(receiver.url);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
  });
});
