import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { UsersRepository } from '@mla/identity';
import type { RequestRow } from '../../request.row';
import type { CommandPlan, RuleContext } from '../command.types';
import { ruleViolated } from './refusal';

/** An assignee, when named, is an officer of the requested authority. */
async function checkAssignee(users: UsersRepository, m: EntityManager, assigneeId: unknown, row: RequestRow): Promise<void> {
  if (assigneeId === undefined) return;
  const user = await users.findById(String(assigneeId), m);
  if (!user || user.role !== 'OFFICER' || user.authorityId !== row.requestedAuthorityId) {
    throw ruleViolated('The assignee must be an officer of the requested authority', [
      { field: 'assigneeId', message: 'names no officer of the requested authority' },
    ]);
  }
}

/**
 * Who handles the request is the requested side's internal work (DESIGN §2): the assignee
 * leaves the shared event for an `assign` event of that side's own.
 */
function assignment(input: RuleContext['input']): Pick<CommandPlan, 'eventInput' | 'internal'> {
  if (input.assigneeId === undefined) return {};
  const { assigneeId, ...shared } = input;
  return { eventInput: shared, internal: { action: 'assign', input: { assigneeId } } };
}

/** acknowledge: optionally names the officer who handles it. */
export const acknowledgeRule = (users: UsersRepository) => async ({ m, row, input }: RuleContext): Promise<CommandPlan> => {
  await checkAssignee(users, m, input.assigneeId, row);
  return { changes: input.assigneeId ? { assigneeId: input.assigneeId } : {}, ...assignment(input) };
};

/** start_execution: optionally the executing body and the officer who handles it. */
export const startExecutionRule = (users: UsersRepository) => async ({ m, row, input }: RuleContext): Promise<CommandPlan> => {
  await checkAssignee(users, m, input.assigneeId, row);
  return {
    changes: {
      ...(input.executingBody ? { executingBody: input.executingBody } : {}),
      ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}),
    },
    ...assignment(input),
  };
};

/** report_delay: the new expected date is today or later at the requested authority; shown beside EXECUTION. */
export function reportDelayRule({ row, input, now }: RuleContext): CommandPlan {
  const expectedBy = String(input.expectedBy);
  const today = DateTime.fromJSDate(now, { zone: row.requestedAuthorityTimezone }).toISODate() as string;
  if (expectedBy.slice(0, 10) < today) {
    throw ruleViolated('The new expected date lies in the past', [{ field: 'expectedBy', message: `must be ${today} or later` }]);
  }
  return { changes: { delayEstimate: { reason: input.reason, expectedBy, reportedAt: now.toISOString() } } };
}

/** request_info: remembers the state to come back to. */
export const requestInfoRule = ({ row }: RuleContext): CommandPlan => ({ changes: { resumeState: row.state } });

/** provide_info: back to that state (the machine's RESUME target). */
export const provideInfoRule = (): CommandPlan => ({ changes: { resumeState: null } });

/** refuse: the ground and its reasons. */
export const refuseRule = ({ input }: RuleContext): CommandPlan => ({ changes: { refusal: { ground: input.ground, text: input.text } } });
