import { Injectable, Logger, Optional } from '@nestjs/common';
import { AppConfig, Clock, TransactionRunner, WebhookTargetPolicy } from '@mla/core';
import { signRequest } from '../crypto/message-signature';
import { NodeIdentity } from '../identity/node-identity';
import { judgeAnswer, type AnswerVerdict } from './answer';
import { FederationDeliveryHooks } from './delivery-hooks';
import { afterFailure } from './backoff';
import { FederationOutboxRepository, type AttemptOutcome } from './federation-outbox.repository';
import { MESSAGES_PATH, PostFailed, postMessage } from './message-post';
import type { ClaimedMessage } from './outbox.row';

/** How many messages one pass claims at a time. */
const BATCH = 20;
/**
 * How many of a batch are sent at once. A batch holds at most one message per peer and request
 * (claimDue skips a message while an earlier one of its request is pending), so sending them
 * side by side keeps each request's order; one slow peer no longer holds up the others.
 */
const PARALLEL = 8;

/** What one pass did with each message it tried. */
export interface DeliveryReport {
  id: string;
  state: AttemptOutcome['state'];
  error: string | null;
}

/**
 * Delivers the outbox's due messages (DESIGN §15, worker only): each claimed for one attempt
 * (no two workers send a message at once), signed with the node's key (RFC 9421) at the time
 * of sending, POSTed to the peer, its answer judged by the receipt. DELIVERED or REJECTED per
 * the signed receipt; anything else retried after the backoff of FEDERATION_BACKOFF_MS, DEAD
 * after FEDERATION_MAX_ATTEMPTS. Times are the injected clock's. A REJECTED message is
 * settled in one transaction with what its rejection means for its request
 * (`FederationDeliveryHooks`: a requesting-side act the requested node refused).
 */
@Injectable()
export class FederationDeliveryService {
  private readonly log = new Logger('FederationDelivery');

  constructor(
    private readonly outbox: FederationOutboxRepository,
    private readonly identity: NodeIdentity,
    private readonly targets: WebhookTargetPolicy,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    @Optional() private readonly hooks?: FederationDeliveryHooks,
  ) {}

  /** Tries every message due now (batch after batch) and answers what became of each. */
  async deliverDue(): Promise<DeliveryReport[]> {
    if (!this.identity.hasKey()) return [];
    const reports: DeliveryReport[] = [];
    for (;;) {
      const now = this.clock.now();
      // The claim outlives any attempt (DNS and POST each bounded by the timeout).
      const claimed = await this.outbox.claimDue(now, new Date(now.getTime() + 2 * this.config.WEBHOOK_TIMEOUT_MS + 60_000), BATCH);
      if (claimed.length === 0) return reports;
      reports.push(...(await inParallel(claimed, PARALLEL, (message) => this.attempt(message))));
    }
  }

  private async attempt(message: ClaimedMessage): Promise<DeliveryReport> {
    const verdict = await this.send(message);
    const at = this.clock.now();
    let outcome: AttemptOutcome;
    if (verdict.outcome === 'RETRY') {
      const next = afterFailure(message.attempts, this.config.FEDERATION_MAX_ATTEMPTS, at, this.config.FEDERATION_BACKOFF_MS);
      outcome = next.state === 'DEAD' ? { state: 'DEAD', error: verdict.error, at } : { state: 'PENDING', nextAttemptAt: next.nextAttemptAt, error: verdict.error, at };
    } else {
      outcome = { state: verdict.outcome, receipt: verdict.receipt, payload: verdict.payload, code: verdict.code, reason: verdict.reason ?? null, detail: verdict.detail ?? null, at, error: null };
    }
    const hooks = this.hooks;
    const written = outcome.state === 'REJECTED' && hooks
      ? await this.tx.run(async (m) => {
          const settled = await this.outbox.settle(message.id, message.attempts, outcome, m);
          if (settled && outcome.state === 'REJECTED') {
            await hooks.rejected(m, { id: message.id, type: message.type, requestId: message.requestId, code: outcome.code, reason: outcome.reason ?? null, detail: outcome.detail ?? null }, at);
          }
          return settled;
        })
      : await this.outbox.settle(message.id, message.attempts, outcome);
    if (!written) this.log.warn(`federation message ${message.id}: attempt ${message.attempts} ended after the message moved on; its outcome (${outcome.state}) not recorded`);
    return { id: message.id, state: outcome.state, error: verdict.outcome === 'RETRY' ? verdict.error : null };
  }

  private async send(message: ClaimedMessage): Promise<AnswerVerdict> {
    try {
      const url = `${message.peerUrl}${MESSAGES_PATH}`;
      const headers = await signRequest({ method: 'POST', url, contentType: 'application/json', body: message.body }, this.identity.signingKey(), this.clock.now());
      const answer = await postMessage(this.targets, message.peerUrl, headers, message.body, this.config.isProduction, this.config.WEBHOOK_TIMEOUT_MS);
      return await judgeAnswer(answer, message.peerJwks.keys, message.id, message.digest);
    } catch (error) {
      if (error instanceof PostFailed) return { outcome: 'RETRY', error: error.message };
      this.log.error(`federation message ${message.id}: ${String(error)}`);
      return { outcome: 'RETRY', error: 'the attempt failed on this node' };
    }
  }
}

/** `work` on every item, at most `limit` at once; the results in the items' order. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
