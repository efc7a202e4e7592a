import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SqlParams } from '@mla/core';
import type { Receipt } from '../crypto/receipt';
import type { ClaimedMessage, InboxTransmissionRow, OutboxRow } from './outbox.row';

const COLUMNS = `o.id, o.peer_id AS "peerId", p.node_id AS "peerNode", o.request_id AS "requestId", o.type, o.state, o.attempts,
  o.next_attempt_at AS "nextAttemptAt", o.last_error AS "lastError", o.reject_code AS "rejectCode", o.receipt_payload AS "receiptPayload",
  o.created_at AS "createdAt", o.delivered_at AS "deliveredAt", o.reject_reason AS "rejectReason", o.reject_detail AS "rejectDetail"`;

export interface NewOutboxMessage {
  id: string;
  peerId: string;
  requestId: string;
  type: string;
  body: Buffer;
  digest: string;
}

/** The outcome of one attempt, written only if the attempt still holds the row (its `attempts` fence). */
export type AttemptOutcome =
  | { state: 'DELIVERED' | 'REJECTED'; receipt: string; payload: Receipt; code: string | null; reason?: string | null; detail?: string | null; at: Date; error: string | null }
  | { state: 'PENDING'; nextAttemptAt: Date; error: string; at: Date }
  | { state: 'DEAD'; error: string; at: Date };

/** The messages this node sends its peers (`federation_outbox`): every query on them. */
@Injectable()
export class FederationOutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `INSERT INTO federation_outbox …` of a message, PENDING and due at `at`, its parameters added to `p` (to join an action's one statement). */
  insertStatement(msg: NewOutboxMessage, at: Date, p: SqlParams): string {
    const values = [msg.id, msg.peerId, msg.requestId, msg.type, msg.body, msg.digest].map((v) => p.add(v));
    const when = p.add(at);
    return `INSERT INTO federation_outbox (id, peer_id, request_id, type, body, digest, state, attempts, next_attempt_at, created_at, updated_at)
      VALUES (${values.join(', ')}, 'PENDING', 0, ${when}, ${when}, ${when})`;
  }

  /**
   * Claims up to `limit` due messages of ACTIVE peers for one attempt each: counts the attempt
   * and moves `next_attempt_at` to `leaseUntil`, so no other worker takes them meanwhile
   * (rows another worker is claiming are skipped). A suspended peer's messages stay PENDING.
   * The messages of one request to one peer go in the order they were written (`position`): a
   * message is not claimed while an earlier one of the same peer and request is PENDING (being
   * tried, or waiting for its retry) or DEAD (until an admin retries it).
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE federation_outbox o SET attempts = o.attempts + 1, next_attempt_at = $2, updated_at = $1
       FROM federation_peers p
       WHERE p.id = o.peer_id AND o.id IN (
         SELECT d.id FROM federation_outbox d JOIN federation_peers dp ON dp.id = d.peer_id AND dp.state = 'ACTIVE'
         WHERE d.state = 'PENDING' AND d.next_attempt_at <= $1
           AND NOT EXISTS (SELECT 1 FROM federation_outbox e WHERE e.peer_id = d.peer_id AND e.request_id = d.request_id
             AND e.position < d.position AND e.state IN ('PENDING', 'DEAD'))
         ORDER BY d.next_attempt_at, d.id LIMIT $3 FOR UPDATE OF d SKIP LOCKED)
       RETURNING o.id, o.type, o.request_id AS "requestId", o.body, o.digest, o.attempts, p.url AS "peerUrl", p.jwks AS "peerJwks"`,
      [now, leaseUntil, limit],
    )) as [ClaimedMessage[], number];
    return rows;
  }

  /** Records an attempt's outcome; false when the row moved on meanwhile (another attempt, an admin's retry). */
  async settle(id: string, attempts: number, o: AttemptOutcome, m: EntityManager | DataSource = this.dataSource): Promise<boolean> {
    const delivered = o.state === 'DELIVERED' || o.state === 'REJECTED';
    const rejected = o.state === 'REJECTED';
    const [, count] = (await m.query(
      `UPDATE federation_outbox SET state = $3, next_attempt_at = COALESCE($4, next_attempt_at), last_error = COALESCE($5, last_error), reject_code = $6,
         receipt = $7, receipt_payload = $8, delivered_at = $9, updated_at = $10, reject_reason = $11, reject_detail = $12
       WHERE id = $1 AND attempts = $2 AND state = 'PENDING'`,
      [
        id, attempts, o.state, o.state === 'PENDING' ? o.nextAttemptAt : null, o.error, delivered ? o.code : null,
        delivered ? o.receipt : null, delivered ? JSON.stringify(o.payload) : null, delivered ? o.at : null, o.at,
        rejected ? (o.reason ?? null) : null, rejected ? (o.detail ?? null) : null,
      ],
    )) as [unknown, number];
    return count === 1;
  }

  async find(id: string, m: EntityManager | DataSource = this.dataSource): Promise<OutboxRow | null> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM federation_outbox o JOIN federation_peers p ON p.id = o.peer_id WHERE o.id = $1`, [id]);
    return (row as OutboxRow | undefined) ?? null;
  }

  /** Locks a message for an admin's change. */
  async lock(m: EntityManager, id: string): Promise<OutboxRow | null> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM federation_outbox o JOIN federation_peers p ON p.id = o.peer_id WHERE o.id = $1 FOR UPDATE OF o`, [id]);
    return (row as OutboxRow | undefined) ?? null;
  }

  /** A DEAD message back to PENDING, due now, its attempts counted afresh (its last error kept). */
  async requeue(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(`UPDATE federation_outbox SET state = 'PENDING', attempts = 0, next_attempt_at = $2, updated_at = $2 WHERE id = $1 AND state = 'DEAD'`, [id, at]);
  }

  /** The messages to peers in `state` (PENDING or DEAD), newest first, at most `limit`. */
  async inState(state: 'PENDING' | 'DEAD', limit: number): Promise<OutboxRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM federation_outbox o JOIN federation_peers p ON p.id = o.peer_id WHERE o.state = $1 ORDER BY o.created_at DESC, o.id LIMIT $2`, [state, limit]);
  }

  async outgoingOf(requestId: string): Promise<OutboxRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM federation_outbox o JOIN federation_peers p ON p.id = o.peer_id WHERE o.request_id = $1 ORDER BY o.position`, [requestId]);
  }

  async incomingOf(requestId: string): Promise<InboxTransmissionRow[]> {
    return this.dataSource.query(
      `SELECT i.message_id AS "messageId", p.node_id AS "peerNode", i.type, i.received_at AS "receivedAt", i.receipt
       FROM federation_inbox i JOIN federation_peers p ON p.id = i.peer_id WHERE i.request_id = $1 ORDER BY i.received_at, i.id`,
      [requestId],
    );
  }
}
