import { PROBLEM_STATUS, ProblemCode } from './problem-code';

export interface FieldError {
  field: string;
  message: string;
  /** Where the rule broken comes from (a treaty article, a national guide), when it is not DESIGN's own. */
  source?: string;
  /** The rule the value broke, for clients that word the message themselves (class-validator's constraint name: `minLength`, `isEmail`, `whitelistValidation`, …). */
  rule?: string;
}

/**
 * The one exception type of the domain and services. The global filter turns it into an
 * RFC 9457 problem body; its code decides the HTTP status.
 */
export class AppException extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'AppException';
  }

  get status(): number {
    return PROBLEM_STATUS[this.code];
  }

  static notFound(what: string): AppException {
    return new AppException('NOT_FOUND', `${what} was not found`);
  }
  static forbidden(detail: string): AppException {
    return new AppException('FORBIDDEN', detail);
  }
  static validation(errors: FieldError[], detail?: string): AppException {
    return new AppException(
      'VALIDATION_FAILED',
      detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
  }
  static rule(detail: string, errors?: FieldError[]): AppException {
    return new AppException('RULE_VIOLATED', detail, errors);
  }
}

/** A stored answer sent again as it was (an Idempotency-Key repeat): status, headers and body. */
export class ReplayedResponse extends Error {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: string,
  ) {
    super('replayed response');
  }
}
