import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetCursor, SqlParams } from '@mla/core';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'DEAD';

export interface DeliveryRow {
  id: string;
  outboxId: string;
  authorityId: string;
  url: string;
  status: DeliveryStatus;
  attempts: number;
  /** Attempts of the current round (a retry of a DEAD delivery starts a new one). */
  roundAttempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  deadAt: Date | null;
  type: string;
  requestId: string | null;
}

const COLUMNS = `d.id, d.outbox_id AS "outboxId", d.authority_id AS "authorityId", d.url, d.status, d.attempts, d.round_attempts AS "roundAttempts",
  d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.created_at AS "createdAt",
  d.last_attempt_at AS "lastAttemptAt", d.delivered_at AS "deliveredAt", d.dead_at AS "deadAt",
  o.type, o.request_id AS "requestId"`;

/** Webhook delivery records: attempts, status, last error, times. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The delivery of an outbox row to its authority's endpoint, created on first use, as one
   * statement answering the row (a no-op update makes RETURNING answer an existing one).
   */
  ensureStatement(outboxId: string, authorityId: string, url: string, now: Date, p: SqlParams): string {
    return `, d AS (
        INSERT INTO webhook_deliveries (outbox_id, authority_id, url, status, created_at)
        VALUES (${p.add(outboxId)}, ${p.add(authorityId)}, ${p.add(url)}, 'PENDING', ${p.add(now)})
        ON CONFLICT (outbox_id) DO UPDATE SET outbox_id = EXCLUDED.outbox_id
        RETURNING *)
      SELECT ${COLUMNS} FROM d JOIN outbox o ON o.id = d.outbox_id`;
  }

  /** `UPDATE webhook_deliveries …` of one attempt (counted in the delivery and in its round), its parameters added to `p`. */
  attemptStatement(id: string, outcome: { status: DeliveryStatus; statusCode: number | null; error: string | null }, now: Date, p: SqlParams): string {
    const [at, status] = [p.add(now), p.add(outcome.status)];
    return `UPDATE webhook_deliveries SET attempts = attempts + 1, round_attempts = round_attempts + 1, last_attempt_at = ${at},
         status = ${status}::varchar, last_status_code = ${p.add(outcome.statusCode)}, last_error = ${p.add(outcome.error?.slice(0, 2000) ?? null)},
         delivered_at = CASE WHEN ${status}::varchar = 'DELIVERED' THEN ${at} ELSE delivered_at END,
         dead_at = CASE WHEN ${status}::varchar = 'DEAD' THEN ${at} ELSE dead_at END
       WHERE id = ${p.add(id)}`;
  }

  page(authorityId: string, status: DeliveryStatus | undefined, after: KeysetCursor | null, limit: number): Promise<DeliveryRow[]> {
    const params: unknown[] = [authorityId];
    const where = ['d.authority_id = $1'];
    if (status) {
      params.push(status);
      where.push(`d.status = $${params.length}`);
    }
    if (after) {
      params.push(after.createdAt, after.id);
      where.push(`(d.created_at, d.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhook_deliveries d JOIN outbox o ON o.id = d.outbox_id
       WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  async find(authorityId: string, id: string, m?: EntityManager): Promise<DeliveryRow | null> {
    const rows = (await (m ?? this.dataSource).query(
      `SELECT ${COLUMNS} FROM webhook_deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE d.authority_id = $1 AND d.id = $2`,
      [authorityId, id],
    )) as DeliveryRow[];
    return rows[0] ?? null;
  }

  /** A DEAD delivery goes back to PENDING for a new round of attempts (in the caller's transaction); false if it was not DEAD. */
  async reopen(m: EntityManager, id: string): Promise<boolean> {
    const [, count] = (await m.query(`UPDATE webhook_deliveries SET status = 'PENDING', dead_at = NULL, round_attempts = 0 WHERE id = $1 AND status = 'DEAD'`, [
      id,
    ])) as [unknown[], number];
    return count > 0;
  }
}
