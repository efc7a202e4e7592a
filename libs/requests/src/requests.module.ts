import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EventsService } from './events/events.service';
import { EvidenceContentService } from './evidence/evidence-content.service';
import { EvidenceService } from './evidence/evidence.service';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { RequestsController } from './requests.controller';
import { StorageModule } from '@mla/storage';
import { RequestsCoreModule } from './requests-core.module';

/** The HTTP side of requests (API only): drafts, actions, history, evidence, idempotent POSTs. */
@Module({
  imports: [RequestsCoreModule, StorageModule],
  controllers: [RequestsController],
  providers: [EventsService, EvidenceService, EvidenceContentService, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  exports: [RequestsCoreModule],
})
export class RequestsModule {}
