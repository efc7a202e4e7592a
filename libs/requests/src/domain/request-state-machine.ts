/**
 * The state machine of a request (DESIGN §3): one frozen table and pure functions that, given
 * a request, an actor and an action, answer the next state or the reason for refusal.
 * Plain TypeScript: no framework, no I/O. The API, the deadlines and every test use this table.
 */
import {
  REQUEST_ACTIONS,
  REQUEST_STATES,
  TERMINAL_STATES,
  type ActorRole,
  type BallHolder,
  type DeadlineKind,
  type RequestAction,
  type RequestState,
  type RequestType,
  type Side,
  deadlineEffectsOf,
  NO_DEADLINE_EFFECTS,
  type DeadlineEffects,
} from '@mla/domain';

export type { DeadlineEffects };

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

const effects = deadlineEffectsOf;

const ALL: TypeRule = { kind: 'all' };
const ONLY_PRESERVATION: TypeRule = { kind: 'only', types: ['PRESERVATION'] };
const EXCEPT_PRESERVATION: TypeRule = { kind: 'except', types: ['PRESERVATION'] };

/** withdraw: every non-terminal state but DRAFT. */
const WITHDRAWABLE_STATES: readonly RequestState[] = REQUEST_STATES.filter(
  (s) => s !== 'DRAFT' && !TERMINAL_STATES.includes(s),
);

type RuleSpec = Omit<TransitionRule, 'action' | 'requiredInput' | 'optionalInput' | 'deadlines'> &
  Partial<Pick<TransitionRule, 'requiredInput' | 'optionalInput' | 'deadlines'>>;

const REQUESTING_PROSECUTOR = { role: 'PROSECUTOR', side: 'REQUESTING' } as const;
const REQUESTING_OFFICER = { role: 'OFFICER', side: 'REQUESTING' } as const;
const REQUESTED_OFFICER = { role: 'OFFICER', side: 'REQUESTED' } as const;

const SPECS: Record<RequestAction, RuleSpec> = {
  submit: {
    from: ['DRAFT'], to: 'IN_REVIEW', ...REQUESTING_PROSECUTOR, types: ALL,
    deadlines: effects({ start: ['REVIEW'] }),
  },
  return: {
    from: ['IN_REVIEW'], to: 'DRAFT', ...REQUESTING_OFFICER, types: ALL,
    requiredInput: ['reason'],
    deadlines: effects({ meet: ['REVIEW'] }),
  },
  send: {
    from: ['IN_REVIEW'], to: 'SENT', ...REQUESTING_OFFICER, types: ALL,
    deadlines: effects({ meet: ['REVIEW'], start: ['ACKNOWLEDGEMENT', 'EXECUTION'] }),
  },
  acknowledge: {
    from: ['SENT'], to: 'ACKNOWLEDGED', ...REQUESTED_OFFICER, types: ALL,
    optionalInput: ['note', 'assigneeId'],
    deadlines: effects({ meet: ['ACKNOWLEDGEMENT'] }),
  },
  confirm_preservation: {
    from: ['ACKNOWLEDGED'], to: 'PRESERVED', ...REQUESTED_OFFICER, types: ONLY_PRESERVATION,
    requiredInput: ['preservedUntil'], optionalInput: ['note'],
    deadlines: effects({ meet: ['PRESERVATION_CONFIRMATION'], start: ['PRESERVATION_EXPIRY'] }),
  },
  extend_preservation: {
    from: ['PRESERVED'], to: 'SAME', ...REQUESTED_OFFICER, types: ONLY_PRESERVATION,
    requiredInput: ['preservedUntil'], optionalInput: ['note'],
    deadlines: effects({ move: ['PRESERVATION_EXPIRY'] }),
  },
  start_execution: {
    from: ['ACKNOWLEDGED'], to: 'IN_EXECUTION', ...REQUESTED_OFFICER, types: EXCEPT_PRESERVATION,
    optionalInput: ['executingBody', 'assigneeId', 'note'],
  },
  report_delay: {
    from: ['ACKNOWLEDGED', 'IN_EXECUTION'], to: 'SAME', ...REQUESTED_OFFICER, types: ALL,
    requiredInput: ['reason', 'expectedBy'],
  },
  request_info: {
    from: ['ACKNOWLEDGED', 'IN_EXECUTION'], to: 'INFO_REQUESTED', ...REQUESTED_OFFICER, types: EXCEPT_PRESERVATION,
    requiredInput: ['message'],
    deadlines: effects({ pause: ['EXECUTION'], start: ['INFO_RESPONSE'] }),
  },
  provide_info: {
    from: ['INFO_REQUESTED'], to: 'RESUME', ...REQUESTING_PROSECUTOR, types: ALL,
    requiredInput: ['message'],
    deadlines: effects({ meet: ['INFO_RESPONSE'], resume: ['EXECUTION'] }),
  },
  deliver_evidence: {
    from: ['IN_EXECUTION'], to: 'BY_FINAL_FLAG', ...REQUESTED_OFFICER, types: EXCEPT_PRESERVATION,
    requiredInput: ['items', 'final'],
    deadlines: effects({ meet: ['EXECUTION'] }), // only when final: see deadlineEffects()
  },
  close: {
    from: ['EVIDENCE_RECEIVED', 'PRESERVED'], to: 'CLOSED', ...REQUESTING_PROSECUTOR, types: ALL,
    requiredInput: ['outcome'], optionalInput: ['followUpRequestId'],
    deadlines: effects({ endAllOpen: true }),
  },
  refuse: {
    from: ['SENT', 'ACKNOWLEDGED', 'IN_EXECUTION', 'INFO_REQUESTED'], to: 'REFUSED', ...REQUESTED_OFFICER, types: ALL,
    requiredInput: ['ground', 'text'],
    deadlines: effects({ endAllOpen: true }),
  },
  withdraw: {
    from: WITHDRAWABLE_STATES, to: 'WITHDRAWN', ...REQUESTING_PROSECUTOR, types: ALL,
    requiredInput: ['reason'],
    deadlines: effects({ endAllOpen: true }),
  },
  expire: {
    from: ['PRESERVED'], to: 'EXPIRED', role: 'SYSTEM', side: null, types: ONLY_PRESERVATION,
  },
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** The transitions of DESIGN §3, one rule per action, in REQUEST_ACTIONS order. Deeply frozen. */
export const TRANSITION_TABLE: Readonly<Record<RequestAction, TransitionRule>> = deepFreeze(
  Object.fromEntries(
    REQUEST_ACTIONS.map((action): [RequestAction, TransitionRule] => {
      const spec = SPECS[action];
      return [
        action,
        {
          action,
          from: [...spec.from],
          to: spec.to,
          role: spec.role,
          side: spec.side,
          types: spec.types,
          requiredInput: spec.requiredInput ?? [],
          optionalInput: spec.optionalInput ?? [],
          deadlines: spec.deadlines ?? effects(),
        },
      ];
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

/** The side that must act next; null once terminal. PRESERVED: requesting (it must send the follow-up). */
export function ballHolder(state: RequestState): BallHolder {
  if (isTerminal(state)) return null;
  switch (state) {
    case 'SENT':
    case 'ACKNOWLEDGED':
    case 'IN_EXECUTION':
      return 'REQUESTED';
    default:
      return 'REQUESTING';
  }
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
