import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/**
 * A POST with an `Idempotency-Key` whose key the interceptor has claimed: the service that
 * runs the action writes the answer in the action's own transaction (`recorded`), so a crash
 * between its commit and the answer cannot make a repeat run it again.
 */
export interface IdempotencyClaim {
  userId: string;
  key: string;
  /** The status of a successful answer (201 for a creation, 200 otherwise). */
  statusCode: number;
  /** Set once the answer was written with the action. */
  recorded: boolean;
}

/** The claim of this request, if it carries an Idempotency-Key. */
export const Idempotency = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): IdempotencyClaim | undefined => ctx.switchToHttp().getRequest<{ idempotency?: IdempotencyClaim }>().idempotency,
);
