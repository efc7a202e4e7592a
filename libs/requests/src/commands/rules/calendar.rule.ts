import type { RecomputedDueAt } from '@mla/deadlines';
import type { CommandPlan, RuleContext } from '../command.types';
import { ruleViolated } from './refusal';

/** What `recompute_deadlines` is given: the due times chosen under the request's lock. */
export interface RecomputeInput {
  calendarCountry: string;
  deadlines: { deadlineId: string; dueAt: string }[];
}

/**
 * recompute_deadlines (DESIGN §5 as the README extends it): the ball holder's country's
 * working calendar changed, so running deadlines counted in business days take the due time
 * their count now gives. The event records each deadline's old and new due time; both sides
 * are told (like an extension).
 */
export function recomputeDeadlinesRule({ input, locked }: RuleContext): CommandPlan {
  const { calendarCountry, deadlines } = input as unknown as RecomputeInput;
  const moved = deadlines.map((w) => {
    const d = locked.deadlines.find((x) => x.id === w.deadlineId);
    if (!d || d.status !== 'PENDING' || d.businessDays === null) throw ruleViolated('Only a running deadline counted in business days is recomputed', [{ field: 'deadlines', message: `${w.deadlineId} is not one` }]);
    return { deadlineId: d.id, kind: d.kind, party: d.party, businessDays: d.businessDays, oldDueAt: d.dueAt.toISOString(), newDueAt: new Date(w.dueAt).toISOString() };
  });
  const recomputed: RecomputedDueAt[] = moved.map((d) => ({ deadlineId: d.deadlineId, dueAt: new Date(d.newDueAt) }));
  const first = moved[0];
  return {
    recomputed,
    eventInput: { calendarCountry, deadlines: moved },
    notificationData: { calendarCountry, ...(first && { deadlineId: first.deadlineId, kind: first.kind, party: first.party, oldDueAt: first.oldDueAt, newDueAt: first.newDueAt }) },
  };
}
