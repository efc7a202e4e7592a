/** A supervisor's commands: a deadline extended, a request reassigned. */
import { DateTime } from 'luxon';
import type { DeadlineRow } from '@mla/deadlines';
import { BOTH_SIDES, command, NON_TERMINAL, OPEN_RUNNING } from './action-definition';
import { ruleViolated } from './refusal';

export interface ExtendDeadlineInput { deadlineId: string; dueAt: string; reason: string }
export interface ReassignInput { assigneeId: string; reason: string }

declare module './action-definition' {
  interface CommandInputs {
    extend_deadline: ExtendDeadlineInput;
    reassign: ReassignInput;
  }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * extend_deadline (DESIGN §5): a supervisor of the side that holds a deadline moves it later,
 * with a reason. The new due time (a date: the end of that day in the zone of that side) is
 * later than the current one and than now; the event records who, why, the old and the new.
 */
export const extendDeadline = command<'extend_deadline', ExtendDeadlineInput>(
  'extend_deadline',
  {
    from: NON_TERMINAL, role: 'SUPERVISOR', side: 'DEADLINE_PARTY', recorded: true,
    requiredInput: ['deadlineId', 'dueAt', 'reason'], deadline: { statuses: OPEN_RUNNING },
    notify: { type: 'deadline.extended', audience: BOTH_SIDES },
  },
  ({ row, input, now, deadline }) => {
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
  },
);

/**
 * reassign: a supervisor of the requested country hands the request to another active officer
 * of the requested authority; the event (that side's own) records who, why, from whom to
 * whom; the new assignee is told.
 */
export const reassign = command<'reassign', ReassignInput>(
  'reassign',
  {
    from: NON_TERMINAL, role: 'SUPERVISOR', side: 'REQUESTED', recorded: true, ownSide: true,
    requiredInput: ['assigneeId', 'reason'], notify: { type: 'request.reassigned', audience: [] },
  },
  async ({ row, input, ports }) => {
    const assignee = await ports.users.findById(String(input.assigneeId));
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
  },
);
