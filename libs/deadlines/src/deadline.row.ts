import type { DeadlineKind, DeadlineStatus, Side } from '@mla/domain';

/** A row of the `deadlines` table (schema: the migrations): the truth the worker's jobs are woken for. */
export interface DeadlineRow {
  id: string;
  requestId: string;
  kind: DeadlineKind;
  party: Side;
  status: DeadlineStatus;
  startAt: Date;
  dueAt: Date;
  /** due − start at the last (re)start, in ms: reminders and escalation are fractions of it. */
  spanMs: number;
  /**
   * The count of business days its due time was computed with, at its start (null: counted
   * on the clock or the calendar, moved, paused or resumed): what a change of the ball
   * holder's working calendar recomputes it from.
   */
  businessDays: number | null;
  /** While PAUSED: the time that was left (negative when it was already overdue). */
  remainingMs: number | null;
  escalationLevel: number;
  remindersSent: number;
  /** The time of the job now scheduled for its next event (null: none). */
  scheduledFor: Date | null;
  metAt: Date | null;
  endedAt: Date | null;
}

export const OPEN_DEADLINE_STATUSES: readonly DeadlineStatus[] = ['PENDING', 'PAUSED', 'OVERDUE'];
/** Open and running: a job wakes the worker for its next event. */
export const RUNNING_DEADLINE_STATUSES: readonly DeadlineStatus[] = ['PENDING', 'OVERDUE'];
