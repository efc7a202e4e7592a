import { Module } from '@nestjs/common';
import { FederationFilesRepository } from './files/federation-files.repository';
import { PeerFilesService } from './files/peer-files.service';
import { NodeIdentity } from './identity/node-identity';
import { FederationOutboxWriter } from './outbox/enqueue';
import { FederationOutboxRepository } from './outbox/federation-outbox.repository';
import { TransmissionsService } from './outbox/transmissions.service';
import { PeersRepository } from './peers/peers.repository';
import { SharedEventsRepository } from './shared-life/shared-events.repository';

/** What the API, the worker and the producers of messages share: the node's identity, its peers, the outbox, the files that cross. */
@Module({
  providers: [NodeIdentity, PeersRepository, FederationOutboxRepository, FederationOutboxWriter, TransmissionsService, FederationFilesRepository, PeerFilesService, SharedEventsRepository],
  exports: [NodeIdentity, PeersRepository, FederationOutboxRepository, FederationOutboxWriter, TransmissionsService, FederationFilesRepository, PeerFilesService, SharedEventsRepository],
})
export class FederationCoreModule {}
