import { Module } from '@nestjs/common';
import { CountriesDataModule } from '@mla/countries';
import { IdempotencyModule } from '@mla/core';
import { DeadlinesModule } from '@mla/deadlines';
import { FederationCoreModule } from '@mla/federation';
import { IdentityDataModule } from '@mla/identity';
import { OutboxModule } from '@mla/outbox';
import { SealStoreModule } from '@mla/seals';
import { AttachmentsRepository } from './attachments/attachments.repository';
import { AccessLogRepository } from './access-log/access-log.repository';
import { AccessLogService } from './access-log/access-log.service';
import { ActionPortsFactory } from './commands/action-ports.factory';
import { RequestCommands } from './commands/request-commands';
import { EventsRepository } from './events/events.repository';
import { RequestHistory } from './events/request-history';
import { EvidenceRepository } from './evidence/evidence.repository';
import { LetterRenderer } from './letters/letter-renderer';
import { LetterRegisterRepository } from './letters/letter-register.repository';
import { LettersRepository } from './letters/letters.repository';
import { RenderPool } from './letters/render-pool';
import { RequestActionPorts } from './request-action-ports';
import { RequestPresenter } from './request-presenter.service';
import { RequestsRepository } from './requests.repository';
import { RequestsService } from './requests.service';
import { RequestReader } from './reading/request-reader';

/** Requests for any process (API and worker): the one write path, its rules and repositories, the letter's renderer. No HTTP. */
@Module({
  imports: [IdentityDataModule, DeadlinesModule, OutboxModule, CountriesDataModule, IdempotencyModule, SealStoreModule, FederationCoreModule],
  providers: [
    AccessLogRepository,
    AccessLogService,
    RequestsRepository,
    EventsRepository,
    EvidenceRepository,
    AttachmentsRepository,
    LettersRepository,
    LetterRegisterRepository,
    LetterRenderer,
    RenderPool,
    RequestHistory,
    { provide: ActionPortsFactory, useClass: RequestActionPorts },
    RequestCommands,
    RequestReader,
    RequestPresenter,
    RequestsService,
  ],
  exports: [IdentityDataModule, RequestPresenter, RequestsRepository, EventsRepository, EvidenceRepository, AttachmentsRepository, LettersRepository, LetterRegisterRepository, LetterRenderer, RenderPool, RequestCommands, RequestReader, RequestsService],
})
export class RequestsCoreModule {}
