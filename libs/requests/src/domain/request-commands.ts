/**
 * Every change to a request, as data (DESIGN §3 and the extensions in the README): the
 * fifteen transitions of the state machine's table, and the other commands of the one
 * write path (draft edit and delete, deadline extension, reassignment, the follow-up's
 * effect on its preservation, the worker's reminders and escalations). Each says who may
 * take it, from which states, with what input, what it records and who is told. Derived
 * from the per-action definitions (`actions/`, where each command's rule is beside its
 * entry). Pure: no framework, no I/O.
 */
import { REQUEST_ACTIONS, type RequestAction } from '@mla/domain';
import type { ActionSpec } from './action-rule';
import { ACTIONS, type CommandName } from './actions';

export { AUDIENCES, type Audience, type Stamp } from './action-rule';
export type { Command, CommandName, CommandInputs } from './actions';

export type OtherCommand = Exclude<CommandName, RequestAction>;

/** The commands that are no transition, in table order. */
export const OTHER_COMMANDS: readonly OtherCommand[] = ACTIONS.filter((a) => a.transition === null).map((a) => a.name as OtherCommand);
export const COMMAND_NAMES: readonly CommandName[] = [...REQUEST_ACTIONS, ...OTHER_COMMANDS];

export interface CommandSpec extends ActionSpec {
  name: CommandName;
  action: CommandName;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** Every command of the write path, by name. Deeply frozen. */
export const COMMAND_TABLE: Readonly<Record<CommandName, CommandSpec>> = deepFreeze(
  Object.fromEntries(
    COMMAND_NAMES.map((name) => {
      const spec = ACTIONS.find((a) => a.name === name)?.spec;
      if (!spec) throw new Error(`${name} has no definition in domain/actions`);
      return [name, spec];
    }),
  ) as Record<CommandName, CommandSpec>,
);

/** Every input field a command accepts: required ∪ optional. */
export function commandInput(name: CommandName): readonly string[] {
  const spec = COMMAND_TABLE[name];
  return [...spec.requiredInput, ...spec.optionalInput];
}
