import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EventsService } from './events/events.service';
import { EvidenceContentService } from './evidence/evidence-content.service';
import { EvidenceService } from './evidence/evidence.service';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { RequestsController } from './requests.controller';
import { RequestsCoreModule } from './requests-core.module';

/** The HTTP side of requests (API only): drafts, actions, history, evidence, idempotent POSTs. */
@Module({
  imports: [RequestsCoreModule],
  controllers: [RequestsController],
  providers: [EventsService, EvidenceService, EvidenceContentService, IdempotencyRepository, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  exports: [RequestsCoreModule],
})
export class RequestsModule {}
