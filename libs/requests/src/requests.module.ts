import { Module } from '@nestjs/common';
import { AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsService } from './attachments/attachments.service';
import { EventsService } from './events/events.service';
import { EvidenceContentService } from './evidence/evidence-content.service';
import { EvidenceService } from './evidence/evidence.service';
import { DocumentUpload } from './files/document-upload';
import { FileQuota } from './files/file-quota';
import { FileQuotaRepository } from './files/file-quota.repository';
import { LetterController } from './letters/letter.controller';
import { LettersService } from './letters/letters.service';
import { SignedLetterController } from './letters/signed-letter.controller';
import { SignedLetterService } from './letters/signed-letter.service';
import { RequestsController } from './requests.controller';
import { FederationCoreModule, FederationProofModule } from '@mla/federation';
import { StorageModule } from '@mla/storage';
import { RequestsCoreModule } from './requests-core.module';
import { ChaserService } from './counterparts/chaser.service';
import { CounterpartsController } from './counterparts.controller';
import { CounterpartsService } from './counterparts.service';
import { TransmissionsController } from './transmissions.controller';
import { PeerFilesController } from './peer-files.controller';

/** The HTTP side of requests (API only): drafts, actions, history, evidence, supporting documents, the letter. */
@Module({
  imports: [RequestsCoreModule, StorageModule, FederationCoreModule, FederationProofModule],
  controllers: [CounterpartsController, RequestsController, AttachmentsController, LetterController, SignedLetterController, TransmissionsController, PeerFilesController],
  providers: [ChaserService, CounterpartsService, EventsService, EvidenceService, EvidenceContentService, AttachmentsService, LettersService, SignedLetterService, DocumentUpload, FileQuota, FileQuotaRepository],
  exports: [RequestsCoreModule],
})
export class RequestsModule {}
