/**
 * What a peer node sends about a request, checked as the API checks what a user sends: the
 * content as sent (`request.sent`) by the create body's rules, an act's input by its action's
 * body (DESIGN §15). A peer's message is no more trusted than a user's body.
 */
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { canonicalJson, type FieldError } from '@mla/core';
import { commandInput } from '../domain/request-commands';
import type { CommandName } from '../domain/request-commands';
import { CreateRequestDto } from '../dto/request-content.dto';
import { TRANSITION_BODIES } from '../dto/transition.dto';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } } as const;

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    return [...Object.values(e.constraints ?? {}).map((message) => ({ field, message })), ...flatten(e.children ?? [], field)];
  });
}

/** The problems of a request's content as a peer sent it (the create body's rules), none when it is fit. */
export async function contentProblems(content: Record<string, unknown>, requestedAuthorityId: string): Promise<FieldError[]> {
  const dto = plainToInstance(CreateRequestDto, { ...content, requestedAuthorityId });
  return flatten(await validate(dto as object, OPTIONS));
}

/**
 * An act's command input from the input a shared event carries: the fields its command takes
 * (what the acting node derived besides, e.g. a delivery's number, it derives here again),
 * checked by its action's body. Answers the input or its problems.
 */
export async function actInput(action: CommandName, shared: Record<string, unknown>): Promise<{ input: Record<string, unknown> } | { problems: FieldError[] }> {
  const accepted = new Set(commandInput(action));
  const input = Object.fromEntries(Object.entries(shared).filter(([k, v]) => accepted.has(k) && v !== undefined));
  const body = TRANSITION_BODIES[action];
  if (!body) return { input };
  const problems = flatten(await validate(plainToInstance(body, { action, ...input }) as object, OPTIONS));
  return problems.length > 0 ? { problems } : { input };
}

/** Whether two JSON values say the same (key order aside). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
