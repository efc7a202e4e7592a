import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { combineStatements, SqlParams } from '@mla/core';
import { OutboxRepository } from '@mla/outbox';
import { InboxCopy, NotificationsRepository } from '../inbox/notifications.repository';
import { DeliveryRow, DeliveryStatus, WebhookDeliveriesRepository } from '../webhooks/webhook-deliveries.repository';

/** An outbox row with what its delivery needs of the recipient authority. */
export interface OutboxForDelivery {
  id: string;
  type: string;
  requestId: string | null;
  recipientAuthorityId: string;
  recipientUserId: string | null;
  payload: { occurredAt?: string; request?: Record<string, unknown>; data?: Record<string, unknown> } & Record<string, unknown>;
  createdAt: Date;
  language: string;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

/** The SQL of one delivery: the outbox row and its recipient, the inbox copy and the webhook delivery record. */
@Injectable()
export class DeliveryRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: NotificationsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async outboxRow(outboxId: string): Promise<OutboxForDelivery | null> {
    const rows = (await this.dataSource.query(
      `SELECT o.id, o.type, o.request_id AS "requestId", o.recipient_authority_id AS "recipientAuthorityId",
              o.recipient_user_id AS "recipientUserId", o.payload, o.created_at AS "createdAt",
              a.language, a.webhook_url AS "webhookUrl", a.webhook_secret AS "webhookSecret"
       FROM outbox o JOIN authorities a ON a.id = o.recipient_authority_id WHERE o.id = $1`,
      [outboxId],
    )) as OutboxForDelivery[];
    return rows[0] ?? null;
  }

  /** Stores the inbox copy (once): with no webhook, the outbox row is then settled. */
  async storeInboxCopyAndSettle(copy: InboxCopy, now: Date): Promise<void> {
    const p = new SqlParams();
    await this.dataSource.query(combineStatements([this.inbox.insertStatement(copy, now, p), this.outbox.settleStatement(copy.outboxId, now, p)]), p.values);
  }

  /** Records a webhook attempt; a final one (DELIVERED, DEAD) settles the outbox row, in the same statement. */
  async recordAttempt(delivery: DeliveryRow, outcome: { status: DeliveryStatus; statusCode: number | null; error: string | null }, now: Date): Promise<void> {
    const p = new SqlParams();
    const statements = [this.deliveries.attemptStatement(delivery.id, outcome, now, p)];
    if (outcome.status !== 'PENDING') statements.push(this.outbox.settleStatement(delivery.outboxId, now, p));
    await this.dataSource.query(combineStatements(statements), p.values);
  }

  /** A delivery found already ended: its outbox row is settled. */
  async settle(outboxId: string, now: Date): Promise<void> {
    const p = new SqlParams();
    await this.dataSource.query(this.outbox.settleStatement(outboxId, now, p), p.values);
  }

  /** Stores the inbox copy and creates (or finds) the webhook delivery record, in one round trip. */
  async storeInboxCopyAndDelivery(copy: InboxCopy, url: string, now: Date): Promise<DeliveryRow | null> {
    const p = new SqlParams();
    const [delivery] = (await this.dataSource.query(
      `WITH inbox AS (${this.inbox.insertStatement(copy, now, p)})
       ${this.deliveries.ensureStatement(copy.outboxId, copy.authorityId, url, now, p)}`,
      p.values,
    )) as DeliveryRow[];
    return delivery ?? null;
  }
}
