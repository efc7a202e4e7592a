import { Global, Module } from '@nestjs/common';
import { FederationCoreModule, FederationDeliveryHooks, FederationMessageHandler } from '@mla/federation';
import { AuthoritiesRepository } from '@mla/identity';
import { RequestsCoreModule } from './requests-core.module';
import { PeerMessagesHandler } from './federation/peer-messages.handler';
import { PeerRejections } from './federation/peer-rejections';

/**
 * The requests' side of federation (DESIGN §15), for the API and the worker: a peer's messages
 * applied through the write path (the intake's `FederationMessageHandler`), a rejected proposal
 * recorded (the delivery's `FederationDeliveryHooks`). Global: federation knows only the ports.
 */
@Global()
@Module({
  imports: [RequestsCoreModule, FederationCoreModule],
  providers: [AuthoritiesRepository, { provide: FederationMessageHandler, useClass: PeerMessagesHandler }, { provide: FederationDeliveryHooks, useClass: PeerRejections }],
  exports: [FederationMessageHandler, FederationDeliveryHooks],
})
export class RequestsFederationModule {}
