import { createTestApp, TestApp } from '../support/test-app';
import { DAY } from '../support/test-clock';
import { act, authorityId, completeDraft, createDraft, loginAll, UserKey } from '../support/fixtures';

/**
 * The walks a newcomer makes: a preservation request and its follow-up request, from draft
 * to closed, with the right allowedActions, events, deadlines and evidence at each step.
 */
describe('request lifecycle (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let sgCa: string;

  beforeAll(async () => {
    t = await createTestApp({ clockStart: '2026-11-02T02:00:00.000Z' });
    as = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
  });
  afterAll(() => t.close());

  const get = async (who: UserKey, id: string) => {
    const res = await t.http.get(`/api/v1/requests/${id}`).set('authorization', as[who]);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('walks a preservation request and its follow-up from draft to closed', async () => {
    // The prosecutor drafts and submits a preservation request.
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { type: 'PRESERVATION', title: 'Preserve the account data' }));
    expect(draft.reference).toMatch(/^VN-2026-\d{6}$/);
    expect(draft.state).toBe('DRAFT');
    expect(draft.allowedActions).toEqual(['submit']);
    expect(draft.ballHolder).toBe('REQUESTING');
    const id = draft.id as string;

    // SG cannot see the draft at all.
    expect((await t.http.get(`/api/v1/requests/${id}`).set('authorization', as.sgOfficer)).status).toBe(404);

    let r = await act(t, as.vnProsecutor, id, { action: 'submit' });
    expect(r.state).toBe('IN_REVIEW');
    expect(r.deadlines).toEqual([expect.objectContaining({ kind: 'REVIEW', party: 'REQUESTING', status: 'PENDING' })]);
    expect((await get('vnOfficer', id)).allowedActions).toEqual(['return', 'send']);
    expect((await get('vnProsecutor', id)).allowedActions).toEqual(['withdraw']);

    r = await act(t, as.vnOfficer, id, { action: 'send' });
    expect(r.state).toBe('SENT');
    expect(r.ballHolder).toBe('REQUESTED');
    const kinds = (r.deadlines as { kind: string; status: string }[]).map((d) => `${d.kind}:${d.status}`).sort();
    expect(kinds).toEqual(['ACKNOWLEDGEMENT:PENDING', 'PRESERVATION_CONFIRMATION:PENDING', 'REVIEW:MET']);

    // Now SG sees it, and may acknowledge it.
    expect((await get('sgOfficer', id)).allowedActions).toEqual(['acknowledge', 'refuse']);
    r = await act(t, as.sgOfficer, id, { action: 'acknowledge', note: 'Received by the SG central authority' });
    expect(r.state).toBe('ACKNOWLEDGED');
    expect(r.acknowledgedAt).not.toBeNull();
    expect((await get('sgOfficer', id)).allowedActions).toEqual(['confirm_preservation', 'report_delay', 'refuse']);

    t.clock.advance(DAY);
    r = await act(t, as.sgOfficer, id, { action: 'confirm_preservation', preservedUntil: '2027-01-20' });
    expect(r.state).toBe('PRESERVED');
    expect(r.ballHolder).toBe('REQUESTING');
    expect(r.deadlines).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'PRESERVATION_EXPIRY', status: 'PENDING', dueAt: r.preservedUntil })]),
    );

    // The follow-up MLA request continues the preservation.
    const followUp = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { relatedRequestId: id, title: 'Produce the preserved data' }));
    await act(t, as.vnProsecutor, followUp.id, { action: 'submit' });
    await act(t, as.vnOfficer, followUp.id, { action: 'send' });

    // Sending the follow-up met the preservation's expiry, in its own history.
    const preserved = await get('vnProsecutor', id);
    expect(preserved.deadlines).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'PRESERVATION_EXPIRY', status: 'MET' })]));
    const events = await t.http.get(`/api/v1/requests/${id}/events`).set('authorization', as.vnProsecutor);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'send',
      'acknowledge',
      'confirm_preservation',
      'follow_up_sent',
    ]);

    // The preservation closes, naming its follow-up.
    r = await act(t, as.vnProsecutor, id, { action: 'close', outcome: 'Continued by the MLA request', followUpRequestId: followUp.id });
    expect(r.state).toBe('CLOSED');
    expect(r.allowedActions).toEqual([]);
    expect(r.ballHolder).toBeNull();

    // The follow-up executes: info requested and provided, evidence in two deliveries.
    await act(t, as.sgOfficer, followUp.id, { action: 'acknowledge' });
    await act(t, as.sgOfficer, followUp.id, { action: 'start_execution', executingBody: 'SPF Technology Crime Investigation Branch' });
    r = await act(t, as.sgOfficer, followUp.id, { action: 'request_info', message: 'Which time zone is the timestamp in?' });
    expect(r.state).toBe('INFO_REQUESTED');
    expect(r.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'EXECUTION', status: 'PAUSED' }),
        expect.objectContaining({ kind: 'INFO_RESPONSE', status: 'PENDING', party: 'REQUESTING' }),
      ]),
    );
    const pausedExecution = (r.deadlines as { kind: string; remainingMs: number }[]).find((d) => d.kind === 'EXECUTION');
    t.clock.advance(3 * DAY);
    r = await act(t, as.vnProsecutor, followUp.id, { action: 'provide_info', message: 'UTC+7, as stated.' });
    expect(r.state).toBe('IN_EXECUTION');
    const resumed = (r.deadlines as { kind: string; status: string; dueAt: string }[]).find((d) => d.kind === 'EXECUTION');
    expect(resumed?.status).toBe('PENDING');
    expect(new Date(resumed?.dueAt as string).getTime()).toBe(t.clock.now().getTime() + (pausedExecution?.remainingMs as number));

    const sha = 'a'.repeat(64);
    r = await act(t, as.sgOfficer, followUp.id, {
      action: 'deliver_evidence',
      final: false,
      items: [{ description: 'Subscriber record (CSV)', kind: 'FILE', sha256: sha, sizeBytes: 2048 }],
    });
    expect(r.state).toBe('IN_EXECUTION');
    const firstItems = await t.http.get(`/api/v1/requests/${followUp.id}/evidence`).set('authorization', as.vnProsecutor);
    const firstId = firstItems.body.items[0].id as string;
    r = await act(t, as.sgOfficer, followUp.id, {
      action: 'deliver_evidence',
      final: true,
      items: [{ description: 'Corrected subscriber record', kind: 'FILE', sha256: 'b'.repeat(64), sizeBytes: 2050, supersedesId: firstId }],
    });
    expect(r.state).toBe('EVIDENCE_RECEIVED');
    expect(r.deliveryCount).toBe(2);
    expect(r.deadlines).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'EXECUTION', status: 'MET' })]));

    const evidence = await t.http.get(`/api/v1/requests/${followUp.id}/evidence`).set('authorization', as.sgOfficer);
    expect(evidence.body.items).toHaveLength(2);
    expect(evidence.body.items[0]).toMatchObject({ deliveryNo: 1, sha256: sha, sizeBytes: 2048, supersededById: evidence.body.items[1].id });
    expect(evidence.body.items[1]).toMatchObject({ deliveryNo: 2, supersedesId: firstId });
    expect(evidence.body.items[1].custody).toEqual([expect.objectContaining({ from: 'SG-CA', to: 'VN-HCM-PROS', note: 'delivery 2' })]);

    r = await act(t, as.vnProsecutor, followUp.id, { action: 'close', outcome: 'Evidence received and used' });
    expect(r.state).toBe('CLOSED');
    expect(r.deadlines.every((d: { status: string }) => d.status === 'MET' || d.status === 'CANCELLED')).toBe(true);

    for (const reqId of [id, followUp.id]) {
      const verify = await t.http.get(`/api/v1/requests/${reqId}/events/verify`).set('authorization', as.vnSupervisor);
      expect(verify.body).toMatchObject({ valid: true });
    }
  });

  it('writes one outbox row per recipient for each accepted action', async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    await act(t, as.vnOfficer, draft.id, { action: 'send' });
    const rows = await t.sql<{ type: string; code: string }>(
      `SELECT o.type, a.code FROM outbox o JOIN authorities a ON a.id = o.recipient_authority_id WHERE o.request_id = $1 ORDER BY o.event_seq, a.code`,
      [draft.id],
    );
    expect(rows).toEqual([
      { type: 'request.submitted', code: 'VN-CA' },
      { type: 'request.sent', code: 'SG-CA' },
      { type: 'request.sent', code: 'VN-HCM-PROS' },
    ]);
  });
});
