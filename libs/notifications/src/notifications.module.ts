import { Module } from '@nestjs/common';
import { NotificationsController } from './inbox/notifications.controller';
import { NotificationsDataModule } from './notifications-data.module';
import { OutboxModule } from '@mla/outbox';
import { WebhookDeliveriesController } from './webhooks/webhook-deliveries.controller';
import { WebhookRetryService } from './webhooks/webhook-retry.service';

/** The API side of notifications: inboxes and webhook delivery records. */
@Module({
  imports: [NotificationsDataModule, OutboxModule],
  controllers: [NotificationsController, WebhookDeliveriesController],
  providers: [WebhookRetryService],
})
export class NotificationsModule {}
