import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SqlParams } from '@mla/core';

/** The channel an outbox insert notifies (a statement trigger), which wakes the relay. */
export const OUTBOX_CHANNEL = 'outbox';

/** The outbox relay's and reconciler's SQL: rows not yet dispatched (claimed with SKIP LOCKED so relays share the work), rows not yet settled. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Locks up to `limit` undispatched rows, oldest first, skipping those another relay holds. */
  async claimUndispatched(m: EntityManager, limit: number): Promise<string[]> {
    const rows = (await m.query(`SELECT id FROM outbox WHERE dispatched_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`, [limit])) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  async markDispatched(m: EntityManager, ids: string[], at: Date): Promise<void> {
    await m.query(`UPDATE outbox SET dispatched_at = $2 WHERE id = ANY($1::uuid[])`, [ids, at]);
  }

  /** Dispatched rows not yet settled (inbox copy stored, webhook delivery ended) since before `before`, oldest first, after the keyset `after`. */
  async unsettledSince(before: Date, after: { dispatchedAt: Date; id: string } | null, limit: number): Promise<{ id: string; dispatchedAt: Date }[]> {
    return this.dataSource.query(
      `SELECT id, dispatched_at AS "dispatchedAt" FROM outbox
       WHERE settled_at IS NULL AND dispatched_at IS NOT NULL AND dispatched_at < $1
         ${after ? 'AND (dispatched_at, id) > ($3::timestamptz, $4::uuid)' : ''}
       ORDER BY dispatched_at, id LIMIT $2`,
      after ? [before, limit, after.dispatchedAt, after.id] : [before, limit],
    );
  }

  /** `UPDATE outbox SET settled_at …` of one row (once), its parameters added to `p`. */
  settleStatement(id: string, at: Date, p: SqlParams): string {
    return `UPDATE outbox SET settled_at = ${p.add(at)} WHERE id = ${p.add(id)} AND settled_at IS NULL`;
  }

  /** `UPDATE outbox SET settled_at = NULL …`: a retried delivery is watched again. */
  unsettleStatement(id: string, p: SqlParams): string {
    return `UPDATE outbox SET settled_at = NULL WHERE id = ${p.add(id)}`;
  }
}
