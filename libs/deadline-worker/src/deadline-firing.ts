import type { DeadlineEvent, DeadlineRow } from '@mla/deadlines';
import type { Command } from '@mla/requests';

export type FiringOutcome = 'reminded' | 'overdue' | 'escalated' | 'expired';

/**
 * The command of a deadline's next event, now due: a reminder; at the due time OVERDUE
 * (level 1), or, for PRESERVATION_EXPIRY, the request's expiry; later, level 2. Pure.
 */
export function firingCommand(d: DeadlineRow, next: DeadlineEvent, now: Date): { command: Command; outcome: FiringOutcome | null } {
  const input = { deadlineId: d.id };
  if (next.kind === 'REMINDER') return { command: { name: 'deadline_reminder', input }, outcome: d.dueAt > now ? 'reminded' : null };
  if (next.kind === 'DUE' && d.kind === 'PRESERVATION_EXPIRY') return { command: { name: 'expire', input }, outcome: 'expired' };
  if (next.kind === 'DUE') return { command: { name: 'deadline_overdue', input }, outcome: 'overdue' };
  return { command: { name: 'deadline_escalated', input }, outcome: 'escalated' };
}
