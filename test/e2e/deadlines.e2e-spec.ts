import { createTestApp, TestApp } from '../support/test-app';
import { DAY, HOUR } from '../support/test-clock';
import { flushPrefix, startTestWorker, TestWorker } from '../support/test-worker';
import { act, authorityId, completeDraft, createDraft, loginAll, UserKey } from '../support/fixtures';
import { DeadlineFiringService } from '../../libs/deadline-worker/src';

/**
 * Deadlines that enforce themselves: reminders, overdue (level 1), escalation (level 2),
 * preservation expiry, exactly-once firing with two workers, recovery after Redis loses
 * every job. Time is the injected clock; jobs are awaited through BullMQ's events.
 */
describe('deadlines (e2e)', () => {
  let t: TestApp;
  let w: TestWorker;
  let as: Record<UserKey, string>;
  let sgCa: string;

  beforeAll(async () => {
    t = await createTestApp({ clockStart: '2026-11-02T03:00:00.000Z' }); // Monday 10:00 in Ho Chi Minh City
    w = await startTestWorker(t);
    as = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
  });
  afterAll(async () => {
    await w.close();
    await t.close();
  });

  const deadline = async (requestId: string, kind: string) => {
    const [row] = await t.sql<{ id: string; status: string; escalation_level: number; reminders_sent: number; due_at: Date; scheduled_for: Date | null }>(
      `SELECT id, status, escalation_level, reminders_sent, due_at, scheduled_for FROM deadlines WHERE request_id = $1 AND kind = $2 ORDER BY created_at DESC LIMIT 1`,
      [requestId, kind],
    );
    return row as NonNullable<typeof row>;
  };
  const eventsOf = async (requestId: string, action: string) =>
    t.sql<{ input: Record<string, unknown> }>(`SELECT input FROM request_events WHERE request_id = $1 AND action = $2 ORDER BY seq`, [requestId, action]);
  const outboxOf = (requestId: string, type: string) =>
    t.sql<{ code: string; email: string | null }>(
      `SELECT a.code, u.email FROM outbox o JOIN authorities a ON a.id = o.recipient_authority_id LEFT JOIN users u ON u.id = o.recipient_user_id
       WHERE o.request_id = $1 AND o.type = $2 ORDER BY a.code, u.email`,
      [requestId, type],
    );

  it('reminds the ball holder, then goes overdue (level 1) and escalates (level 2); a late action still meets it', async () => {
    t.clock.set('2026-11-02T03:00:00.000Z');
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    const submitted = await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    const review = submitted.deadlines.find((d: { kind: string }) => d.kind === 'REVIEW');
    // 5 business days in Viet Nam from Monday 2 November: Monday 9 November, 23:59:59.999 local.
    expect(review).toMatchObject({ party: 'REQUESTING', status: 'PENDING', escalationLevel: 0, dueAt: '2026-11-09T16:59:59.999Z' });
    const row = await deadline(draft.id, 'REVIEW');
    const span = new Date(review.dueAt).getTime() - new Date(review.startAt).getTime();
    expect(row.scheduled_for?.getTime()).toBe(Math.round(new Date(review.startAt).getTime() + span / 2)); // first reminder at 50 %

    t.clock.set(new Date(new Date(review.startAt).getTime() + span / 2 + HOUR));
    expect(await w.runDue()).toBe(1);
    expect((await deadline(draft.id, 'REVIEW')).reminders_sent).toBe(1);
    expect(await outboxOf(draft.id, 'deadline.reminder')).toEqual([{ code: 'VN-CA', email: null }]);

    t.clock.set(new Date(new Date(review.dueAt).getTime() - 12 * HOUR)); // within the last 24 hours
    expect(await w.runDue()).toBe(1);
    expect(await outboxOf(draft.id, 'deadline.reminder')).toHaveLength(2);

    t.clock.set(new Date(new Date(review.dueAt).getTime() + 1));
    expect(await w.runDue()).toBe(1);
    expect(await deadline(draft.id, 'REVIEW')).toMatchObject({ status: 'OVERDUE', escalation_level: 1 });
    expect(await eventsOf(draft.id, 'deadline_overdue')).toEqual([{ input: expect.objectContaining({ kind: 'REVIEW', escalationLevel: 1 }) }]);
    expect(await outboxOf(draft.id, 'deadline.escalated')).toEqual([{ code: 'VN-CA', email: 'supervisor@vn.example' }]);
    const shown = await t.http.get(`/api/v1/requests/${draft.id}`).set('authorization', as.vnSupervisor);
    expect(shown.body.deadlines[0]).toMatchObject({ kind: 'REVIEW', status: 'OVERDUE', escalationLevel: 1 });
    const overdueList = await t.http.get('/api/v1/requests?overdue=true').set('authorization', as.vnSupervisor);
    expect(overdueList.body.items.map((r: { id: string }) => r.id)).toContain(draft.id);

    t.clock.set(new Date(new Date(review.dueAt).getTime() + span / 2 + 1));
    expect(await w.runDue()).toBe(1);
    expect(await deadline(draft.id, 'REVIEW')).toMatchObject({ status: 'OVERDUE', escalation_level: 2 });
    expect(await eventsOf(draft.id, 'deadline_escalated')).toHaveLength(1);
    // Not yet sent: Singapore is not told of it, so only Viet Nam's supervisor hears of level 2.
    expect(await outboxOf(draft.id, 'deadline.escalated')).toEqual([
      { code: 'VN-CA', email: 'supervisor@vn.example' },
      { code: 'VN-CA', email: 'supervisor@vn.example' },
    ]);
    expect(await w.runDue()).toBe(0); // nothing more to do for it

    const sent = await act(t, as.vnOfficer, draft.id, { action: 'send' });
    expect(sent.deadlines.find((d: { kind: string }) => d.kind === 'REVIEW')).toMatchObject({ status: 'MET', escalationLevel: 2 });
  });

  it("escalates the requested side's deadline to both countries' supervisors at level 2", async () => {
    t.clock.set('2026-11-02T03:00:00.000Z');
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    const sent = await act(t, as.vnOfficer, draft.id, { action: 'send' });
    const ack = sent.deadlines.find((d: { kind: string }) => d.kind === 'ACKNOWLEDGEMENT');
    const span = new Date(ack.dueAt).getTime() - new Date(ack.startAt).getTime();
    t.clock.set(new Date(new Date(ack.dueAt).getTime() + span)); // past level 1 and level 2 at once
    expect(await w.runDue()).toBeGreaterThanOrEqual(1);
    expect(await deadline(draft.id, 'ACKNOWLEDGEMENT')).toMatchObject({ status: 'OVERDUE', escalation_level: 2 });
    expect(await outboxOf(draft.id, 'deadline.escalated')).toEqual([
      { code: 'SG-CA', email: 'supervisor@sg.example' },
      { code: 'SG-CA', email: 'supervisor@sg.example' },
      { code: 'VN-CA', email: 'supervisor@vn.example' },
    ]);
    // Reminders whose deadline had already passed were skipped, not sent late; EXECUTION's
    // own 50 % reminder (10 of its 20 days) was due and went to the requested authority.
    const reminders = await t.sql<{ kind: string; code: string }>(
      `SELECT o.payload->'data'->>'kind' AS kind, a.code FROM outbox o JOIN authorities a ON a.id = o.recipient_authority_id
       WHERE o.request_id = $1 AND o.type = 'deadline.reminder'`,
      [draft.id],
    );
    expect(reminders).toEqual([{ kind: 'EXECUTION', code: 'SG-CA' }]);
    const acked = await act(t, as.sgOfficer, draft.id, { action: 'acknowledge' });
    expect(acked.deadlines.find((d: { kind: string }) => d.kind === 'ACKNOWLEDGEMENT')).toMatchObject({ status: 'MET' });
  });

  it('expires a preservation whose follow-up was not sent in time', async () => {
    t.clock.set('2026-11-02T03:00:00.000Z');
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { type: 'PRESERVATION' }));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    await act(t, as.vnOfficer, draft.id, { action: 'send' });
    await act(t, as.sgOfficer, draft.id, { action: 'acknowledge' });
    const preserved = await act(t, as.sgOfficer, draft.id, { action: 'confirm_preservation', preservedUntil: '2027-01-05' });
    const expiry = preserved.deadlines.find((d: { kind: string }) => d.kind === 'PRESERVATION_EXPIRY');
    expect(expiry).toMatchObject({ party: 'REQUESTING', dueAt: '2027-01-05T15:59:59.999Z' });

    t.clock.set('2027-01-05T16:00:00.000Z');
    await w.runDue();
    const after = await t.http.get(`/api/v1/requests/${draft.id}`).set('authorization', as.vnProsecutor);
    expect(after.body).toMatchObject({ state: 'EXPIRED', ballHolder: null, allowedActions: [] });
    expect(await eventsOf(draft.id, 'expire')).toHaveLength(1);
    expect((await outboxOf(draft.id, 'request.expired')).map((r) => r.code)).toEqual(['SG-CA', 'VN-CA', 'VN-HCM-PROS']);
    expect(await w.runDue()).toBe(0);
  });

  it('fires every deadline exactly once with two workers, even when both fire the same one', async () => {
    t.clock.set('2026-11-02T03:00:00.000Z');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
      ids.push(draft.id);
    }
    const second = await startTestWorker(t);
    try {
      t.clock.set('2026-11-10T00:00:00.000Z'); // past every REVIEW's due time
      const deadlineIds = (await t.sql<{ id: string }>(`SELECT id FROM deadlines WHERE request_id = ANY($1) AND kind = 'REVIEW'`, [ids])).map((r) => r.id);
      // Both workers fire the same deadlines at once (as BullMQ may after a stalled job).
      await Promise.all(
        deadlineIds.flatMap((id) => [w.context.get(DeadlineFiringService).fire(id), second.context.get(DeadlineFiringService).fire(id)]),
      );
      // And the reconcilers of both run; their jobs are shared by the two workers.
      await Promise.all([w.runDue(), second.runDue()]);
      for (const id of ids) {
        expect(await eventsOf(id, 'deadline_overdue')).toHaveLength(1);
        expect(await outboxOf(id, 'deadline.escalated')).toHaveLength(1);
        expect(await outboxOf(id, 'deadline.reminder')).toHaveLength(0);
      }
      const verify = await t.http.get(`/api/v1/requests/${ids[0]}/events/verify`).set('authorization', as.vnSupervisor);
      expect(verify.body.valid).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('after Redis loses every job, a restarted worker fires each past-due deadline once', async () => {
    t.clock.set('2026-11-02T03:00:00.000Z');
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    await w.close();
    expect(await flushPrefix(t)).toBeGreaterThan(0);

    t.clock.set('2026-11-10T00:00:00.000Z');
    w = await startTestWorker(t); // its start-up sweep schedules what is missing, due now
    // That job may have run already, or be running: a sweep of what is due awaits it either way
    // (a deadline whose job has run is no longer due, and the next one lies in the future).
    await w.runDue();
    expect(await eventsOf(draft.id, 'deadline_overdue')).toHaveLength(1);
    expect(await deadline(draft.id, 'REVIEW')).toMatchObject({ status: 'OVERDUE', escalation_level: 1 });
  });

  it('lets a supervisor of the side that holds a deadline extend it, with a reason', async () => {
    t.clock.set('2026-11-02T03:00:00.000Z');
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    const sent = await act(t, as.vnOfficer, draft.id, { action: 'send' });
    const ack = sent.deadlines.find((d: { kind: string }) => d.kind === 'ACKNOWLEDGEMENT');
    const url = `/api/v1/requests/${draft.id}/deadlines/${ack.id}/extensions`;
    const later = new Date(new Date(ack.dueAt).getTime() + 3 * DAY).toISOString();

    expect((await t.http.post(url).set('authorization', as.vnSupervisor).send({ dueAt: later, reason: 'Public holiday' })).status).toBe(403);
    expect((await t.http.post(url).set('authorization', as.sgOfficer).send({ dueAt: later, reason: 'Public holiday' })).status).toBe(403);
    const early = await t.http.post(url).set('authorization', as.sgSupervisor).send({ dueAt: '2026-11-03T00:00:00Z', reason: 'Too early' });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('RULE_VIOLATED');
    expect((await t.http.post(url).set('authorization', as.sgSupervisor).send({ dueAt: later })).status).toBe(400);

    const res = await t.http.post(url).set('authorization', as.sgSupervisor).send({ dueAt: later, reason: 'Team at the ASEAN meeting' });
    expect(res.status).toBe(200);
    expect(res.body.deadlines.find((d: { id: string }) => d.id === ack.id)).toMatchObject({ dueAt: later, status: 'PENDING', escalationLevel: 0 });
    const [event] = await eventsOf(draft.id, 'extend_deadline');
    expect(event?.input).toMatchObject({ reason: 'Team at the ASEAN meeting', oldDueAt: ack.dueAt, newDueAt: later, kind: 'ACKNOWLEDGEMENT' });
    const [actor] = await t.sql<{ actor: { userId: string; role: string } }>(`SELECT actor FROM request_events WHERE request_id = $1 AND action = 'extend_deadline'`, [draft.id]);
    expect(actor?.actor.role).toBe('SUPERVISOR');
    expect((await deadline(draft.id, 'ACKNOWLEDGEMENT')).scheduled_for).not.toBeNull();

    await act(t, as.sgOfficer, draft.id, { action: 'acknowledge' });
    const met = await t.http.post(url).set('authorization', as.sgSupervisor).send({ dueAt: new Date(new Date(later).getTime() + DAY).toISOString(), reason: 'again' });
    expect(met.status).toBe(409);
  });
});
