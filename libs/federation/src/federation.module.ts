import { Module } from '@nestjs/common';
import { AuditModule } from '@mla/audit';
import { AuthoritiesRepository } from '@mla/identity';
import { DirectoryController } from './directory/directory.controller';
import { DirectoryReader } from './directory/directory-reader';
import { DirectoryRepository } from './directory/directory.repository';
import { DirectoryService } from './directory/directory.service';
import { PeerDirectoryApplier } from './directory/peer-directory-applier';
import { NodeIdentity } from './identity/node-identity';
import { WellKnownController } from './identity/well-known.controller';
import { InboxRepository } from './intake/inbox.repository';
import { IntakeController } from './intake/intake.controller';
import { IntakeService } from './intake/intake.service';
import { PeersController } from './peers/peers.controller';
import { PeersRepository } from './peers/peers.repository';
import { PeersService } from './peers/peers.service';

/** Federation between nodes (DESIGN §15): the node's identity, its peers, the intake of their signed messages, the directories exchanged (API). */
@Module({
  imports: [AuditModule],
  controllers: [WellKnownController, PeersController, IntakeController, DirectoryController],
  providers: [
    NodeIdentity, PeersRepository, PeersService, InboxRepository, IntakeService,
    AuthoritiesRepository, DirectoryRepository, DirectoryService, DirectoryReader, PeerDirectoryApplier,
  ],
  exports: [NodeIdentity, PeersRepository],
})
export class FederationModule {}
