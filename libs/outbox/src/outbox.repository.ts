import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The channel an outbox insert notifies (a statement trigger), which wakes the relay. */
export const OUTBOX_CHANNEL = 'outbox';

/** The outbox relay's SQL: rows not yet dispatched, claimed with SKIP LOCKED so relays share the work. */
@Injectable()
export class OutboxRepository {
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
}
