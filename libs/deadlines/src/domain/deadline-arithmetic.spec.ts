import type { ReminderRule } from '../policy/deadline-policy.types';
import {
  computeDueAt,
  escalationTimes,
  nextDeadlineEvent,
  pauseRemaining,
  reminderTimes,
  resumeDueAt,
  spanMs,
} from './deadline-arithmetic';
import { extensionLimit, preservationWindow } from '@mla/domain';

const SG = { country: 'SG', timezone: 'Asia/Singapore' };
const DEFAULT_REMINDERS: ReminderRule[] = [{ atFraction: 0.5 }, { before: 'PT24H' }];

describe('computeDueAt', () => {
  it('EXECUTION P20D from the send time: calendar days, same local time', () => {
    const sent = new Date('2026-11-02T01:30:00.000Z');
    expect(computeDueAt(sent, { kind: 'iso', iso: 'P20D' }, SG).toISOString()).toBe('2026-11-22T01:30:00.000Z');
  });

  it('EMERGENCY PT8H: eight hours on the clock', () => {
    expect(computeDueAt(new Date('2026-08-08T22:00:00.000Z'), { kind: 'iso', iso: 'PT8H' }, SG).toISOString()).toBe('2026-08-09T06:00:00.000Z');
  });

  it('business days end at 23:59:59.999 local time', () => {
    expect(computeDueAt(new Date('2026-08-07T07:00:00.000Z'), { kind: 'businessDays', days: 1 }, SG).toISOString()).toBe('2026-08-11T15:59:59.999Z');
  });

  it('spanMs is due minus start', () => {
    expect(spanMs(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z'))).toBe(86_400_000);
  });
});

describe('stop-the-clock', () => {
  const due = new Date('2026-06-21T00:00:00.000Z');
  it('keeps the time left and gives it back on resume', () => {
    const left = pauseRemaining(due, new Date('2026-06-11T00:00:00.000Z'));
    expect(left).toBe(10 * 86_400_000);
    expect(resumeDueAt(new Date('2026-07-01T12:00:00.000Z'), left).toISOString()).toBe('2026-07-11T12:00:00.000Z');
  });
  it('an overdue deadline stays overdue by the same amount', () => {
    const left = pauseRemaining(due, new Date('2026-06-22T00:00:00.000Z'));
    expect(left).toBe(-86_400_000);
    expect(resumeDueAt(new Date('2026-07-01T00:00:00.000Z'), left).toISOString()).toBe('2026-06-30T00:00:00.000Z');
  });
});

describe('reminderTimes', () => {
  const start = new Date('2026-11-02T01:30:00.000Z');
  const due = new Date('2026-11-22T01:30:00.000Z');

  it('50 % of the span and 24 h before the due time, in order', () => {
    expect(reminderTimes(start, due, DEFAULT_REMINDERS).map((d) => d.toISOString())).toEqual([
      '2026-11-12T01:30:00.000Z',
      '2026-11-21T01:30:00.000Z',
    ]);
  });

  it('sorts and removes duplicates', () => {
    const rules: ReminderRule[] = [{ before: 'PT24H' }, { atFraction: 0.5 }, { before: 'P10D' }, { atFraction: 0.25 }];
    expect(reminderTimes(start, due, rules).map((d) => d.toISOString())).toEqual([
      '2026-11-07T01:30:00.000Z',
      '2026-11-12T01:30:00.000Z',
      '2026-11-21T01:30:00.000Z',
    ]);
  });

  it('drops a "before" reminder that would fall at or before the start (an 8-hour deadline)', () => {
    const d8 = new Date(start.getTime() + 8 * 3_600_000);
    expect(reminderTimes(start, d8, DEFAULT_REMINDERS).map((d) => d.toISOString())).toEqual(['2026-11-02T05:30:00.000Z']);
    expect(reminderTimes(start, new Date(start.getTime() + 86_400_000), [{ before: 'PT24H' }])).toEqual([]);
  });
});

describe('escalationTimes', () => {
  it('level 1 at the due time, level 2 at due + fraction × span', () => {
    const { level1, level2 } = escalationTimes(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-21T00:00:00Z'), 0.5);
    expect(level1.toISOString()).toBe('2026-01-21T00:00:00.000Z');
    expect(level2.toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });
});

describe('nextDeadlineEvent', () => {
  const base = {
    startAt: new Date('2026-01-01T00:00:00Z'),
    dueAt: new Date('2026-01-21T00:00:00Z'),
    reminders: DEFAULT_REMINDERS,
    level2AfterFraction: 0.5,
  };
  it('walks reminders, then DUE, then ESCALATION_2, then nothing', () => {
    expect(nextDeadlineEvent({ ...base, escalationLevel: 0, remindersSent: 0 })).toEqual({ kind: 'REMINDER', at: new Date('2026-01-11T00:00:00Z'), reminderIndex: 0 });
    expect(nextDeadlineEvent({ ...base, escalationLevel: 0, remindersSent: 1 })).toEqual({ kind: 'REMINDER', at: new Date('2026-01-20T00:00:00Z'), reminderIndex: 1 });
    expect(nextDeadlineEvent({ ...base, escalationLevel: 0, remindersSent: 2 })).toEqual({ kind: 'DUE', at: new Date('2026-01-21T00:00:00Z') });
    expect(nextDeadlineEvent({ ...base, escalationLevel: 1, remindersSent: 2 })).toEqual({ kind: 'ESCALATION_2', at: new Date('2026-01-31T00:00:00Z') });
    expect(nextDeadlineEvent({ ...base, escalationLevel: 2, remindersSent: 2 })).toBeNull();
  });
  it('a deadline already overdue sends no late reminder', () => {
    expect(nextDeadlineEvent({ ...base, escalationLevel: 1, remindersSent: 0 })?.kind).toBe('ESCALATION_2');
  });
  it('with no reminder that fits, DUE comes first', () => {
    expect(nextDeadlineEvent({ ...base, reminders: [], escalationLevel: 0, remindersSent: 0 })?.kind).toBe('DUE');
  });
});

describe('preservation', () => {
  const p = { minimum: 'P60D', maximumPeriod: 'P90D', extension: 'P30D', maxExtensions: 3 };
  it('window: 60 to 90 calendar days after confirmation, local time kept', () => {
    // Confirmed Tuesday 2026-03-10 10:00 CET in Berlin; DST starts on 2026-03-29.
    const { earliest, latest } = preservationWindow(new Date('2026-03-10T09:00:00.000Z'), p, 'Europe/Berlin');
    expect(earliest.toISOString()).toBe('2026-05-09T08:00:00.000Z'); // 10:00 CEST
    expect(latest.toISOString()).toBe('2026-06-08T08:00:00.000Z');
  });
  it('an extension moves the date by at most 30 days', () => {
    expect(extensionLimit(new Date('2026-06-08T15:59:59.999Z'), p, 'Asia/Singapore').toISOString()).toBe('2026-07-08T15:59:59.999Z');
  });
});
