import { Module } from '@nestjs/common';
import { NodeIdentity } from './identity/node-identity';
import { FederationOutboxWriter } from './outbox/enqueue';
import { FederationOutboxRepository } from './outbox/federation-outbox.repository';
import { TransmissionsService } from './outbox/transmissions.service';
import { PeersRepository } from './peers/peers.repository';
import { SharedEventsRepository } from './shared-life/shared-events.repository';

/** What the API, the worker and the producers of messages share: the node's identity, its peers, the outbox. */
@Module({
  providers: [NodeIdentity, PeersRepository, FederationOutboxRepository, FederationOutboxWriter, TransmissionsService, SharedEventsRepository],
  exports: [NodeIdentity, PeersRepository, FederationOutboxRepository, FederationOutboxWriter, TransmissionsService, SharedEventsRepository],
})
export class FederationCoreModule {}
