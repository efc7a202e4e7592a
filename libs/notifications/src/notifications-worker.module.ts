import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@mla/core';
import { OutboxModule } from '@mla/outbox';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationProcessor, notificationProcessorFor } from './notification.processor';
import { NotificationsDataModule } from './notifications-data.module';
import { OutboxReconciler } from './reconcile/outbox-reconciler';
import { OutboxSweeps } from './reconcile/outbox-sweeps';
import { OutboxRelay } from './relay/outbox-relay.service';

/** The worker side of notifications (no HTTP): the outbox relay and the delivery consumer. */
@Module({})
export class NotificationsWorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: NotificationsWorkerModule,
      imports: [NotificationsDataModule, OutboxModule],
      providers: [OutboxRelay, OutboxReconciler, OutboxSweeps, NotificationDeliveryService, { provide: NotificationProcessor, useClass: notificationProcessorFor(config) }],
      exports: [OutboxRelay, OutboxReconciler, OutboxSweeps, NotificationProcessor, NotificationDeliveryService],
    };
  }
}
