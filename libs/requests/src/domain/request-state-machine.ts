/**
 * The state machine of a request (DESIGN §3): one frozen table (taken from each action's
 * definition in `actions/`) and pure functions that, given a request, an actor and an action,
 * answer the next state or the reason for refusal.
 * Plain TypeScript: no framework, no I/O. The API, the deadlines and every test use this table.
 */
import {
  REQUEST_ACTIONS,
  TERMINAL_STATES,
  type ActorRole,
  type BallHolder,
  type DeadlineKind,
  type RequestAction,
  type RequestState,
  type RequestType,
  type Side,
  NO_DEADLINE_EFFECTS,
  type DeadlineEffects,
} from '@mla/domain';

export type { DeadlineEffects };

import type { ActionRule, TransitionRule, TypeRule } from './action-rule';
import { ACTIONS } from './actions';

export type { ActionRule, TargetState, TransitionRule, TypeRule } from './action-rule';

export interface MachineRequest {
  state: RequestState;
  type: RequestType;
  /** The state a request in INFO_REQUESTED came from (ACKNOWLEDGED or IN_EXECUTION). */
  resumeState?: RequestState | null;
}

/** side: the actor's side relative to this request; null when on neither side (e.g. ADMIN). */
export interface MachineActor {
  role: ActorRole;
  side: Side | null;
}

export type RefusalCode = 'FORBIDDEN' | 'INVALID_TRANSITION' | 'INPUT_MISSING';

export type Decision =
  | { ok: true; to: RequestState; rule: ActionRule }
  | { ok: false; code: RefusalCode; reason: string; missing?: string[] };

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/**
 * The transitions of DESIGN §3, one rule per action, in REQUEST_ACTIONS order: taken from each
 * action's definition (`actions/`). Deeply frozen.
 */
export const TRANSITION_TABLE: Readonly<Record<RequestAction, TransitionRule>> = deepFreeze(
  Object.fromEntries(
    REQUEST_ACTIONS.map((action): [RequestAction, TransitionRule] => {
      const rule = ACTIONS.find((a) => a.name === action)?.transition;
      if (!rule) throw new Error(`${action} has no definition in domain/actions`);
      return [action, rule];
    }),
  ) as Record<RequestAction, TransitionRule>,
);

// ---------------------------------------------------------------------------------------------
// Functions
// ---------------------------------------------------------------------------------------------

export function typeAllowed(rule: TypeRule, type: RequestType): boolean {
  switch (rule.kind) {
    case 'all':
      return true;
    case 'only':
      return rule.types.includes(type);
    case 'except':
      return !rule.types.includes(type);
  }
}

export function isAbsent(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** The refusal for role/side, state or type (input not considered), or null when allowed. */
function refusalBeforeInput(
  request: MachineRequest,
  actor: MachineActor,
  rule: ActionRule,
): Extract<Decision, { ok: false }> | null {
  if (actor.role !== rule.role || actor.side !== rule.side) {
    const who = rule.side ? `${rule.role} of the ${rule.side} side` : rule.role;
    return { ok: false, code: 'FORBIDDEN', reason: `${rule.action} is reserved to the ${who}` };
  }
  if (!rule.from.includes(request.state)) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: `${rule.action} is not allowed from state ${request.state}` };
  }
  if (!typeAllowed(rule.types, request.type)) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: `${rule.action} does not apply to type ${request.type}` };
  }
  return null;
}

/** The required input fields of the action that are absent (undefined, null, blank string, empty array). */
export function missingInput(action: RequestAction, input: Record<string, unknown>): string[] {
  return missingOf(TRANSITION_TABLE[action], input);
}

function missingOf(rule: ActionRule, input: Record<string, unknown>): string[] {
  return rule.requiredInput.filter((field) => isAbsent(input[field]));
}

/** Decides an action: the next state, or the first refusal (role/side, then state/type, then input). */
export function decide(
  request: MachineRequest,
  actor: MachineActor,
  action: RequestAction,
  input: Record<string, unknown> = {},
): Decision {
  return decideRule(TRANSITION_TABLE[action], request, actor, input);
}

/** decide() for any rule of that shape (the §3 transitions and the other commands on a request). */
export function decideRule(rule: ActionRule, request: MachineRequest, actor: MachineActor, input: Record<string, unknown> = {}): Decision {
  const refusal = refusalBeforeInput(request, actor, rule);
  if (refusal) return refusal;

  const missing = missingOf(rule, input);
  if (missing.length > 0) {
    return { ok: false, code: 'INPUT_MISSING', reason: `${rule.action} requires ${missing.join(', ')}`, missing };
  }
  return { ok: true, to: concreteTarget(rule, request, input), rule };
}

function concreteTarget(rule: ActionRule, request: MachineRequest, input: Record<string, unknown>): RequestState {
  switch (rule.to) {
    case 'SAME':
      return request.state;
    case 'RESUME':
      if (!request.resumeState) {
        throw new Error(`${rule.action}: request in ${request.state} has no resumeState`);
      }
      return request.resumeState;
    case 'BY_FINAL_FLAG':
      return input.final === true ? 'EVIDENCE_RECEIVED' : 'IN_EXECUTION';
    default:
      return rule.to;
  }
}

/** The actions the actor may take now (role, side, state and type; input not considered), in table order. */
export function allowedActions(request: MachineRequest, actor: MachineActor): RequestAction[] {
  return REQUEST_ACTIONS.filter((action) => refusalBeforeInput(request, actor, TRANSITION_TABLE[action]) === null);
}

import { ballHolder } from './ball-holder';

export { ballHolder };

/**
 * Who of the ball holder's side must act next: the role of the table's actions from this
 * state on that side (withdraw, open to the prosecutor in every state, aside). IN_REVIEW:
 * the requesting country's OFFICER (its central authority), not the prosecutor.
 */
export function ballHolderRole(state: RequestState): 'PROSECUTOR' | 'OFFICER' | null {
  const side = ballHolder(state);
  if (!side) return null;
  const rule = REQUEST_ACTIONS.map((a) => TRANSITION_TABLE[a]).find((r) => r.action !== 'withdraw' && r.side === side && r.from.includes(state));
  return rule?.role === 'PROSECUTOR' || rule?.role === 'OFFICER' ? rule.role : null;
}

export function isTerminal(state: RequestState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** Every input field the action accepts: requiredInput ∪ optionalInput. */
export function acceptedInput(action: RequestAction): readonly string[] {
  const rule = TRANSITION_TABLE[action];
  return [...rule.requiredInput, ...rule.optionalInput];
}

/**
 * The table's deadline effects made concrete for a request type and input: a PRESERVATION
 * request starts PRESERVATION_CONFIRMATION where others start EXECUTION; deliver_evidence
 * meets EXECUTION only when input.final === true.
 */
export function deadlineEffects(
  action: RequestAction,
  type: RequestType,
  input: Record<string, unknown> = {},
): DeadlineEffects {
  const table = TRANSITION_TABLE[action].deadlines;
  if (action === 'deliver_evidence' && input.final !== true) return NO_DEADLINE_EFFECTS;
  if (type === 'PRESERVATION' && table.start.includes('EXECUTION')) {
    const start = table.start.map((k): DeadlineKind => (k === 'EXECUTION' ? 'PRESERVATION_CONFIRMATION' : k));
    return deepFreeze({ ...table, start });
  }
  return table;
}
