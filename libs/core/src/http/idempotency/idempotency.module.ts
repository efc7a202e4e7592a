import { Module } from '@nestjs/common';
import { IdempotencyRepository } from './idempotency.repository';

/** The stored answers of `Idempotency-Key` POSTs: the API's interceptor and the services that record an answer with their action. */
@Module({ providers: [IdempotencyRepository], exports: [IdempotencyRepository] })
export class IdempotencyModule {}
