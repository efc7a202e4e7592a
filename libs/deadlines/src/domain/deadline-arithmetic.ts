/**
 * Due times, stop-the-clock, reminders and escalation of a deadline (DESIGN §5). Pure:
 * every instant is given, nothing reads the clock.
 */
import type { PolicyDuration, ReminderRule } from '../policy/deadline-policy.types';
import { addBusinessDays, type BallHolderPlace, type WorkingCalendar } from './business-days';
import { addIsoDuration, isoDurationNominalMs } from '@mla/domain';

/**
 * The due time of a deadline starting at `start`, in the ball holder's place; business days
 * follow the country's working calendar when one is given.
 */
export function computeDueAt(start: Date, duration: PolicyDuration, place: BallHolderPlace, calendar?: WorkingCalendar): Date {
  return duration.kind === 'iso' ? addIsoDuration(start, duration.iso, place.timezone) : addBusinessDays(start, duration.days, place, calendar);
}

/** A deadline's span (due − start) in milliseconds. */
export function spanMs(start: Date, due: Date): number {
  return due.getTime() - start.getTime();
}

/** Stopping the clock: the time left in ms (negative when already overdue). */
export function pauseRemaining(dueAt: Date, pausedAt: Date): number {
  return dueAt.getTime() - pausedAt.getTime();
}

/** Restarting the clock: the new due time, with the time that was left. */
export function resumeDueAt(resumedAt: Date, remainingMs: number): Date {
  return new Date(resumedAt.getTime() + remainingMs);
}

/**
 * The reminder instants of a deadline: `atFraction` at start + fraction × span, `before` at
 * due − duration (on the clock). Only those strictly inside (start, due), without
 * duplicates, in time order.
 */
export function reminderTimes(startAt: Date, dueAt: Date, rules: readonly ReminderRule[]): Date[] {
  const start = startAt.getTime();
  const due = dueAt.getTime();
  const span = due - start;
  const times = new Set<number>();
  for (const rule of rules) {
    const t = 'atFraction' in rule ? start + Math.round(rule.atFraction * span) : due - isoDurationNominalMs(rule.before);
    if (t > start && t < due) times.add(t);
  }
  return [...times].sort((a, b) => a - b).map((t) => new Date(t));
}

/** Escalation level 1 at the due time; level 2 at due + fraction × span. */
export function escalationTimes(startAt: Date, dueAt: Date, level2AfterFraction: number): { level1: Date; level2: Date } {
  const due = dueAt.getTime();
  return { level1: new Date(due), level2: new Date(due + Math.round(level2AfterFraction * spanMs(startAt, dueAt))) };
}

export type DeadlineEventKind = 'REMINDER' | 'DUE' | 'ESCALATION_2';

export interface NextDeadlineEventInput {
  startAt: Date;
  dueAt: Date;
  escalationLevel: 0 | 1 | 2;
  /** How many reminders were already sent, in time order. */
  remindersSent: number;
  reminders: readonly ReminderRule[];
  level2AfterFraction: number;
}

export interface DeadlineEvent {
  kind: DeadlineEventKind;
  at: Date;
  /** For a REMINDER: its index among the deadline's reminder times. */
  reminderIndex?: number;
}

/**
 * The next thing to do for a pending deadline: its next unsent reminder (reminders come
 * before the due time, so only while escalation level is 0), else DUE at level 0, else
 * ESCALATION_2 at level 1, else nothing.
 */
export function nextDeadlineEvent(input: NextDeadlineEventInput): DeadlineEvent | null {
  const { startAt, dueAt, escalationLevel } = input;
  if (escalationLevel === 0) {
    const reminders = reminderTimes(startAt, dueAt, input.reminders);
    const index = Math.max(0, input.remindersSent);
    if (index < reminders.length) return { kind: 'REMINDER', at: reminders[index], reminderIndex: index };
    return { kind: 'DUE', at: new Date(dueAt.getTime()) };
  }
  if (escalationLevel === 1) return { kind: 'ESCALATION_2', at: escalationTimes(startAt, dueAt, input.level2AfterFraction).level2 };
  return null;
}
