import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, AppException, QUEUES, SqlParams, TransactionRunner, withinQueueTimeout } from '@mla/core';
import type { Principal } from '@mla/identity';
import { OutboxRepository } from '@mla/outbox';
import { NotificationJobData, requeueDelivery } from '../notification-jobs';
import { DeliveryRow, WebhookDeliveriesRepository } from './webhook-deliveries.repository';

/**
 * A DEAD delivery sent again with a fresh round of attempts: the reopened record and its
 * job in one step. The record is changed in a transaction that commits only once the job is
 * in Redis; Redis down answers 503 and leaves the delivery DEAD.
 */
@Injectable()
export class WebhookRetryService {
  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly outbox: OutboxRepository,
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue<NotificationJobData>,
  ) {}

  /** A supervisor sees the deliveries of their own authority only; others' do not exist for them. */
  assertMayRead(p: Principal, authorityId: string): void {
    if (p.role === 'SUPERVISOR' && p.authorityId !== authorityId) throw AppException.notFound('Authority');
  }

  async retry(p: Principal, authorityId: string, deliveryId: string): Promise<DeliveryRow> {
    this.assertMayRead(p, authorityId);
    return this.tx.run(async (m) => {
      const delivery = await this.deliveries.find(authorityId, deliveryId, m);
      if (!delivery) throw AppException.notFound('Delivery');
      if (!(await this.deliveries.reopen(m, deliveryId))) {
        throw new AppException('INVALID_TRANSITION', `Only a DEAD delivery is retried; this one is ${delivery.status}`);
      }
      const params = new SqlParams();
      await m.query(this.outbox.unsettleStatement(delivery.outboxId, params), params.values);
      await withinQueueTimeout(requeueDelivery(this.queue, delivery.outboxId, this.config.WEBHOOK_MAX_ATTEMPTS));
      return (await this.deliveries.find(authorityId, deliveryId, m)) as DeliveryRow;
    });
  }
}
