import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReplayedResponse } from './app-exception';
import { toProblem } from './problem-details';

/** Where a problem is logged: Nest's Logger, which the app routes to pino (nestjs-pino). */
export interface ProblemLogger {
  error(message: unknown, ...rest: unknown[]): void;
  warn(message: unknown, ...rest: unknown[]): void;
}

/** The one global filter: every error leaves as `application/problem+json` with the request id. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendProblem(request, reply, error, this.logger);
  }
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  logger: ProblemLogger,
): void {
  if (error instanceof ReplayedResponse) {
    // A replayed problem names this request's id, like every problem body.
    const body = (error.headers['content-type'] ?? '').startsWith('application/problem+json')
      ? JSON.stringify({ ...(JSON.parse(error.body) as object), requestId: String(request.id) })
      : error.body;
    void reply.status(error.status).headers({ 'content-type': 'application/json; charset=utf-8', ...error.headers }).send(body);
    return;
  }
  const { problem, unexpected } = toProblem(error);
  if (unexpected && request.raw.readableAborted) {
    // The client went away before its body arrived (an upload cancelled, a connection cut): its doing, not a fault here.
    const e = (error ?? {}) as { code?: unknown; message?: unknown };
    logger.warn({ requestId: request.id, url: request.url, reason: [e.code, e.message].filter((x) => typeof x === 'string').join(': ') }, 'client aborted the request');
  } else if (unexpected) {
    logger.error({ err: error, requestId: request.id, url: request.url }, 'unexpected error');
  }
  const body = { ...problem, instance: request.url, requestId: String(request.id) };
  if (reply.sent) return;
  if (typeof problem.retryAfterSeconds === 'number') reply.header('retry-after', String(problem.retryAfterSeconds));
  void reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(body));
}
