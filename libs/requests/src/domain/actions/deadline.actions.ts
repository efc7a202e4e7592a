/** The worker's commands on a request's deadlines: reminders, escalations, and due times recomputed after a calendar change. */
import type { DeadlineRow, RecomputedDueAt } from '@mla/deadlines';
import { keeperSideOf, offlineSideOf } from '../counterpart-sides';
import type { RequestRow } from '../request-row';
import type { LockedRequest } from './action-definition';
import { BOTH_SIDES, command, NON_TERMINAL, OPEN_RUNNING, type ActionRuleFn, type CommandPlan } from './action-definition';
import { ruleViolated } from './refusal';

export interface DeadlineInput { deadlineId: string }
/** What `recompute_deadlines` is given: the due times chosen under the request's lock. */
export interface RecomputeInput {
  calendarCountry: string;
  deadlines: { deadlineId: string; dueAt: string }[];
}

declare module './action-definition' {
  interface CommandInputs {
    deadline_reminder: DeadlineInput;
    deadline_overdue: DeadlineInput;
    deadline_escalated: DeadlineInput;
    recompute_deadlines: RecomputeInput;
  }
}

/**
 * deadline_reminder: to the ball holder (the requested authority; the home officers for
 * REVIEW; else the prosecutor); no event, the request does not change. A reminder whose
 * deadline already passed would only be noise: it is counted but not sent.
 */
export const deadlineReminder = command<'deadline_reminder', DeadlineInput>(
  'deadline_reminder',
  {
    from: NON_TERMINAL, role: 'SYSTEM', side: null, recorded: false,
    requiredInput: ['deadlineId'], deadline: { statuses: OPEN_RUNNING },
    notify: { type: 'deadline.reminder', audience: [] },
  },
  async ({ row, deadline, now, locked, ports }) => {
    const d = deadline as DeadlineRow;
    const offline = offlineSideOf(row) === d.party;
    const holders = offline
      ? keeperOfficers(row, locked)
      : d.party === 'REQUESTED' ? [row.requestedAuthorityId] : d.kind === 'REVIEW' ? locked.homeOfficerAuthorityIds : [row.requestingAuthorityId];
    // An OFFLINE authority has no inbox: the side facing it chases, its officers and supervisors (DESIGN §14).
    const supervisors = offline && d.dueAt > now ? await ports.users.supervisorsOf([keeperCountry(row)]) : [];
    return {
      targeted: { deadlineId: d.id, reminded: true },
      recipients: d.dueAt > now ? [...holders.map((authorityId) => ({ authorityId })), ...supervisors.map((s) => ({ authorityId: s.authorityId, userId: s.id }))] : [],
      notificationData: { deadlineId: d.id, kind: d.kind, party: d.party, dueAt: d.dueAt.toISOString() },
    };
  },
);

/** The officers' authorities of the side facing an OFFLINE counterpart: the home officers and the sender (outgoing), the requested authority (incoming). */
function keeperOfficers(row: RequestRow, locked: LockedRequest): string[] {
  if (keeperSideOf(row) === 'REQUESTED') return [row.requestedAuthorityId];
  return [...new Set([...locked.homeOfficerAuthorityIds, ...(row.sendingAuthorityId ? [row.sendingAuthorityId] : [])])];
}

function keeperCountry(row: RequestRow): string {
  return keeperSideOf(row) === 'REQUESTED' ? row.requestedCountry : row.requestingCountry;
}

/**
 * deadline_overdue (level 1: the ball holder's supervisors) and deadline_escalated (level 2: both countries').
 * A deadline of an OFFLINE authority escalates to the side facing it (DESIGN §14): its supervisors, and its officers, who chase.
 */
function escalation(level: 1 | 2): ActionRuleFn<DeadlineInput> {
  return async ({ row, deadline, ports, locked }): Promise<CommandPlan> => {
    const d = deadline as DeadlineRow;
    const offline = offlineSideOf(row) === d.party;
    const partyCountry = offline ? keeperCountry(row) : d.party === 'REQUESTING' ? row.requestingCountry : row.requestedCountry;
    const countries = level === 1 ? [partyCountry] : [...new Set([row.requestingCountry, ...(row.sentAt ? [row.requestedCountry] : [])])];
    const supervisors = await ports.users.supervisorsOf(countries);
    const escalated = { deadlineId: d.id, kind: d.kind, party: d.party, dueAt: d.dueAt.toISOString(), escalationLevel: level };
    const officers = offline ? keeperOfficers(row, locked).map((authorityId) => ({ authorityId })) : [];
    return {
      targeted: { deadlineId: d.id, escalateTo: level },
      eventInput: escalated,
      notificationData: escalated,
      recipients: [...officers, ...supervisors.map((s) => ({ authorityId: s.authorityId, userId: s.id }))],
    };
  };
}

/** The due time passed unmet (level 1: the ball holder's supervisors). */
export const deadlineOverdue = command<'deadline_overdue', DeadlineInput>(
  'deadline_overdue',
  {
    from: NON_TERMINAL, role: 'SYSTEM', side: null, recorded: true,
    requiredInput: ['deadlineId'], deadline: { statuses: OPEN_RUNNING },
    notify: { type: 'deadline.escalated', audience: [] },
  },
  escalation(1),
);

/** Due + the policy's fraction of the span passed (level 2: both countries' supervisors). */
export const deadlineEscalated = command<'deadline_escalated', DeadlineInput>(
  'deadline_escalated',
  {
    from: NON_TERMINAL, role: 'SYSTEM', side: null, recorded: true,
    requiredInput: ['deadlineId'], deadline: { statuses: OPEN_RUNNING },
    notify: { type: 'deadline.escalated', audience: [] },
  },
  escalation(2),
);

/**
 * recompute_deadlines (DESIGN §5 as the README extends it): the ball holder's country's
 * working calendar changed, so running deadlines counted in business days take the due time
 * their count now gives, from their start. The event records each deadline's old and new
 * due time; both sides are told (like an extension).
 */
export const recomputeDeadlines = command<'recompute_deadlines', RecomputeInput>(
  'recompute_deadlines',
  {
    from: NON_TERMINAL, role: 'SYSTEM', side: null, recorded: true, skipUnlessFrom: true,
    requiredInput: ['calendarCountry', 'deadlines'],
    notify: { type: 'deadline.recomputed', audience: BOTH_SIDES },
  },
  ({ input, locked }) => {
    const { calendarCountry, deadlines } = input;
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
  },
);
