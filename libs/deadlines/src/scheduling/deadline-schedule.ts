import { nextDeadlineEvent, DeadlineEvent } from '../domain';
import type { DeadlinePolicy } from '../policy';

/** What the next event of a deadline depends on. */
export interface SchedulableDeadline {
  dueAt: Date;
  spanMs: number | string;
  escalationLevel: number;
  remindersSent: number;
}

/**
 * The next thing to happen to an open deadline: a reminder, the due time, escalation to
 * level 2, or nothing. The span counts from the due time back, so a paused and resumed
 * deadline keeps its original span.
 */
export function nextEventOf(d: SchedulableDeadline, policy: Pick<DeadlinePolicy, 'reminders' | 'escalation'>): DeadlineEvent | null {
  const span = Number(d.spanMs);
  return nextDeadlineEvent({
    startAt: new Date(d.dueAt.getTime() - span),
    dueAt: d.dueAt,
    escalationLevel: Math.min(2, Math.max(0, d.escalationLevel)) as 0 | 1 | 2,
    remindersSent: d.remindersSent,
    reminders: policy.reminders,
    level2AfterFraction: policy.escalation.level2AfterFraction,
  });
}

/**
 * The job id of a deadline's event: deterministic (the deadline's UUID in base64url and the
 * time in base 36), so scheduling twice is harmless. Short, because Redis keeps a job's hash
 * compact only while its fields are short, and BullMQ stores the id three times; no `:`.
 */
export function deadlineJobId(deadlineId: string, at: Date): string {
  return `${Buffer.from(deadlineId.replace(/-/g, ''), 'hex').toString('base64url')}.${at.getTime().toString(36)}`;
}

export interface ScheduleChange {
  deadlineId: string;
  at: Date;
}

/** Jobs to add and jobs to remove after an action commits. */
export interface ScheduleDelta {
  add: ScheduleChange[];
  remove: ScheduleChange[];
}

export const emptyDelta = (): ScheduleDelta => ({ add: [], remove: [] });
