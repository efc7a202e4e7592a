import type { RequestsRepository } from '../../requests.repository';
import type { CommandPlan, RuleContext } from '../command.types';
import { ruleViolated } from './refusal';

/** close: the outcome; for a PRESERVED request, optionally the follow-up request that continues it. */
export const closeRule =
  (requests: RequestsRepository) =>
  async ({ m, row, input }: RuleContext): Promise<CommandPlan> => {
    if (input.followUpRequestId !== undefined) {
      if (row.state !== 'PRESERVED') {
        throw ruleViolated('A follow-up request is named only when closing a preservation', [
          { field: 'followUpRequestId', message: 'only for a PRESERVED request' },
        ]);
      }
      if (!(await requests.findFollowUp(m, String(input.followUpRequestId), row.id))) {
        throw ruleViolated('The follow-up request does not continue this preservation', [
          { field: 'followUpRequestId', message: 'must name a request whose relatedRequestId is this request' },
        ]);
      }
    }
    return { changes: { outcome: input.outcome } };
  };

/** expire: the PRESERVATION_EXPIRY that passed lapses with it. */
export const expireRule = ({ deadline }: RuleContext): CommandPlan => ({
  targeted: deadline ? { deadlineId: deadline.id, lapsed: true } : undefined,
});
