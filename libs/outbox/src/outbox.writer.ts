import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface OutboxMessage {
  /** e.g. `request.sent`, `deadline.reminder`. */
  type: string;
  requestId: string | null;
  eventSeq: number | null;
  recipientAuthorityId: string;
  recipientUserId?: string | null;
  payload: Record<string, unknown>;
}

/**
 * Writes notifications to the outbox inside the caller's transaction, so an accepted
 * action and its notifications commit or vanish together. The relay (worker) moves them on.
 */
@Injectable()
export class OutboxWriter {
  async write(m: EntityManager, messages: OutboxMessage[], at: Date): Promise<void> {
    if (messages.length === 0) return;
    const params: unknown[] = [at];
    const values = messages.map((msg) => {
      params.push(msg.type, msg.requestId, msg.eventSeq, msg.recipientAuthorityId, msg.recipientUserId ?? null, JSON.stringify(msg.payload));
      const n = params.length;
      return `($${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}, $1)`;
    });
    await m.query(
      `INSERT INTO outbox (type, request_id, event_seq, recipient_authority_id, recipient_user_id, payload, created_at) VALUES ${values.join(', ')}`,
      params,
    );
  }
}
