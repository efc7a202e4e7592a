import type { EntityManager } from 'typeorm';
import type { SqlParams } from '@mla/core';
import type { DeadlinePolicy, DeadlineRow, RecomputedDueAt, TargetedDeadlineChange } from '@mla/deadlines';
import type { Principal } from '@mla/identity';
import type { StoredEvent } from '../domain/event-hash';
import type { CommandName } from '../domain/request-commands';
import type { Recipient } from '../notification-plan';
import type { RequestChanges, RequestRow } from '../request.row';

export type CommandInput = Record<string, unknown>;

/** A command to run on one request: its name (COMMAND_TABLE) and its input. */
export interface Command {
  name: CommandName;
  input: CommandInput;
}

/** Who runs it: a signed-in user, or the service itself (null). */
export type CommandActor = Principal | null;

/** A request as the pipeline reads it under its row lock, in one round trip. */
export interface LockedRequest {
  row: RequestRow;
  deadlines: DeadlineRow[];
  /** The requesting country's officer authorities (central authority, 24/7 point). */
  homeOfficerAuthorityIds: string[];
}

/** What a command's business rule sees: the locked request and the transaction it holds. */
export interface RuleContext {
  m: EntityManager;
  locked: LockedRequest;
  row: RequestRow;
  actor: CommandActor;
  input: CommandInput;
  now: Date;
  /** The deadline the command names (`input.deadlineId`), when it names one. */
  deadline: DeadlineRow | null;
  /** The deadline policy that applies to this request. */
  policy: DeadlinePolicy;
}

/** What a rule decides, besides what the table says. */
export interface CommandPlan {
  /** Request fields it sets. */
  changes?: RequestChanges;
  /** The event's input (default: the command's input). */
  eventInput?: CommandInput;
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
  internal?: { action: string; input: CommandInput };
}

export type CommandRule = (ctx: RuleContext) => CommandPlan | Promise<CommandPlan>;

/** What a command answers: the request after it, its deadlines, its event. */
export interface CommandResult {
  row: RequestRow;
  deadlines: DeadlineRow[];
  event: StoredEvent | null;
  /** The command did nothing (skipUnlessFrom). */
  skipped: boolean;
}
