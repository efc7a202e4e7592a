import { Module } from '@nestjs/common';
import { OutboxModule } from '@mla/outbox';
import { DeliveryRepository } from './delivery/delivery.repository';
import { NotificationsRepository } from './inbox/notifications.repository';
import { WebhookDeliveriesRepository } from './webhooks/webhook-deliveries.repository';

/** The notification tables for any process: inboxes, webhook delivery records, deliveries. */
@Module({
  imports: [OutboxModule],
  providers: [NotificationsRepository, WebhookDeliveriesRepository, DeliveryRepository],
  exports: [NotificationsRepository, WebhookDeliveriesRepository, DeliveryRepository],
})
export class NotificationsDataModule {}
