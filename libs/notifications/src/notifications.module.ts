import { Module } from '@nestjs/common';
import { NotificationsController } from './inbox/notifications.controller';
import { NotificationsDataModule } from './notifications-data.module';
import { WebhookDeliveriesController } from './webhooks/webhook-deliveries.controller';

/** The API side of notifications: inboxes and webhook delivery records. */
@Module({
  imports: [NotificationsDataModule],
  controllers: [NotificationsController, WebhookDeliveriesController],
})
export class NotificationsModule {}
