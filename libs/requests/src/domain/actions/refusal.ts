import { AppException, type FieldError } from '@mla/core';
import type { RuleRefusal } from '@mla/domain';

/** A business rule broken by a well-formed value: 422 RULE_VIOLATED. */
export function ruleViolated(detail: string, errors?: FieldError[]): AppException {
  return AppException.rule(detail, errors);
}

/** Throws the refusal a pure check answered, if any. */
export function refuseIf(refusal: RuleRefusal | null): void {
  if (refusal) throw ruleViolated(refusal.detail, refusal.errors);
}

/** Required information is missing: 422 REQUEST_INCOMPLETE, every missing field named. */
export function incomplete(detail: string, errors: FieldError[]): AppException {
  return new AppException('REQUEST_INCOMPLETE', detail, errors);
}

/** 403: the caller may not do this. */
export function forbidden(detail: string): AppException {
  return AppException.forbidden(detail);
}

/** 404: what the command names does not exist (or the caller may not see it). */
export function notFound(what: string): AppException {
  return AppException.notFound(what);
}

/** 409: the command conflicts with what exists. */
export function conflict(detail: string, extra?: Record<string, unknown>): AppException {
  return new AppException('CONFLICT', detail, undefined, extra);
}
