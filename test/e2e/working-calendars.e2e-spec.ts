import { DeadlineScheduler, deadlineJobId } from '../../libs/deadlines/src';
import { WorkingCalendarsHolder } from '../../libs/countries/src';
import { type CalendarSweepResult, WorkingCalendarSweeps } from '../../libs/working-calendars/src';
import { act, authorityId, completeDraft, createDraft, expectProblem, loginAll, type UserKey } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';
import { startTestWorker, type TestWorker } from '../support/test-worker';

/**
 * Each country's working calendar as an admin keeps it (DESIGN §5 as the README extends it):
 * a year set through the API (validated like the file, audited), in force at once in every
 * process (NOTIFY at commit), the country's running business-day deadlines recomputed and
 * rescheduled through the one write path, and nothing left on the old calendar when the
 * process that set it stops before recomputing, or another one computed a due time before it
 * heard of the change.
 */
const SETTLE_MS = 600_000;
const TET_2027 = {
  nonWorkingDays: [{ from: '2027-02-04', to: '2027-02-12', name: 'Tết Đinh Mùi', source: 'Văn phòng Chính phủ (test schedule)' }],
  makeUpWorkingDays: [{ date: '2027-02-20', name: 'làm bù', source: 'Văn phòng Chính phủ (test schedule)' }],
};
/** 5 business days from Monday 1 February 2027 10:00 in Ho Chi Minh City. */
const DUE_LIBRARY = '2027-02-11T16:59:59.999Z'; // the holiday library and the file alone
const DUE_TET = '2027-02-17T16:59:59.999Z'; // Tết 4-12 February off: 2, 3, 15, 16, 17

describe('working calendars kept by an admin (e2e)', () => {
  let t: TestApp;
  let w: TestWorker;
  let as: Record<UserKey, string>;
  let sgCa: string;

  beforeAll(async () => {
    const env = { CALENDAR_REFRESH_INTERVAL_MS: String(SETTLE_MS) };
    t = await createTestApp({ clockStart: '2027-02-01T03:00:00.000Z', env });
    w = await startTestWorker(t, { CALENDAR_REFRESH_INTERVAL_MS: SETTLE_MS });
    as = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
  });
  afterAll(async () => {
    await w.close();
    await t.close();
  });

  const put = (bearer: string | null, path: string, body: unknown) => {
    const r = t.http.put(`/api/v1/countries/${path}`).send(body as object);
    return bearer ? r.set('authorization', bearer) : r;
  };
  const review = async (requestId: string) => {
    const [row] = await t.sql<{ id: string; due_at: Date; span_ms: string; business_days: number | null; scheduled_for: Date | null; start_at: Date }>(
      `SELECT id, due_at, span_ms, business_days, scheduled_for, start_at FROM deadlines WHERE request_id = $1 AND kind = 'REVIEW'`,
      [requestId],
    );
    return row as NonNullable<typeof row>;
  };
  const recomputeEvents = (requestId: string) =>
    t.sql<{ input: { calendarCountry: string; deadlines: Record<string, unknown>[] }; audience: string }>(
      `SELECT input, audience FROM request_events WHERE request_id = $1 AND action = 'recompute_deadlines' ORDER BY seq`,
      [requestId],
    );
  const submitted = async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    return draft.id as string;
  };
  /** The next sweep of the worker's loop, with what it did. */
  const nextWorkerSweep = () =>
    new Promise<CalendarSweepResult>((resolve) => w.context.get(WorkingCalendarSweeps).loop.onSwept((_, result) => resolve(result as CalendarSweepResult)));

  it('refuses whoever is not an admin, and every bad country, year and entry, naming it', async () => {
    expect((await put(null, 'VN/calendars/2027', TET_2027)).status).toBe(401);
    for (const who of ['vnProsecutor', 'vnOfficer', 'vnSupervisor'] as const) expectProblem(await put(as[who], 'VN/calendars/2027', TET_2027), 403, 'FORBIDDEN');
    expectProblem(await put(as.admin, 'XX/calendars/2027', TET_2027), 400, 'VALIDATION_FAILED');
    expectProblem(await put(as.admin, 'V1/calendars/2027', TET_2027), 400, 'VALIDATION_FAILED');
    for (const year of ['1800', '2300', 'twenty', '2027.5']) expectProblem(await put(as.admin, `VN/calendars/${year}`, TET_2027), 400, 'VALIDATION_FAILED');
    const bad = await put(as.admin, 'VN/calendars/2027', {
      nonWorkingDays: [{ date: '2026-12-31', source: 'a source of the day' }, { date: '2027-02-04' }],
      makeUpWorkingDays: [{ date: '2027-02-22', source: 'a source of the day' }],
      colour: 'red',
    });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'nonWorkingDays[0]', message: '2026-12-31 is not in 2027' },
        { field: 'nonWorkingDays[1].source', message: 'missing' },
        { field: 'makeUpWorkingDays[0]', message: '2027-02-22 is a weekday: a make-up working day is a Saturday or a Sunday' },
        { field: 'colour', message: 'unknown key' },
      ]),
    );
    expectProblem(await put(as.admin, 'VN/calendars/2027', [1, 2]), 400, 'VALIDATION_FAILED');
    expect(await t.sql(`SELECT 1 FROM working_calendar_years`)).toEqual([]);
    expect(await t.sql(`SELECT 1 FROM admin_audit WHERE action = 'calendar.year_set'`)).toEqual([]);
  });

  it('a year set moves the running business-day deadlines held in that country, through the write path; the others stay', async () => {
    const a = await submitted(); // REVIEW: Viet Nam's, 5 business days
    const before = await review(a);
    expect(before).toMatchObject({ business_days: 5, due_at: new Date(DUE_LIBRARY) });
    const b = await submitted();
    await act(t, as.vnOfficer, b, { action: 'send' }); // REVIEW met; ACKNOWLEDGEMENT is Singapore's
    const bDeadlinesBefore = await t.sql(`SELECT id, due_at, status FROM deadlines WHERE request_id = $1 ORDER BY id`, [b]);

    const heard = nextWorkerSweep();
    const res = await put(as.admin, 'vn/calendars/2027', TET_2027);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ country: 'VN', year: 2027, origin: 'ADMIN', version: 1, changed: true, recomputation: 'DONE', nonWorkingDays: [{ from: '2027-02-04', to: '2027-02-12' }] });

    const after = await review(a);
    expect(after).toMatchObject({ business_days: 5, due_at: new Date(DUE_TET), start_at: before.start_at });
    expect(Number(after.span_ms)).toBe(new Date(DUE_TET).getTime() - before.start_at.getTime());
    expect(after.scheduled_for?.getTime()).toBe(Math.round(before.start_at.getTime() + Number(after.span_ms) / 2)); // the reminder at 50 % of the new span
    const queue = t.app.get(DeadlineScheduler).queue;
    expect(await queue.getJob(deadlineJobId(after.id, after.scheduled_for as Date))).toBeTruthy();
    expect(await queue.getJob(deadlineJobId(before.id, before.scheduled_for as Date))).toBeUndefined();

    expect(await recomputeEvents(a)).toEqual([
      {
        audience: 'REQUESTING', // not sent yet: the requesting side's own
        input: { calendarCountry: 'VN', deadlines: [{ deadlineId: after.id, kind: 'REVIEW', party: 'REQUESTING', businessDays: 5, oldDueAt: DUE_LIBRARY, newDueAt: DUE_TET }] },
      },
    ]);
    const verified = await t.http.get(`/api/v1/requests/${a}/events/verify`).set('authorization', as.vnProsecutor);
    expect(verified.body).toMatchObject({ valid: true });
    const shown = await t.http.get(`/api/v1/requests/${a}`).set('authorization', as.vnProsecutor);
    expect(shown.body.deadlines).toEqual([expect.objectContaining({ kind: 'REVIEW', dueAt: DUE_TET, status: 'PENDING' })]);
    const told = await t.sql<{ type: string }>(`SELECT type FROM outbox WHERE request_id = $1 AND type = 'deadline.recomputed'`, [a]);
    expect(told.length).toBeGreaterThan(0);

    expect(await recomputeEvents(b)).toEqual([]);
    expect(await t.sql(`SELECT id, due_at, status FROM deadlines WHERE request_id = $1 ORDER BY id`, [b])).toEqual(bDeadlinesBefore);

    // The worker, another process as far as it knows, heard of it at commit and uses it too.
    await heard;
    expect(w.context.get(WorkingCalendarsHolder).calendarFor('VN')?.nonWorkingDays).toContain('2027-02-08');
    expect(await t.sql(`SELECT version, recomputed_version FROM working_calendar_years WHERE country = 'VN' AND year = 2027`)).toEqual([{ version: 1, recomputed_version: 1 }]);

    // A new deadline is computed on it.
    const c = await submitted();
    expect((await review(c)).due_at).toEqual(new Date(DUE_TET));
  });

  it('is audited; everyone reads the calendar in force; sending it again changes nothing', async () => {
    const [audit] = await t.sql<Record<string, any>>(`SELECT actor_email, action, target_type, changes, before, after, countries FROM admin_audit WHERE action = 'calendar.year_set'`);
    expect(audit).toMatchObject({
      actor_email: 'admin@example.org',
      target_type: 'WORKING_CALENDAR',
      changes: ['nonWorkingDays', 'makeUpWorkingDays'],
      countries: ['VN'],
      before: { origin: 'FILE', year: 2027, nonWorkingDays: [expect.objectContaining({ from: '2027-05-03' })] },
      after: { origin: 'ADMIN', version: 1, year: 2027 },
    });
    const read = await t.http.get('/api/v1/countries/VN/calendars').set('authorization', as.sgOfficer);
    expect(read.status).toBe(200);
    expect(read.body.years.map((y: { year: number; origin: string }) => [y.year, y.origin])).toEqual([
      [2026, 'FILE'],
      [2027, 'ADMIN'],
    ]);
    expect((await t.http.get('/api/v1/countries/VN/calendars')).status).toBe(401);
    expectProblem(await t.http.get('/api/v1/countries/ZZZ/calendars').set('authorization', as.sgOfficer), 400, 'VALIDATION_FAILED');

    const again = await put(as.admin, 'VN/calendars/2027', TET_2027);
    expect(again.body).toMatchObject({ version: 1, changed: false, recomputation: 'DONE' });
    expect(await t.sql(`SELECT 1 FROM admin_audit WHERE action = 'calendar.year_set'`)).toHaveLength(1);
  });

  it('when the process that set it dies after its commit, the worker recomputes; a due time computed on the old calendar is set right once every process has re-read it', async () => {
    const a = await submitted(); // due on Tết 2027 as set: 17 February
    expect((await review(a)).due_at).toEqual(new Date(DUE_TET));
    // The API process stops hearing of changes, and a change commits without its recomputation
    // (what a process that dies right after its commit leaves: the row and its NOTIFY).
    await t.app.get(WorkingCalendarSweeps).onApplicationShutdown();
    const heard = nextWorkerSweep();
    const longer = [...TET_2027.nonWorkingDays, { from: '2027-02-15', to: '2027-02-15', source: 'Văn phòng Chính phủ (test schedule)' }];
    await t.sql(
      `WITH saved AS (UPDATE working_calendar_years SET non_working_days = $1::jsonb, version = version + 1, set_at = $2 WHERE country = 'VN' AND year = 2027 RETURNING 1)
       SELECT pg_notify('working_calendars', 'VN') FROM saved`,
      [JSON.stringify(longer), t.clock.now()],
    );
    const swept = await heard;
    expect(swept.recomputed).toEqual([expect.objectContaining({ country: 'VN', year: 2027, version: 2 })]);
    expect((await review(a)).due_at).toEqual(new Date('2027-02-18T16:59:59.999Z'));
    expect(await t.sql(`SELECT version, recomputed_version FROM working_calendar_years WHERE country = 'VN' AND year = 2027`)).toEqual([{ version: 2, recomputed_version: 2 }]);

    // Meanwhile the API, still on version 1, computes a new deadline on it.
    const stale = await submitted();
    expect((await review(stale)).due_at).toEqual(new Date(DUE_TET));
    // Once every process has re-read the calendar (CALENDAR_REFRESH_INTERVAL_MS), one more recomputation sets it right.
    t.clock.advance(SETTLE_MS + 1);
    const settled = nextWorkerSweep();
    await w.context.get(WorkingCalendarSweeps).loop.trigger('interval');
    expect((await settled).recomputed).toEqual([expect.objectContaining({ country: 'VN', year: 2027, version: 2, deadlines: 1 })]);
    expect((await review(stale)).due_at).toEqual(new Date('2027-02-18T16:59:59.999Z'));
    expect((await review(a)).due_at).toEqual(new Date('2027-02-18T16:59:59.999Z'));
    // And then nothing is owed any more.
    const idle = nextWorkerSweep();
    await w.context.get(WorkingCalendarSweeps).loop.trigger('interval');
    expect((await idle).recomputed).toEqual([]);
  });
});
