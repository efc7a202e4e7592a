/**
 * Every action of the write path, each defined once in its family's file (its table entry,
 * its typed input and its business rule together): the fifteen transitions of DESIGN §3 in
 * REQUEST_ACTIONS order, then the other commands. The state machine's TRANSITION_TABLE and
 * the COMMAND_TABLE are derived from this list.
 */
import type { ActionDefinition, ActionPrepareFn, ActionRuleFn, CommandName } from './action-definition';
import { close, withdraw } from './closing.actions';
import { deadlineEscalated, deadlineOverdue, deadlineReminder, recomputeDeadlines } from './deadline.actions';
import { attach, deleteDraft, edit, removeAttachment } from './draft.actions';
import { deliverEvidence } from './evidence.actions';
import { attachCorrespondence, chase } from './counterpart.actions';
import { acknowledge, provideInfo, refuse, reportDelay, requestInfo, startExecution } from './execution.actions';
import { confirmPreservation, expire, extendPreservation } from './preservation.actions';
import { attachSignedLetter, followUpSent, returnToDraft, send, submit } from './submission.actions';
import { extendDeadline, reassign } from './supervision.actions';

export * from './action-definition';
export type * from './action-ports';
export { incomingRule, newIncomingRow, type IncomingInput } from './incoming';
export { checkRelated, checkRequestedAuthority, createRule, newDraftRow, type CreateInput, type DraftContentInput } from './draft.actions';

type AnyDefinition = ActionDefinition<CommandName, never>;

/** Every action, in table order. */
export const ACTIONS: readonly AnyDefinition[] = [
  submit, returnToDraft, send, acknowledge, confirmPreservation, extendPreservation, startExecution, reportDelay,
  requestInfo, provideInfo, deliverEvidence, close, refuse, withdraw, expire,
  edit, deleteDraft, extendDeadline, reassign, followUpSent, deadlineReminder, deadlineOverdue, deadlineEscalated,
  recomputeDeadlines, attach, removeAttachment, attachCorrespondence, chase, attachSignedLetter,
] as unknown as readonly AnyDefinition[];

const RULES = new Map(ACTIONS.map((a) => [a.name, a.rule as ActionRuleFn<unknown> | null]));

/** The business rule of a command, if it has one. */
export function ruleOf(name: CommandName): ActionRuleFn<unknown> | null {
  return RULES.get(name) ?? null;
}

const PREPARES = new Map(ACTIONS.map((a) => [a.name, a.prepare as ActionPrepareFn<unknown> | null]));

/** What a command does before the lock, if anything (`send`: its letter rendered and sealed). */
export function prepareOf(name: CommandName): ActionPrepareFn<unknown> | null {
  return PREPARES.get(name) ?? null;
}
