import { Module } from '@nestjs/common';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationsModule } from './notifications.module';
import { NotificationsWorker } from './notifications-worker.service';
import { OutboxRelay } from './relay/outbox-relay.service';

/** The worker side of notifications: the outbox relay and the delivery consumer. */
@Module({
  imports: [NotificationsModule],
  providers: [OutboxRelay, NotificationDeliveryService, NotificationsWorker],
  exports: [OutboxRelay, NotificationsWorker, NotificationDeliveryService],
})
export class NotificationsWorkerModule {}
