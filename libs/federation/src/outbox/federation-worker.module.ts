import { Module } from '@nestjs/common';
import { FederationCoreModule } from '../federation-core.module';
import { FederationDeliveryService } from './federation-delivery.service';
import { FederationDeliverySweeps } from './federation-delivery.sweeps';

/** The worker side of federation (no HTTP): the delivery of the outbox's messages to peers. */
@Module({
  imports: [FederationCoreModule],
  providers: [FederationDeliveryService, FederationDeliverySweeps],
  exports: [FederationDeliveryService],
})
export class FederationWorkerModule {}
