import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DeadlinesModule } from '@mla/deadlines';
import { IdentityDataModule } from '@mla/identity';
import { OutboxModule } from '@mla/outbox';
import { DeadlineExtensionService } from './deadline-extension/deadline-extension.service';
import { EventsRepository } from './events/events.repository';
import { RequestHistory } from './events/request-history';
import { EventsService } from './events/events.service';
import { EvidenceRepository } from './evidence/evidence.repository';
import { EvidenceService } from './evidence/evidence.service';
import { EvidenceContentService } from './evidence/evidence-content.service';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { RequestsController } from './requests.controller';
import { RequestsRepository } from './requests.repository';
import { RequestsService } from './requests.service';
import { TransitionsService } from './transitions/transitions.service';

/** Requests: drafts, the state machine's actions, history, evidence, idempotent POSTs. */
@Module({
  imports: [
    IdentityDataModule,
    DeadlinesModule,
    OutboxModule,
  ],
  controllers: [RequestsController],
  providers: [
    RequestsRepository,
    RequestsService,
    TransitionsService,
    RequestHistory,
    DeadlineExtensionService,
    EventsRepository,
    EventsService,
    EvidenceRepository,
    EvidenceService,
    EvidenceContentService,
    IdempotencyRepository,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [TransitionsService, RequestsRepository, EventsRepository, RequestHistory],
})
export class RequestsModule {}
