import { Module } from '@nestjs/common';
import { AuditModule } from '@mla/audit';
import { AuthoritiesRepository } from '@mla/identity';
import { StorageModule } from '@mla/storage';
import { DirectoryController } from './directory/directory.controller';
import { DirectoryReader } from './directory/directory-reader';
import { DirectoryRepository } from './directory/directory.repository';
import { DirectoryService } from './directory/directory.service';
import { PeerDirectoryApplier } from './directory/peer-directory-applier';
import { FederationCoreModule } from './federation-core.module';
import { FileServingService } from './files/file-serving.service';
import { FilesController } from './files/files.controller';
import { WellKnownController } from './identity/well-known.controller';
import { InboxRepository } from './intake/inbox.repository';
import { IntakeController } from './intake/intake.controller';
import { IntakeService } from './intake/intake.service';
import { PeerGate } from './intake/peer-gate';
import { FederationMessagesController } from './outbox/federation-messages.controller';
import { MessageRetryService } from './outbox/message-retry.service';
import { PeersController } from './peers/peers.controller';
import { PeersService } from './peers/peers.service';
import { FederationProofModule } from './proof/federation-proof.module';
import { SharedEventsController } from './proof/shared-events.controller';
import { SharedEventsService } from './proof/shared-events.service';

/** Federation between nodes (DESIGN §15): the node's identity, its peers, the intake of their signed messages, the directories exchanged, the files peers fetch, the outbox's admin (API). */
@Module({
  imports: [AuditModule, FederationCoreModule, FederationProofModule, StorageModule],
  controllers: [WellKnownController, PeersController, IntakeController, DirectoryController, FederationMessagesController, SharedEventsController, FilesController],
  providers: [
    PeersService, InboxRepository, IntakeService, PeerGate, MessageRetryService,
    AuthoritiesRepository, DirectoryRepository, DirectoryService, DirectoryReader, PeerDirectoryApplier,
    SharedEventsService, FileServingService,
  ],
  exports: [FederationCoreModule],
})
export class FederationModule {}
