import { Module } from '@nestjs/common';
import { NotificationsController } from './inbox/notifications.controller';
import { NotificationsRepository } from './inbox/notifications.repository';
import { WebhookDeliveriesController } from './webhooks/webhook-deliveries.controller';
import { WebhookDeliveriesRepository } from './webhooks/webhook-deliveries.repository';

/** The API side of notifications: inboxes and webhook delivery records. */
@Module({
  controllers: [NotificationsController, WebhookDeliveriesController],
  providers: [NotificationsRepository, WebhookDeliveriesRepository],
  exports: [NotificationsRepository, WebhookDeliveriesRepository],
})
export class NotificationsModule {}
