import type { DeadlineRow } from '@mla/deadlines';
import type { UsersRepository } from '@mla/identity';
import type { CommandPlan, RuleContext } from '../command.types';

/**
 * deadline_reminder: to the ball holder (the requested authority; the home officers for
 * REVIEW; else the prosecutor). A reminder whose deadline already passed would only be
 * noise: it is counted but not sent.
 */
export function reminderRule({ row, deadline, now, locked }: RuleContext): CommandPlan {
  const d = deadline as DeadlineRow;
  const holders =
    d.party === 'REQUESTED' ? [row.requestedAuthorityId] : d.kind === 'REVIEW' ? locked.homeOfficerAuthorityIds : [row.requestingAuthorityId];
  return {
    targeted: { deadlineId: d.id, reminded: true },
    recipients: d.dueAt > now ? holders.map((authorityId) => ({ authorityId })) : [],
    notificationData: { deadlineId: d.id, kind: d.kind, party: d.party, dueAt: d.dueAt.toISOString() },
  };
}

/** deadline_overdue (level 1: the ball holder's supervisors) and deadline_escalated (level 2: both countries'). */
export const escalationRule =
  (users: UsersRepository, level: 1 | 2) =>
  async ({ m, row, deadline }: RuleContext): Promise<CommandPlan> => {
    const d = deadline as DeadlineRow;
    const partyCountry = d.party === 'REQUESTING' ? row.requestingCountry : row.requestedCountry;
    const countries = level === 1 ? [partyCountry] : [...new Set([row.requestingCountry, ...(row.sentAt ? [row.requestedCountry] : [])])];
    const supervisors = await users.supervisorsOf(countries, m);
    const escalation = { deadlineId: d.id, kind: d.kind, party: d.party, dueAt: d.dueAt.toISOString(), escalationLevel: level };
    return {
      targeted: { deadlineId: d.id, escalateTo: level },
      eventInput: escalation,
      notificationData: escalation,
      recipients: supervisors.map((s) => ({ authorityId: s.authorityId, userId: s.id })),
    };
  };
