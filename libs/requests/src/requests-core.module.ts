import { Module } from '@nestjs/common';
import { CountriesDataModule } from '@mla/countries';
import { DeadlinesModule } from '@mla/deadlines';
import { IdentityDataModule } from '@mla/identity';
import { OutboxModule } from '@mla/outbox';
import { AttachmentsRepository } from './attachments/attachments.repository';
import { AccessLogRepository } from './access-log/access-log.repository';
import { AccessLogService } from './access-log/access-log.service';
import { CommandRules } from './commands/command-rules';
import { RequestCommands } from './commands/request-commands';
import { EventsRepository } from './events/events.repository';
import { RequestHistory } from './events/request-history';
import { EvidenceRepository } from './evidence/evidence.repository';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { LetterRenderer } from './letters/letter-renderer';
import { LettersRepository } from './letters/letters.repository';
import { RequestPresenter } from './request.presenter';
import { RequestsRepository } from './requests.repository';
import { RequestsService } from './requests.service';

/** Requests for any process (API and worker): the one write path, its rules and repositories, the letter's renderer. No HTTP. */
@Module({
  imports: [IdentityDataModule, DeadlinesModule, OutboxModule, CountriesDataModule],
  providers: [
    AccessLogRepository,
    AccessLogService,
    RequestsRepository,
    EventsRepository,
    EvidenceRepository,
    AttachmentsRepository,
    LettersRepository,
    LetterRenderer,
    IdempotencyRepository,
    RequestHistory,
    CommandRules,
    RequestCommands,
    RequestPresenter,
    RequestsService,
  ],
  exports: [RequestsRepository, EventsRepository, EvidenceRepository, AttachmentsRepository, LettersRepository, LetterRenderer, IdempotencyRepository, RequestCommands, RequestsService],
})
export class RequestsCoreModule {}
