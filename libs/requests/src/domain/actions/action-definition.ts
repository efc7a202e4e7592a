/**
 * What one action of the write path is, in one place: its entry of the table (who, from
 * which states, with what input, its deadline effects, what it records and whom it tells),
 * its typed input, and its business rule. The state machine's table and the command table
 * are derived from these definitions (`./index.ts`). A rule reaches the database only
 * through `ActionPorts`, bound to the command's transaction by the pipeline.
 */
import type { SqlParams } from '@mla/core';
import type { OfferedFile } from '@mla/federation';
import type { DeadlinePolicy, DeadlineRow, RecomputedDueAt, TargetedDeadlineChange } from '@mla/deadlines';
import { deadlineEffectsOf, REQUEST_STATES, TERMINAL_STATES, type DeadlineStatus, type RequestAction, type RequestState } from '@mla/domain';
import type { Principal } from '@mla/identity';
import type { ActionSpec, Audience, TransitionRule } from '../action-rule';
import type { RequestChanges } from '../request-fields';
import type { RequestRow } from '../request-row';
import type { ActionPorts } from './action-ports';

/**
 * Every command's input, by name. Each action's file adds its own entry
 * (`declare module './action-definition' { interface CommandInputs { … } }`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CommandInputs {}

export type CommandName = keyof CommandInputs;

/** A command to run on one request: its name and its typed input. */
export type Command = { [N in CommandName]: { name: N; input: CommandInputs[N] } }[CommandName];

/** Who runs it: a signed-in user, or the service itself (null). */
export type CommandActor = Principal | null;

/** A request as the pipeline reads it under its row lock, in one round trip. */
export interface LockedRequest {
  row: RequestRow;
  deadlines: DeadlineRow[];
  /** The requesting country's officer authorities (central authority, 24/7 point). */
  homeOfficerAuthorityIds: string[];
}

/** Who a notification goes to. */
export interface Recipient {
  authorityId: string;
  userId?: string | null;
}

/** What a command's business rule sees: the locked request, its typed input, and the ports bound to its transaction. */
export interface RuleContext<I = Record<string, unknown>> {
  locked: LockedRequest;
  row: RequestRow;
  actor: CommandActor;
  input: I;
  now: Date;
  /** The deadline the command names (`input.deadlineId`), when it names one. */
  deadline: DeadlineRow | null;
  /** The deadline policy that applies to this request. */
  policy: DeadlinePolicy;
  /** The seq of the event this command appends (its history's next). */
  seq: number;
  ports: ActionPorts;
  /** What the action's `prepare` answered before the lock (undefined: it has none). */
  prepared?: unknown;
  /**
   * The act comes from a peer node (DESIGN §15): decided there, or proposed to be decided here
   * by the state table. What only this node can check of its own (its stored files, its other
   * requests) was checked by the node where the act was taken.
   */
  fromPeer?: boolean;
}

/**
 * What an action does before the request is locked: its slow part (rendering and sealing a
 * letter), on the request as last committed, after the checks of §9 passed on it. It reads
 * the request itself (without lock, with what else it needs, in one round trip) and has it
 * checked by `check`. What it answers reaches the rule as `prepared`; the rule checks under
 * the lock that the request is still the version it was made from.
 */
export interface PrepareContext<I = Record<string, unknown>> {
  requestId: string;
  /** The checks of §9 before the 422 of missing input (404 when null or not visible, 403, 412, 409) on the request as read: answers it. */
  check: (row: RequestRow | null) => RequestRow;
  actor: CommandActor;
  input: I;
  /** The command's instant: the same `now` its rule sees. */
  now: Date;
  /** Ports bound to no transaction. */
  ports: ActionPorts;
}

export type ActionPrepareFn<I> = (ctx: PrepareContext<I>) => Promise<unknown>;

/** What a rule decides, besides what the table says. */
export interface CommandPlan {
  /** Request fields it sets. */
  changes?: RequestChanges;
  /** The event's input (default: the command's input). */
  eventInput?: Record<string, unknown>;
  /** More of the notification's `data`. */
  notificationData?: Record<string, unknown>;
  /** The recipients, instead of the table's audience. */
  recipients?: Recipient[];
  /** confirm/extend_preservation: the PRESERVATION_EXPIRY due time. */
  preservedUntil?: Date;
  /** A change aimed at the named deadline. */
  targeted?: TargetedDeadlineChange;
  /** Running business-day deadlines' new due times (a working calendar changed). */
  recomputed?: readonly RecomputedDueAt[];
  /** More data-modifying statements for the same round trip (parameters added to `p`). */
  alongside?: (p: SqlParams) => string[];
  /** Display fields of the row that change with it (a new requested authority's code, name, zone). */
  view?: Partial<RequestRow>;
  /** A command on a related request, in the same transaction (the follow-up's effect on its preservation). */
  then?: { requestId: string; command: Command };
  /** An internal event of the acting side that follows the command's own (an assignment), seen by that side only. */
  internal?: { action: string; input: Record<string, unknown> };
  /** What crosses to a peer node with the shared event (DESIGN §15): the files listed (OUT rows), the content sent. */
  shared?: { files?: OfferedFile[]; content?: Record<string, unknown> };
}

export type ActionRuleFn<I> = (ctx: RuleContext<I>) => CommandPlan | Promise<CommandPlan>;

/** One action: its table entry (the state machine's rule for a transition) and its business rule. */
export interface ActionDefinition<N extends string = string, I = never> {
  readonly name: N;
  /** The state machine's rule, for a §3 transition. */
  readonly transition: TransitionRule | null;
  /** Its entry of the command table. */
  readonly spec: ActionSpec;
  readonly rule: ActionRuleFn<I> | null;
  /** Its work before the lock, if any (`send`: the letter rendered and sealed). */
  readonly prepare: ActionPrepareFn<I> | null;
}

export const NON_TERMINAL: readonly RequestState[] = REQUEST_STATES.filter((s) => !TERMINAL_STATES.includes(s));
export const OPEN_RUNNING: readonly DeadlineStatus[] = ['PENDING', 'OVERDUE'];
export const OTHER_SIDE_OF_REQUESTED: readonly Audience[] = ['REQUESTING', 'SENDING'];
export const OTHER_SIDE_OF_PROSECUTOR: readonly Audience[] = ['REQUESTED', 'SENDING'];
export const BOTH_SIDES: readonly Audience[] = ['REQUESTING', 'SENDING', 'REQUESTED'];
export const REQUESTING_PROSECUTOR = { role: 'PROSECUTOR', side: 'REQUESTING' } as const;
export const REQUESTING_OFFICER = { role: 'OFFICER', side: 'REQUESTING' } as const;
export const REQUESTED_OFFICER = { role: 'OFFICER', side: 'REQUESTED' } as const;

type TransitionEntry = Omit<TransitionRule, 'action' | 'requiredInput' | 'optionalInput' | 'deadlines'> &
  Partial<Pick<TransitionRule, 'requiredInput' | 'optionalInput' | 'deadlines'>> &
  Pick<ActionSpec, 'stamps' | 'notify'> & {
    /** It names a deadline (`deadlineId`, required of the command though not of the state machine), in these statuses. */
    deadline?: ActionSpec['deadline'];
  };

/** A transition of DESIGN §3: the state machine's rule, its stamps and notification, and its business rule. */
export function transition<N extends RequestAction, I>(name: N, entry: TransitionEntry, rule?: ActionRuleFn<I>, prepare?: ActionPrepareFn<I>): ActionDefinition<N, I> {
  const { stamps, notify, deadline = null, ...table } = entry;
  const machine: TransitionRule = {
    action: name,
    from: [...table.from],
    to: table.to,
    role: table.role,
    side: table.side,
    types: table.types,
    requiredInput: table.requiredInput ?? [],
    optionalInput: table.optionalInput ?? [],
    deadlines: table.deadlines ?? deadlineEffectsOf(),
  };
  const spec: ActionSpec = {
    ...machine,
    name,
    transition: true,
    deadline,
    requiredInput: deadline ? ['deadlineId', ...machine.requiredInput] : machine.requiredInput,
    recorded: true,
    skipUnlessFrom: false,
    ownSide: false,
    stamps,
    notify,
  };
  return { name, transition: machine, spec, rule: rule ?? null, prepare: prepare ?? null };
}

type CommandEntry = Pick<ActionSpec, 'from' | 'role' | 'side' | 'recorded' | 'notify'> &
  Partial<Pick<ActionSpec, 'requiredInput' | 'optionalInput' | 'deadlines' | 'deadline' | 'skipUnlessFrom' | 'ownSide'>>;

/** A command that is no transition: any type, the state kept. */
export function command<N extends string, I>(name: N, entry: CommandEntry, rule?: ActionRuleFn<I>): ActionDefinition<N, I> {
  const spec: ActionSpec = {
    name,
    action: name,
    to: 'SAME',
    transition: false,
    types: { kind: 'all' },
    requiredInput: [],
    optionalInput: [],
    deadlines: deadlineEffectsOf(),
    deadline: null,
    stamps: [],
    skipUnlessFrom: false,
    ownSide: false,
    ...entry,
  };
  return { name, transition: null, spec, rule: rule ?? null, prepare: null };
}
