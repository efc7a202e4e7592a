import { DateTime } from 'luxon';
import type { UsersRepository } from '@mla/identity';
import type { DeadlineRow } from '@mla/deadlines';
import type { CommandPlan, RuleContext } from '../command.types';
import { ruleViolated } from './refusal';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * extend_deadline (DESIGN §5): the new due time (a date: the end of that day in the zone of
 * the side that holds the deadline) is later than the current one and than now; the event
 * records who, why, the old and the new due time.
 */
export function extendDeadlineRule({ row, input, now, deadline }: RuleContext): CommandPlan {
  const d = deadline as DeadlineRow;
  const timezone = d.party === 'REQUESTING' ? row.requestingAuthorityTimezone : row.requestedAuthorityTimezone;
  const text = String(input.dueAt);
  const newDue = DATE_ONLY.test(text) ? DateTime.fromISO(text, { zone: timezone }).endOf('day').toJSDate() : new Date(text);
  if (newDue <= d.dueAt || newDue <= now) {
    throw ruleViolated('An extension moves the due time later', [
      { field: 'dueAt', message: `must be after ${new Date(Math.max(d.dueAt.getTime(), now.getTime())).toISOString()}` },
    ]);
  }
  const moved = { deadlineId: d.id, kind: d.kind, oldDueAt: d.dueAt.toISOString(), newDueAt: newDue.toISOString() };
  return { targeted: { deadlineId: d.id, moveTo: newDue }, eventInput: { ...moved, reason: input.reason }, notificationData: moved };
}

/**
 * reassign: to another active officer of the requested authority; the event records who,
 * why, from whom to whom; the new assignee is told.
 */
export const reassignRule =
  (users: UsersRepository) =>
  async ({ m, row, input }: RuleContext): Promise<CommandPlan> => {
    const assignee = await users.findById(String(input.assigneeId), m);
    if (!assignee || !assignee.active || assignee.role !== 'OFFICER' || assignee.authorityId !== row.requestedAuthorityId) {
      throw ruleViolated('The assignee must be an active officer of the requested authority', [
        { field: 'assigneeId', message: `names no active officer of ${row.requestedAuthorityCode}` },
      ]);
    }
    if (row.assigneeId === assignee.id) {
      throw ruleViolated('This officer already handles the request', [{ field: 'assigneeId', message: 'is the current assignee' }]);
    }
    return {
      changes: { assigneeId: assignee.id },
      eventInput: { assigneeId: assignee.id, previousAssigneeId: row.assigneeId, reason: input.reason },
      notificationData: { assigneeId: assignee.id, previousAssigneeId: row.assigneeId },
      recipients: [{ authorityId: row.requestedAuthorityId, userId: assignee.id }],
    };
  };
