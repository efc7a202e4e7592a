import { Module } from '@nestjs/common';
import { DeadlinesModule } from '@mla/deadlines';
import { IdentityDataModule } from '@mla/identity';
import { OutboxModule } from '@mla/outbox';
import { RequestsModule } from '@mla/requests';
import { DeadlineFiringService } from './deadline-firing.service';
import { DeadlineReconciler } from './deadline-reconciler';
import { DeadlineWorker } from './deadline-worker.service';

/** The deadlines queue's consumer and reconciler: loaded only by the worker process. */
@Module({
  imports: [DeadlinesModule, RequestsModule, IdentityDataModule, OutboxModule],
  providers: [DeadlineFiringService, DeadlineReconciler, DeadlineWorker],
  exports: [DeadlineReconciler, DeadlineWorker, DeadlineFiringService],
})
export class DeadlineWorkerModule {}
