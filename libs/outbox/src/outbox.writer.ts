import { Injectable } from '@nestjs/common';
import type { SqlParams } from '@mla/core';

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
 * Notifications as outbox rows, written in the statement of the action that causes them, so
 * an accepted action and its notifications commit or vanish together. The relay (worker)
 * moves them on.
 */
@Injectable()
export class OutboxWriter {
  /** `INSERT INTO outbox …` of the messages (null when there are none), its parameters added to `p`. */
  insertStatement(messages: OutboxMessage[], at: Date, p: SqlParams): string | null {
    if (messages.length === 0) return null;
    const createdAt = p.add(at);
    const values = messages.map(
      (msg) =>
        `(${[msg.type, msg.requestId, msg.eventSeq, msg.recipientAuthorityId, msg.recipientUserId ?? null, JSON.stringify(msg.payload)]
          .map((v) => p.add(v))
          .join(', ')}, ${createdAt})`,
    );
    return `INSERT INTO outbox (type, request_id, event_seq, recipient_authority_id, recipient_user_id, payload, created_at) VALUES ${values.join(', ')}`;
  }
}
