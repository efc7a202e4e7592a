import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { from, Observable } from 'rxjs';
import { Clock } from '../../clock/clock';
import { AppException, ReplayedResponse } from '../../errors/app-exception';
import { toProblem } from '../../errors/problem-details';
import { canonicalJson } from '../../json/canonical-json';
import type { IdempotencyClaim } from './idempotency-context';
import { IdempotencyRepository } from './idempotency.repository';

const KEY = /^[\x21-\x7e]{1,200}$/;
const ABANDONED_AFTER_MS = 60_000;
const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * `Idempotency-Key` on POST (DESIGN §9): the first answer (success or client error) is
 * stored; a repeat with the same key and body answers it again, with another body 422
 * IDEMPOTENCY_KEY_REUSED, while the first is still running 409 IDEMPOTENCY_KEY_IN_PROGRESS.
 * Keys are scoped to the user. The actions on requests record their answer in their own
 * transaction (IdempotencyClaim); other POSTs have it recorded here, after they answer.
 * A streamed upload (a supporting document) is not replayed: its bytes are not kept to
 * compare, and a repeat of the same file answers 409 CONFLICT naming the one attached.
 * Registered by the API (`apps/api`) for every route; the signed-in user is the auth guard's
 * `request.principal`.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyRepository,
    private readonly reflector: Reflector,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: { userId: string } }>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined || !request.principal || request.body instanceof Readable) return next.handle();
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw AppException.validation([{ field: 'Idempotency-Key', message: 'must be 1-200 visible ASCII characters' }]);
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return from(this.run(request, reply, request.principal.userId, header, status, next));
  }

  private async run(request: FastifyRequest, reply: FastifyReply, userId: string, key: string, status: number, next: CallHandler): Promise<unknown> {
    const path = request.url.split('?')[0] as string;
    const bodyHash = createHash('sha256').update(`${request.method} ${path}\n${canonicalJson(request.body ?? null)}`).digest('hex');
    const now = this.clock.now();
    if (!(await this.store.claim(userId, key, request.method, path, bodyHash, now))) {
      const existing = await this.store.find(userId, key);
      if (existing && existing.bodyHash !== bodyHash) {
        throw new AppException('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request; use a new key');
      }
      if (existing && existing.statusCode !== null) {
        throw new ReplayedResponse(existing.statusCode, { ...(existing.responseHeaders ?? {}), 'idempotent-replayed': 'true' }, existing.responseBody ?? '');
      }
      const reclaimed = await this.store.reclaim(userId, key, new Date(now.getTime() - ABANDONED_AFTER_MS), now);
      if (!reclaimed) throw new AppException('IDEMPOTENCY_KEY_IN_PROGRESS', 'The first request with this Idempotency-Key is still running; retry shortly');
    }
    const claim: IdempotencyClaim = { userId, key, statusCode: status, recorded: false };
    (request as FastifyRequest & { idempotency?: IdempotencyClaim }).idempotency = claim;
    let result: unknown;
    try {
      result = await new Promise((resolve, reject) => next.handle().subscribe({ next: resolve, error: reject }));
    } catch (error) {
      const { problem, unexpected } = toProblem(error);
      if (unexpected) await this.store.release(userId, key);
      else {
        const body = JSON.stringify({ ...problem, instance: request.url });
        await this.store.complete(userId, key, problem.status, { 'content-type': 'application/problem+json; charset=utf-8' }, body, this.clock.now());
      }
      throw error;
    }
    // The action wrote its answer in its own transaction: nothing is left to record.
    if (claim.recorded) return result;
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (typeof value === 'string') headers[name] = value;
    }
    await this.store.complete(userId, key, status, headers, JSON.stringify(result ?? null), this.clock.now());
    return result;
  }
}
