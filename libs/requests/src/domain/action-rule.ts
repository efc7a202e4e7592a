/**
 * The shape of an action's rule in the table (who, from where, with what input, what it does
 * to deadlines): shared by the state machine and the per-action definitions (`actions/`).
 * Pure types.
 */
import type { ActorRole, DeadlineEffects, DeadlineStatus, RequestAction, RequestState, RequestType, Side } from '@mla/domain';

/** 'SAME': stays; 'RESUME': back to the state before INFO_REQUESTED; 'BY_FINAL_FLAG': see decide(). */
export type TargetState = RequestState | 'SAME' | 'RESUME' | 'BY_FINAL_FLAG';

export type TypeRule =
  | { kind: 'all' }
  | { kind: 'only'; types: readonly RequestType[] }
  | { kind: 'except'; types: readonly RequestType[] };

/** Who may take an action, from where, with what input, and what it does to deadlines. */
export interface ActionRule {
  action: string;
  from: readonly RequestState[];
  to: TargetState;
  /** 'SYSTEM' for what the service does by itself (expire, escalations). */
  role: ActorRole;
  /** null only for SYSTEM. */
  side: Side | null;
  types: TypeRule;
  /** Business inputs; one absent => refusal INPUT_MISSING (HTTP 422). */
  requiredInput: readonly string[];
  /** Other accepted input fields. */
  optionalInput: readonly string[];
  /** As written in the table; EXECUTION is replaced per type by deadlineEffects(). */
  deadlines: DeadlineEffects;
}

/** A transition of DESIGN §3. */
export interface TransitionRule extends ActionRule {
  action: RequestAction;
}

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

/** An entry of the command table (see CommandSpec), whatever its name. */
export interface ActionSpec extends Omit<ActionRule, 'side'> {
  name: string;
  /**
   * The side it acts for; DEADLINE_PARTY: the side that holds the deadline it names; KEEPER:
   * the side facing an OFFLINE counterpart, which keeps the request for both (DESIGN §14).
   */
  side: ActionRule['side'] | 'DEADLINE_PARTY' | 'KEEPER';
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
