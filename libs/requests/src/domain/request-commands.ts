/**
 * Every change to a request, as data (DESIGN §3 and the extensions in the README): the
 * fifteen transitions of the state machine's table, and the other commands of the one
 * write path (draft edit and delete, deadline extension, reassignment, the follow-up's
 * effect on its preservation, the worker's reminders and escalations). Each says who may
 * take it, from which states, with what input, what it records and who is told; a command
 * with a business rule of its own has one small function beside it (`commands/rules`).
 * Pure: no framework, no I/O.
 */
import {
  deadlineEffectsOf,
  REQUEST_ACTIONS,
  REQUEST_STATES,
  TERMINAL_STATES,
  type DeadlineStatus,
  type RequestAction,
  type RequestState,
} from '@mla/domain';
import { ActionRule, TRANSITION_TABLE } from './request-state-machine';

export const OTHER_COMMANDS = [
  'edit',
  'delete',
  'extend_deadline',
  'reassign',
  'follow_up_sent',
  'deadline_reminder',
  'deadline_overdue',
  'deadline_escalated',
  'recompute_deadlines',
  'attach',
  'remove_attachment',
] as const;
export type OtherCommand = (typeof OTHER_COMMANDS)[number];
export type CommandName = RequestAction | OtherCommand;
export const COMMAND_NAMES: readonly CommandName[] = [...REQUEST_ACTIONS, ...OTHER_COMMANDS];

/**
 * Who is told: the requesting (prosecution) authority, the authority that sent the request,
 * the requested authority (only once sent: before, the request is not theirs to know), the
 * requesting country's officer authorities (central authority, 24/7 point), the latter only
 * while the request has not been sent.
 */
export const AUDIENCES = ['REQUESTING', 'SENDING', 'REQUESTED', 'HOME_OFFICERS', 'HOME_OFFICERS_UNTIL_SENT'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Instants a command records on the request, the first time only. */
export type Stamp = 'submittedAt' | 'sentAt' | 'acknowledgedAt' | 'closedAt';

export interface CommandSpec extends Omit<ActionRule, 'action' | 'side'> {
  name: CommandName;
  action: CommandName;
  /** The side it acts for; DEADLINE_PARTY: the side that holds the deadline it names. */
  side: ActionRule['side'] | 'DEADLINE_PARTY';
  /** A §3 transition: its deadline effects depend on the type and input (deadlineEffects()). */
  transition: boolean;
  /** It names one of the request's deadlines (`input.deadlineId`; 404 otherwise), which must be in one of these statuses (409). */
  deadline: { statuses: readonly DeadlineStatus[] } | null;
  stamps: readonly Stamp[];
  /** Appends an event to the history and bumps the version (a reminder changes no request). */
  recorded: boolean;
  /** The notification it writes, and to whom (a rule may name the recipients instead). */
  notify: { type: string; audience: readonly Audience[] } | null;
  /** When the request is not in `from`, it does nothing (instead of answering 409). */
  skipUnlessFrom: boolean;
  /**
   * Its event is the acting side's internal work, seen only by that side (a reassignment).
   * Before `send` every event is the requesting side's own, whatever this says (DESIGN §2).
   */
  ownSide: boolean;
}

const OTHER_SIDE_OF_REQUESTED: readonly Audience[] = ['REQUESTING', 'SENDING'];
const OTHER_SIDE_OF_PROSECUTOR: readonly Audience[] = ['REQUESTED', 'SENDING'];
const BOTH_SIDES: readonly Audience[] = ['REQUESTING', 'SENDING', 'REQUESTED'];

/** What each transition records and whom it tells (the rest is the state machine's table). */
const TRANSITION_EXTRAS: Record<RequestAction, Pick<CommandSpec, 'stamps' | 'notify'>> = {
  submit: { stamps: ['submittedAt'], notify: { type: 'request.submitted', audience: ['HOME_OFFICERS'] } },
  return: { stamps: [], notify: { type: 'request.returned', audience: ['REQUESTING'] } },
  send: { stamps: ['sentAt'], notify: { type: 'request.sent', audience: ['REQUESTED', 'REQUESTING'] } },
  acknowledge: { stamps: ['acknowledgedAt'], notify: { type: 'request.acknowledged', audience: OTHER_SIDE_OF_REQUESTED } },
  confirm_preservation: { stamps: [], notify: { type: 'request.preservation_confirmed', audience: OTHER_SIDE_OF_REQUESTED } },
  extend_preservation: { stamps: [], notify: { type: 'request.preservation_extended', audience: OTHER_SIDE_OF_REQUESTED } },
  start_execution: { stamps: [], notify: { type: 'request.execution_started', audience: OTHER_SIDE_OF_REQUESTED } },
  report_delay: { stamps: [], notify: { type: 'request.delay_reported', audience: OTHER_SIDE_OF_REQUESTED } },
  request_info: { stamps: [], notify: { type: 'request.info_requested', audience: OTHER_SIDE_OF_REQUESTED } },
  provide_info: { stamps: [], notify: { type: 'request.info_provided', audience: OTHER_SIDE_OF_PROSECUTOR } },
  deliver_evidence: { stamps: [], notify: { type: 'request.evidence_delivered', audience: OTHER_SIDE_OF_REQUESTED } },
  close: { stamps: ['closedAt'], notify: { type: 'request.closed', audience: OTHER_SIDE_OF_PROSECUTOR } },
  refuse: { stamps: ['closedAt'], notify: { type: 'request.refused', audience: OTHER_SIDE_OF_REQUESTED } },
  withdraw: { stamps: ['closedAt'], notify: { type: 'request.withdrawn', audience: ['REQUESTED', 'SENDING', 'HOME_OFFICERS_UNTIL_SENT'] } },
  expire: { stamps: ['closedAt'], notify: { type: 'request.expired', audience: BOTH_SIDES } },
};

const NON_TERMINAL: readonly RequestState[] = REQUEST_STATES.filter((s) => !TERMINAL_STATES.includes(s));
const OPEN_RUNNING: readonly DeadlineStatus[] = ['PENDING', 'OVERDUE'];
const NO_EFFECTS = deadlineEffectsOf();
const ANY_TYPE = { kind: 'all' } as const;

type OtherSpec = Omit<CommandSpec, 'name' | 'action' | 'transition' | 'types' | 'optionalInput' | 'requiredInput' | 'deadlines' | 'deadline' | 'stamps' | 'skipUnlessFrom' | 'ownSide'> &
  Partial<Pick<CommandSpec, 'optionalInput' | 'requiredInput' | 'deadlines' | 'deadline' | 'skipUnlessFrom' | 'ownSide'>>;

const OTHER_SPECS: Record<OtherCommand, OtherSpec> = {
  // A draft's content changes (PATCH): the fields of the body; at least one.
  edit: {
    from: ['DRAFT'], to: 'SAME', role: 'PROSECUTOR', side: 'REQUESTING', recorded: true, notify: null,
    optionalInput: ['type', 'priority', 'channel', 'legalBasis', 'treatyName', 'requestedAuthorityId', 'title', 'offence', 'facts',
      'measures', 'identifiers', 'relatedRequestId', 'neededBy', 'confidential', 'language', 'details'],
  },
  // A draft is deleted: hidden from then on, its history kept.
  delete: { from: ['DRAFT'], to: 'SAME', role: 'PROSECUTOR', side: 'REQUESTING', recorded: true, notify: null },
  // A supervisor of the side that holds a deadline moves it later, with a reason (DESIGN §5).
  extend_deadline: {
    from: NON_TERMINAL, to: 'SAME', role: 'SUPERVISOR', side: 'DEADLINE_PARTY', recorded: true,
    requiredInput: ['deadlineId', 'dueAt', 'reason'], deadline: { statuses: OPEN_RUNNING },
    notify: { type: 'deadline.extended', audience: BOTH_SIDES },
  },
  // A supervisor of the requested country hands the request to another officer of the requested authority.
  reassign: {
    from: NON_TERMINAL, to: 'SAME', role: 'SUPERVISOR', side: 'REQUESTED', recorded: true, ownSide: true,
    requiredInput: ['assigneeId', 'reason'], notify: { type: 'request.reassigned', audience: [] },
  },
  // A follow-up of a PRESERVED request was sent: its PRESERVATION_EXPIRY is met (Budapest art. 29(7)).
  follow_up_sent: {
    from: ['PRESERVED'], to: 'SAME', role: 'SYSTEM', side: null, recorded: true, skipUnlessFrom: true,
    requiredInput: ['followUpRequestId', 'followUpReference'],
    deadlines: deadlineEffectsOf({ meet: ['PRESERVATION_EXPIRY'] }),
    notify: { type: 'request.follow_up_sent', audience: BOTH_SIDES },
  },
  // The worker: a reminder to the ball holder (no event: the request does not change).
  deadline_reminder: {
    from: NON_TERMINAL, to: 'SAME', role: 'SYSTEM', side: null, recorded: false,
    requiredInput: ['deadlineId'], deadline: { statuses: OPEN_RUNNING },
    notify: { type: 'deadline.reminder', audience: [] },
  },
  // The worker: the due time passed unmet (level 1: the ball holder's supervisors).
  deadline_overdue: {
    from: NON_TERMINAL, to: 'SAME', role: 'SYSTEM', side: null, recorded: true,
    requiredInput: ['deadlineId'], deadline: { statuses: OPEN_RUNNING },
    notify: { type: 'deadline.escalated', audience: [] },
  },
  // The worker: due + the policy's fraction of the span passed (level 2: both countries' supervisors).
  deadline_escalated: {
    from: NON_TERMINAL, to: 'SAME', role: 'SYSTEM', side: null, recorded: true,
    requiredInput: ['deadlineId'], deadline: { statuses: OPEN_RUNNING },
    notify: { type: 'deadline.escalated', audience: [] },
  },
  // A country's working calendar changed: its running business-day deadlines take the due time
  // their count of days now gives, from their start (DESIGN §5 as the README extends it).
  recompute_deadlines: {
    from: NON_TERMINAL, to: 'SAME', role: 'SYSTEM', side: null, recorded: true, skipUnlessFrom: true,
    requiredInput: ['calendarCountry', 'deadlines'],
    notify: { type: 'deadline.recomputed', audience: BOTH_SIDES },
  },
  // A supporting document (court order, warrant, translation…) joins a draft; from submit on they are frozen (issue 13).
  attach: {
    from: ['DRAFT'], to: 'SAME', role: 'PROSECUTOR', side: 'REQUESTING', recorded: true, notify: null,
    requiredInput: ['attachmentId', 'kind', 'language', 'fileName', 'mediaType', 'sizeBytes', 'sha256', 'contentRef'],
  },
  // A supporting document leaves a draft (its file with it); the chain keeps what it was.
  remove_attachment: {
    from: ['DRAFT'], to: 'SAME', role: 'PROSECUTOR', side: 'REQUESTING', recorded: true, notify: null,
    requiredInput: ['attachmentId'],
  },
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

function transitionSpec(action: RequestAction): CommandSpec {
  const rule = TRANSITION_TABLE[action];
  return {
    ...rule,
    name: action,
    action,
    transition: true,
    // expire fires when PRESERVATION_EXPIRY passes: it names that deadline.
    deadline: action === 'expire' ? { statuses: OPEN_RUNNING } : null,
    requiredInput: action === 'expire' ? ['deadlineId'] : rule.requiredInput,
    recorded: true,
    skipUnlessFrom: false,
    ownSide: false,
    ...TRANSITION_EXTRAS[action],
  };
}

function otherSpec(name: OtherCommand): CommandSpec {
  const s = OTHER_SPECS[name];
  return {
    name,
    action: name,
    transition: false,
    types: ANY_TYPE,
    requiredInput: [],
    optionalInput: [],
    deadlines: NO_EFFECTS,
    deadline: null,
    stamps: [],
    skipUnlessFrom: false,
    ownSide: false,
    ...s,
  };
}

/** Every command of the write path, by name. Deeply frozen. */
export const COMMAND_TABLE: Readonly<Record<CommandName, CommandSpec>> = deepFreeze(
  Object.fromEntries([
    ...REQUEST_ACTIONS.map((a) => [a, transitionSpec(a)] as const),
    ...OTHER_COMMANDS.map((c) => [c, otherSpec(c)] as const),
  ]) as Record<CommandName, CommandSpec>,
);

/** Every input field a command accepts: required ∪ optional. */
export function commandInput(name: CommandName): readonly string[] {
  const spec = COMMAND_TABLE[name];
  return [...spec.requiredInput, ...spec.optionalInput];
}
