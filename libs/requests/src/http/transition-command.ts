import { AppException, FieldError } from '@mla/core';
import { RECORDABLE_ACTIONS } from '@mla/domain';
import type { Command } from '../commands/command.types';
import { commandInput } from '../domain/request-commands';
import type { TransitionDto } from '../dto/transition.dto';
import type { UpdateRequestDto } from '../dto/request-content.dto';

/**
 * An action's body as a command: only the fields of its action (400 otherwise, each named).
 * The body's fields were validated by their DTO; the input takes the action's type from here.
 */
export function transitionCommand(dto: TransitionDto): Command {
  const accepted = new Set([...commandInput(dto.action), ...(RECORDABLE_ACTIONS.includes(dto.action) ? ['recordedFrom'] : [])]);
  const input: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(dto)) {
    if (field === 'action' || value === undefined) continue;
    if (!accepted.has(field)) errors.push({ field, message: `is not accepted by action ${dto.action}` });
    else input[field] = value;
  }
  if (errors.length > 0) throw AppException.validation(errors);
  return { name: dto.action, input } as Command;
}

/** A draft's PATCH body as the edit command: the fields it names (at least one). */
export function editCommand(dto: UpdateRequestDto): Command {
  const input = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
  if (Object.keys(input).length === 0) throw AppException.validation([{ field: 'body', message: 'names no field to change' }]);
  return { name: 'edit', input: input as Extract<Command, { name: 'edit' }>['input'] };
}
