import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, openSecret, WebhookTargetPolicy, WebhookTargetRefused } from '@mla/core';
import { DeliveryRepository } from './delivery/delivery.repository';
import { renderNotification } from './i18n/notification-texts';
import { postWebhook, signWebhook, WebhookAttempt } from './webhooks/webhook-sender';

/** A signing secret sealed under another WEBHOOK_SECRET_KEY: nothing is sent (an admin sets the webhook again). */
const UNREADABLE_SECRET: WebhookAttempt = { ok: false, statusCode: null, error: 'signing secret unreadable: WEBHOOK_SECRET_KEY is not the key that sealed it; set the webhook again' };

export type DeliveryOutcome = 'inbox-only' | 'delivered' | 'already-done' | 'dead' | 'gone';

/** Thrown to make BullMQ retry a failed webhook attempt (with backoff and jitter). */
export class WebhookAttemptFailed extends Error {}

/**
 * Delivers one outbox row (DESIGN §7): the recipient's inbox copy, rendered in its
 * language, then, where the authority has an endpoint, a signed POST to a target checked at
 * this attempt (DESIGN §12). At least once: the
 * `webhook-id` (the outbox id) lets the receiver drop duplicates. Safe to run twice.
 */
@Injectable()
export class NotificationDeliveryService {
  constructor(
    private readonly delivery: DeliveryRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly targets: WebhookTargetPolicy,
  ) {}

  async deliver(outboxId: string): Promise<DeliveryOutcome> {
    const row = await this.delivery.outboxRow(outboxId);
    if (!row) return 'gone';
    const now = this.clock.now();
    const data = row.payload.data ?? {};
    const side = typeof row.payload.recipientSide === 'string' ? row.payload.recipientSide : null;
    const text = renderNotification(row.type, row.language, { reference: row.payload.request?.reference ?? '', ...data, level: data.escalationLevel }, side);
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
      await this.delivery.storeInboxCopyAndSettle(inboxCopy, now);
      return 'inbox-only';
    }
    const delivery = await this.delivery.storeInboxCopyAndDelivery(inboxCopy, row.webhookUrl, now);
    if (!delivery) return 'gone';
    if (delivery.status !== 'PENDING') {
      await this.delivery.settle(row.id, now);
      return 'already-done';
    }
    const body = JSON.stringify({
      id: row.id,
      type: row.type,
      occurredAt: occurredAt.toISOString(),
      request: row.payload.request ?? null,
      data,
      text,
    });
    const secret = this.openedSecret(row.webhookSecret);
    const result = secret === null ? UNREADABLE_SECRET : await this.post(row.webhookUrl, signWebhook(secret, row.id, now, body), body);
    // The attempts are counted in the database: a job that failed on a database error spent none.
    const last = delivery.roundAttempts + 1 >= this.config.WEBHOOK_MAX_ATTEMPTS;
    const status = result.ok ? 'DELIVERED' : last ? 'DEAD' : 'PENDING';
    await this.delivery.recordAttempt(delivery, { status, statusCode: result.statusCode, error: result.error }, this.clock.now());
    if (status === 'PENDING') throw new WebhookAttemptFailed(`webhook to ${row.webhookUrl} failed: ${result.error}`);
    return status === 'DELIVERED' ? 'delivered' : 'dead';
  }

  /** The signing secret, opened with WEBHOOK_SECRET_KEY; null when that key did not seal it (a failed attempt, never a crash loop). */
  private openedSecret(stored: string): string | null {
    try {
      return openSecret(this.config.webhookSecretKey, stored);
    } catch {
      return null;
    }
  }

  /**
   * One attempt: the URL checked again and its host resolved now (DESIGN §12: a DNS change
   * cannot turn it inward), then the POST pinned to the addresses checked. A refused target
   * is a failed attempt that never reaches the network.
   */
  private async post(url: string, headers: Record<string, string>, body: string): Promise<WebhookAttempt> {
    try {
      const target = await this.targets.check(url);
      return await postWebhook(target, headers, body, this.config.WEBHOOK_TIMEOUT_MS);
    } catch (error) {
      if (!(error instanceof WebhookTargetRefused)) throw error;
      return { ok: false, statusCode: null, error: error.temporary ? error.reason : `target refused: ${error.reason}` };
    }
  }
}
