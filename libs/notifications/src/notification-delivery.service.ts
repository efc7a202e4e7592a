import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, SqlParams } from '@mla/core';
import { renderNotification } from './i18n/notification-texts';
import { NotificationsRepository } from './inbox/notifications.repository';
import { DeliveryRow, WebhookDeliveriesRepository } from './webhooks/webhook-deliveries.repository';
import { postWebhook, signWebhook } from './webhooks/webhook-sender';

interface OutboxJoin {
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

export type DeliveryOutcome = 'inbox-only' | 'delivered' | 'already-done' | 'dead' | 'gone';

/** Thrown to make BullMQ retry a failed webhook attempt (with backoff and jitter). */
export class WebhookAttemptFailed extends Error {}

/**
 * Delivers one outbox row (DESIGN §7): the recipient's inbox copy, rendered in its
 * language, then, where the authority has an endpoint, a signed POST. At least once: the
 * `webhook-id` (the outbox id) lets the receiver drop duplicates. Safe to run twice.
 */
@Injectable()
export class NotificationDeliveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: NotificationsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async deliver(outboxId: string, attempt: { made: number; max: number }): Promise<DeliveryOutcome> {
    const [row] = (await this.dataSource.query(
      `SELECT o.id, o.type, o.request_id AS "requestId", o.recipient_authority_id AS "recipientAuthorityId",
              o.recipient_user_id AS "recipientUserId", o.payload, o.created_at AS "createdAt",
              a.language, a.webhook_url AS "webhookUrl", a.webhook_secret AS "webhookSecret"
       FROM outbox o JOIN authorities a ON a.id = o.recipient_authority_id WHERE o.id = $1`,
      [outboxId],
    )) as OutboxJoin[];
    if (!row) return 'gone';
    const now = this.clock.now();
    const data = row.payload.data ?? {};
    const text = renderNotification(row.type, row.language, { reference: row.payload.request?.reference ?? '', ...data, level: data.escalationLevel });
    const occurredAt = row.payload.occurredAt ? new Date(row.payload.occurredAt) : row.createdAt;
    const inboxCopy = {
      outboxId: row.id,
      type: row.type,
      requestId: row.requestId,
      authorityId: row.recipientAuthorityId,
      userId: row.recipientUserId,
      language: text.language,
      title: text.title,
      body: text.body,
      payload: row.payload,
      occurredAt,
    };
    if (!row.webhookUrl || !row.webhookSecret) {
      await this.inbox.insertFromOutbox(this.dataSource.manager, inboxCopy, now);
      return 'inbox-only';
    }
    // The inbox copy and the delivery record in one round trip.
    const params = new SqlParams();
    const [delivery] = (await this.dataSource.query(
      `WITH inbox AS (${this.inbox.insertStatement(inboxCopy, now, params)})
       ${this.deliveries.ensureStatement(row.id, row.recipientAuthorityId, row.webhookUrl, now, params)}`,
      params.values,
    )) as DeliveryRow[];
    if (!delivery) return 'gone';
    if (delivery.status !== 'PENDING') return 'already-done';
    const body = JSON.stringify({
      id: row.id,
      type: row.type,
      occurredAt: occurredAt.toISOString(),
      request: row.payload.request ?? null,
      data,
      text,
    });
    const result = await postWebhook(row.webhookUrl, signWebhook(row.webhookSecret, row.id, now, body), body, this.config.WEBHOOK_TIMEOUT_MS);
    const last = attempt.made + 1 >= attempt.max;
    const status = result.ok ? 'DELIVERED' : last ? 'DEAD' : 'PENDING';
    await this.deliveries.recordAttempt(delivery.id, { status, statusCode: result.statusCode, error: result.error }, this.clock.now());
    if (status === 'PENDING') throw new WebhookAttemptFailed(`webhook to ${row.webhookUrl} failed: ${result.error}`);
    return status === 'DELIVERED' ? 'delivered' : 'dead';
  }
}
