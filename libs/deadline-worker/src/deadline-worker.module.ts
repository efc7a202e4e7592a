import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@mla/core';
import { DeadlinesModule } from '@mla/deadlines';
import { RequestsCoreModule } from '@mla/requests';
import { DeadlineFiringService } from './deadline-firing.service';
import { DeadlineProcessor, deadlineProcessorFor } from './deadline.processor';
import { DeadlineReconciler } from './deadline-reconciler';
import { DeadlineSweeps } from './deadline-sweeps';

/** The deadlines queue's consumer and reconciler: loaded only by the worker process (no HTTP). */
@Module({})
export class DeadlineWorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DeadlineWorkerModule,
      imports: [DeadlinesModule, RequestsCoreModule],
      providers: [DeadlineFiringService, DeadlineReconciler, DeadlineSweeps, { provide: DeadlineProcessor, useClass: deadlineProcessorFor(config) }],
      exports: [DeadlineReconciler, DeadlineSweeps, DeadlineProcessor, DeadlineFiringService],
    };
  }
}
