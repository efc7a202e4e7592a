import { PROBLEM_STATUS, PROBLEM_TITLES, ProblemCode } from './problem-code';
import { AppException, FieldError } from './app-exception';

export const PROBLEM_TYPE_BASE = 'https://mla-hub.example/problems/';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export function problemOf(code: ProblemCode, detail: string, errors?: FieldError[]): ProblemDetails {
  return {
    type: PROBLEM_TYPE_BASE + code.toLowerCase().replace(/_/g, '-'),
    title: PROBLEM_TITLES[code],
    status: PROBLEM_STATUS[code],
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

interface HttpLikeError {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
  getStatus?: () => number;
  getResponse?: () => unknown;
}

const STATUS_TO_CODE: Record<number, ProblemCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  412: 'VERSION_CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Maps anything thrown while serving a request to a problem body: our AppException,
 * Nest's HttpExceptions (unknown route, guards), and Fastify's own errors (body too
 * large, unsupported media type, malformed JSON). Anything else is a 500 with a generic
 * text; the details go to the log, never to the client.
 */
export function toProblem(error: unknown): { problem: ProblemDetails; unexpected: boolean } {
  if (error instanceof AppException) {
    const retry = error.code === 'SERVICE_UNAVAILABLE' ? { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS } : {};
    return { problem: { ...problemOf(error.code, error.detail, error.errors), ...retry, ...(error.extra ?? {}) }, unexpected: false };
  }
  const e = (error ?? {}) as HttpLikeError;
  if (isUnavailable(error)) {
    return { problem: unavailable('A database, the queue or the file store is busy or unreachable; retry shortly'), unexpected: true };
  }
  const status = typeof e.getStatus === 'function' ? e.getStatus() : (e.statusCode ?? e.status);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = STATUS_TO_CODE[status] ?? 'VALIDATION_FAILED';
    return { problem: { ...problemOf(code, describeClientError(e, code)), status }, unexpected: false };
  }
  if (status === 503) {
    return { problem: unavailable('A dependency is unavailable; try again shortly'), unexpected: true };
  }
  return { problem: problemOf('INTERNAL_ERROR', 'An unexpected error occurred; quote the request id to the operator'), unexpected: true };
}

function describeClientError(e: HttpLikeError, code: ProblemCode): string {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body exceeds the size limit';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the body as application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The body is empty although Content-Type is application/json';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'The body is not valid JSON';
    case 'FST_ERR_BAD_URL':
      return 'The URL is malformed (a percent-encoding that does not decode)';
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return 'A path parameter of the URL is too long';
    case 'FST_ERR_CTP_INVALID_TYPE':
    case 'FST_ERR_CTP_INVALID_HANDLER':
      return 'The Content-Type header is malformed';
  }
  if (e.code?.startsWith('FST_')) return PROBLEM_TITLES[code];
  if (e instanceof SyntaxError) return 'The body is not valid JSON';
  const response = typeof e.getResponse === 'function' ? e.getResponse() : undefined;
  const message =
    typeof response === 'object' && response !== null && 'message' in response
      ? (response as { message: unknown }).message
      : e.message;
  if (typeof message === 'string' && message.length > 0 && message.length < 300) return message;
  return PROBLEM_TITLES_FALLBACK[code] ?? 'The request cannot be served';
}

const PROBLEM_TITLES_FALLBACK: Partial<Record<ProblemCode, string>> = {
  NOT_FOUND: 'No such resource',
};

/** Seconds a client waits before retrying after a 503 (`Retry-After`): a restart or a failover takes a few. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

function unavailable(detail: string): ProblemDetails {
  return { ...problemOf('SERVICE_UNAVAILABLE', detail), retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS };
}

/**
 * PostgreSQL unreachable, saturated, shutting down, out of disk, or a deadlock victim; a
 * file store out of space or failing; Redis unreachable: worth a retry, not a 500.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOSPC', 'EIO', 'EDQUOT',
  '53100', '53200', '53300', '57P01', '57P02', '57P03', '40P01', '40001', '58030',
]);
/** SQLSTATE class 08: connection exceptions (08000, 08003, 08006, 08001, 08004, 08007, 08P01). */
const CONNECTION_EXCEPTION_CLASS = /^08[0-9A-Z]{3}$/;
/** TypeORM's errors for a query runner whose connection is gone (class names: TypeORMError's `name`). */
const RELEASED_RUNNER = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);
/** node-postgres's own errors for a lost, closed or never-acquired connection (no SQLSTATE). */
const PG_CONNECTION_LOST =
  /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|Connection is not established|terminating connection due to|the database system is (shutting down|starting up|in recovery mode)/;
/** ioredis's errors when Redis is down: its retries spent, or the connection closed. */
const REDIS_UNAVAILABLE = /Connection is closed|Stream isn't writeable|MaxRetriesPerRequest|Reached the max retries per request limit|Redis (is )?(down|unavailable)/;

function isUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown; driverError?: { code?: unknown }; message?: unknown } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || CONNECTION_EXCEPTION_CLASS.test(code))) return true;
  if (e?.name === 'MaxRetriesPerRequestError' || (typeof e?.name === 'string' && RELEASED_RUNNER.has(e.name))) return true;
  return typeof e?.message === 'string' && (PG_CONNECTION_LOST.test(e.message) || REDIS_UNAVAILABLE.test(e.message));
}
