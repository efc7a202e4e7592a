/** Machine-readable error codes of the API (DESIGN §9) and the HTTP status each maps to. */
export const PROBLEM_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_IN_PROGRESS: 409,
  VERSION_CONFLICT: 412,
  PRECONDITION_REQUIRED: 428,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REQUEST_INCOMPLETE: 422,
  RULE_VIOLATED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ProblemCode = keyof typeof PROBLEM_STATUS;

export const PROBLEM_TITLES: Record<ProblemCode, string> = {
  VALIDATION_FAILED: 'The request is malformed',
  UNAUTHENTICATED: 'Authentication is required',
  FORBIDDEN: 'This action is not permitted for you',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  INVALID_TRANSITION: 'The action is not allowed in the current state',
  CONFLICT: 'The resource already exists',
  IDEMPOTENCY_KEY_IN_PROGRESS: 'A request with this Idempotency-Key is still being processed',
  VERSION_CONFLICT: 'The resource has changed since you read it',
  PRECONDITION_REQUIRED: 'A precondition is required',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  REQUEST_INCOMPLETE: 'Required information is missing',
  RULE_VIOLATED: 'The request breaks a business rule',
  IDEMPOTENCY_KEY_REUSED: 'The Idempotency-Key was used with another request',
  RATE_LIMITED: 'Too many requests',
  INTERNAL_ERROR: 'Internal error',
  SERVICE_UNAVAILABLE: 'The service is unavailable',
};
