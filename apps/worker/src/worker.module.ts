import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, Clock, CoreModule } from '@mla/core';
import { DeadlineWorkerModule } from '@mla/deadline-worker';
import { NotificationsWorkerModule } from '@mla/notifications';

export interface WorkerModuleOptions {
  config: AppConfig;
  clock?: Clock;
}

/** The worker process: BullMQ consumers and the reconciler, no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(options), DeadlineWorkerModule.forRoot(options.config), NotificationsWorkerModule.forRoot(options.config)],
    };
  }
}
