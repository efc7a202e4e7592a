import fc from 'fast-check';
import { deadlineEffectsOf, type DeadlineKind } from '@mla/domain';
import type { DeadlineRow } from '../deadline.row';
import { planDeadlines, type DeadlinePlanInput } from './deadline-plan';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date('2026-11-02T03:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const SCHEDULE = { reminders: [{ atFraction: 0.5 }], escalation: { level2AfterFraction: 0.5 } };

function deadline(kind: DeadlineKind, patch: Partial<DeadlineRow> = {}): DeadlineRow {
  return {
    id: `d-${kind}`,
    requestId: 'r1',
    kind,
    party: kind === 'REVIEW' || kind === 'INFO_RESPONSE' || kind === 'PRESERVATION_EXPIRY' ? 'REQUESTING' : 'REQUESTED',
    status: 'PENDING',
    startAt: T0,
    dueAt: at(10 * DAY),
    spanMs: 10 * DAY,
    businessDays: null,
    remainingMs: null,
    escalationLevel: 0,
    remindersSent: 0,
    scheduledFor: at(5 * DAY),
    metAt: null,
    endedAt: null,
    ...patch,
  };
}

function plan(current: DeadlineRow[], patch: Partial<DeadlinePlanInput> & { now: Date }) {
  let n = 0;
  return planDeadlines({
    requestId: 'r1',
    current,
    effects: deadlineEffectsOf(),
    dueAtFor: () => new Date(patch.now.getTime() + 4 * DAY),
    schedule: SCHEDULE,
    newId: () => `new-${++n}`,
    ...patch,
  });
}

describe('planDeadlines: an action’s effect on deadlines, decided in memory', () => {
  it('send: meets REVIEW, starts ACKNOWLEDGEMENT and EXECUTION with their first job; the old job goes', () => {
    const now = at(DAY);
    const p = plan([deadline('REVIEW')], { now, effects: deadlineEffectsOf({ meet: ['REVIEW'], start: ['ACKNOWLEDGEMENT', 'EXECUTION'] }) });
    expect(p.updated).toEqual([expect.objectContaining({ kind: 'REVIEW', status: 'MET', metAt: now, scheduledFor: null })]);
    expect(p.inserted.map((d) => [d.kind, d.party, d.status, d.startAt, d.dueAt, d.spanMs])).toEqual([
      ['ACKNOWLEDGEMENT', 'REQUESTED', 'PENDING', now, at(5 * DAY), 4 * DAY],
      ['EXECUTION', 'REQUESTED', 'PENDING', now, at(5 * DAY), 4 * DAY],
    ]);
    expect(p.delta.remove).toEqual([{ deadlineId: 'd-REVIEW', at: at(5 * DAY) }]);
    expect(p.delta.add).toEqual([
      { deadlineId: 'new-1', at: at(3 * DAY) },
      { deadlineId: 'new-2', at: at(3 * DAY) },
    ]);
    expect(p.resulting.map((d) => d.kind)).toEqual(['REVIEW', 'ACKNOWLEDGEMENT', 'EXECUTION']);
  });

  it('stop-the-clock: pause keeps the time left, resume gives it back (one implementation of it)', () => {
    const paused = plan([deadline('EXECUTION')], { now: at(4 * DAY), effects: deadlineEffectsOf({ pause: ['EXECUTION'] }) });
    expect(paused.updated[0]).toMatchObject({ status: 'PAUSED', remainingMs: 6 * DAY, scheduledFor: null });
    expect(paused.delta).toEqual({ remove: [{ deadlineId: 'd-EXECUTION', at: at(5 * DAY) }], add: [] });
    const resumed = plan(paused.resulting, { now: at(20 * DAY), effects: deadlineEffectsOf({ resume: ['EXECUTION'] }) });
    expect(resumed.updated[0]).toMatchObject({ status: 'PENDING', dueAt: at(26 * DAY), remainingMs: null, startAt: T0, spanMs: 10 * DAY });
  });

  it('a deadline paused when already overdue resumes OVERDUE, with the time it was late', () => {
    const paused = plan([deadline('EXECUTION', { status: 'OVERDUE', escalationLevel: 1 })], { now: at(12 * DAY), effects: deadlineEffectsOf({ pause: ['EXECUTION'] }) });
    expect(paused.updated[0]?.remainingMs).toBe(-2 * DAY);
    const resumed = plan(paused.resulting, { now: at(30 * DAY), effects: deadlineEffectsOf({ resume: ['EXECUTION'] }) });
    expect(resumed.updated[0]).toMatchObject({ status: 'OVERDUE', dueAt: at(28 * DAY), escalationLevel: 1 });
  });

  it('close, refuse, withdraw: every open deadline is cancelled, met ones stay', () => {
    const p = plan([deadline('REVIEW', { status: 'MET' }), deadline('ACKNOWLEDGEMENT'), deadline('EXECUTION', { status: 'PAUSED', remainingMs: DAY })], {
      now: at(DAY),
      effects: deadlineEffectsOf({ endAllOpen: true }),
    });
    expect(p.updated.map((d) => [d.kind, d.status, d.endedAt])).toEqual([
      ['ACKNOWLEDGEMENT', 'CANCELLED', at(DAY)],
      ['EXECUTION', 'CANCELLED', at(DAY)],
    ]);
  });

  it('extend_preservation moves PRESERVATION_EXPIRY: a fresh span from now, reminders and escalation start over', () => {
    const p = plan([deadline('PRESERVATION_EXPIRY', { remindersSent: 1, escalationLevel: 1, status: 'OVERDUE' })], {
      now: at(8 * DAY),
      effects: deadlineEffectsOf({ move: ['PRESERVATION_EXPIRY'] }),
      moveTo: at(38 * DAY),
    });
    expect(p.updated[0]).toMatchObject({ status: 'PENDING', dueAt: at(38 * DAY), startAt: at(8 * DAY), spanMs: 30 * DAY, remindersSent: 0, escalationLevel: 0, scheduledFor: at(23 * DAY) });
  });

  it('the worker’s targeted changes: a reminder counted, an escalation level, a lapsed expiry', () => {
    const reminded = plan([deadline('REVIEW')], { now: at(5 * DAY), targeted: { deadlineId: 'd-REVIEW', reminded: true } });
    expect(reminded.updated[0]).toMatchObject({ remindersSent: 1, scheduledFor: at(10 * DAY) });
    const overdue = plan(reminded.resulting, { now: at(10 * DAY), targeted: { deadlineId: 'd-REVIEW', escalateTo: 1 } });
    expect(overdue.updated[0]).toMatchObject({ status: 'OVERDUE', escalationLevel: 1, scheduledFor: at(15 * DAY) });
    const lapsed = plan([deadline('PRESERVATION_EXPIRY')], { now: at(10 * DAY), targeted: { deadlineId: 'd-PRESERVATION_EXPIRY', lapsed: true } });
    expect(lapsed.updated[0]).toMatchObject({ status: 'OVERDUE', escalationLevel: 2, endedAt: at(10 * DAY), scheduledFor: null });
  });

  it('no effect changes nothing and schedules nothing', () => {
    const current = [deadline('REVIEW'), deadline('EXECUTION')];
    const p = plan(current, { now: at(DAY) });
    expect(p).toMatchObject({ updated: [], inserted: [], delta: { add: [], remove: [] } });
    expect(p.resulting).toEqual([current[1], current[0]]); // in display order: start time, then kind
  });

  it('property: a running deadline after any plan has its next job recorded and added; a closed one has none', () => {
    const kinds: DeadlineKind[] = ['REVIEW', 'ACKNOWLEDGEMENT', 'EXECUTION', 'INFO_RESPONSE'];
    fc.assert(
      fc.property(
        fc.subarray(kinds, { minLength: 1 }),
        fc.subarray(kinds),
        fc.subarray(kinds),
        fc.boolean(),
        fc.integer({ min: 0, max: 30 * DAY }),
        (present, meet, pause, end, nowMs) => {
          const p = plan(
            present.map((k) => deadline(k)),
            { now: at(nowMs), effects: deadlineEffectsOf({ meet, pause, endAllOpen: end }) },
          );
          for (const d of p.updated) {
            if (d.status === 'PENDING' || d.status === 'OVERDUE') {
              expect(d.scheduledFor).not.toBeNull();
              expect(p.delta.add).toContainEqual({ deadlineId: d.id, at: d.scheduledFor });
            } else expect(d.scheduledFor).toBeNull();
          }
          expect(p.resulting).toHaveLength(present.length);
        },
      ),
      { seed: 2026, numRuns: 300 },
    );
  });
  describe('business days: counted at start, recomputed on a changed working calendar', () => {
    it('a new deadline keeps the business days its duration counts; a paused one no longer does', () => {
      const now = at(DAY);
      const started = plan([], { now, effects: deadlineEffectsOf({ start: ['ACKNOWLEDGEMENT', 'EXECUTION'] }), businessDaysFor: (k) => (k === 'ACKNOWLEDGEMENT' ? 5 : null) });
      expect(started.inserted.map((d) => [d.kind, d.businessDays])).toEqual([
        ['ACKNOWLEDGEMENT', 5],
        ['EXECUTION', null],
      ]);
      const paused = plan([deadline('EXECUTION', { businessDays: 5 })], { now, effects: deadlineEffectsOf({ pause: ['EXECUTION'] }) });
      expect(paused.updated[0]).toMatchObject({ status: 'PAUSED', businessDays: null });
      const extended = plan([deadline('ACKNOWLEDGEMENT', { businessDays: 5 })], { now, targeted: { deadlineId: 'd-ACKNOWLEDGEMENT', moveTo: at(20 * DAY) } });
      expect(extended.updated[0]).toMatchObject({ dueAt: at(20 * DAY), businessDays: null });
    });

    it('a recomputed due time keeps the start, the count, reminders sent and level; the next job follows the new span', () => {
      const now = at(2 * DAY);
      const p = plan([deadline('ACKNOWLEDGEMENT', { businessDays: 5, remindersSent: 0 })], { now, recomputed: [{ deadlineId: 'd-ACKNOWLEDGEMENT', dueAt: at(14 * DAY) }] });
      expect(p.updated).toEqual([
        expect.objectContaining({ startAt: T0, dueAt: at(14 * DAY), spanMs: 14 * DAY, businessDays: 5, status: 'PENDING', remindersSent: 0, scheduledFor: at(7 * DAY) }),
      ]);
      expect(p.delta).toEqual({ remove: [{ deadlineId: 'd-ACKNOWLEDGEMENT', at: at(5 * DAY) }], add: [{ deadlineId: 'd-ACKNOWLEDGEMENT', at: at(7 * DAY) }] });
    });

    it('recomputes nothing that is not a running business-day deadline, nor an unchanged due time', () => {
      const now = at(2 * DAY);
      const rows = [
        deadline('ACKNOWLEDGEMENT', { businessDays: null }),
        deadline('EXECUTION', { businessDays: 5, status: 'PAUSED', remainingMs: DAY }),
        deadline('REVIEW', { businessDays: 5, status: 'MET' }),
        deadline('INFO_RESPONSE', { businessDays: 5 }),
      ];
      const p = plan(rows, {
        now,
        recomputed: [
          ...rows.slice(0, 3).map((d) => ({ deadlineId: d.id, dueAt: at(14 * DAY) })),
          { deadlineId: 'd-INFO_RESPONSE', dueAt: at(10 * DAY) },
          { deadlineId: 'unknown', dueAt: at(14 * DAY) },
        ],
      });
      expect(p.updated).toEqual([]);
      expect(p.delta).toEqual({ remove: [], add: [] });
    });
  });
});
