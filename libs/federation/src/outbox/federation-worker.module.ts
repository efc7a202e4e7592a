import { Module } from '@nestjs/common';
import { StorageModule } from '@mla/storage';
import { FederationCoreModule } from '../federation-core.module';
import { FileFetchSweeps } from '../files/file-fetch.sweeps';
import { FileFetcherService } from '../files/file-fetcher.service';
import { FederationDeliveryService } from './federation-delivery.service';
import { FederationDeliverySweeps } from './federation-delivery.sweeps';

/** The worker side of federation (no HTTP): the delivery of the outbox's messages to peers, the fetching of the files peers listed. */
@Module({
  imports: [FederationCoreModule, StorageModule],
  providers: [FederationDeliveryService, FederationDeliverySweeps, FileFetcherService, FileFetchSweeps],
  exports: [FederationDeliveryService, FileFetcherService],
})
export class FederationWorkerModule {}
