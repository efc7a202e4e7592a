import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, Clock, CoreModule, HostResolver } from '@mla/core';
import { DeadlineWorkerModule } from '@mla/deadline-worker';
import { FederationWorkerModule } from '@mla/federation';
import { NotificationsWorkerModule } from '@mla/notifications';
import { RequestsFederationModule } from '@mla/requests';
import { WorkingCalendarsCoreModule } from '@mla/working-calendars';

export interface WorkerModuleOptions {
  config: AppConfig;
  clock?: Clock;
  /** Tests pass a resolver of their own (the webhook target checks at delivery). */
  resolver?: HostResolver;
}

/** The worker process: BullMQ consumers, the reconcilers and the working calendars' sweeps, no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(options), DeadlineWorkerModule.forRoot(options.config), NotificationsWorkerModule.forRoot(options.config), WorkingCalendarsCoreModule, FederationWorkerModule, RequestsFederationModule],
    };
  }
}
