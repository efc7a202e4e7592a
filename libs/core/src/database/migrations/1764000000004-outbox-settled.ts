import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nothing lost between the outbox and its recipient (DESIGN §7, §11): an outbox row is
 * `settled` once its inbox copy is stored and its webhook delivery (if any) has ended
 * (DELIVERED or DEAD); the outbox reconciler looks at the dispatched rows that are not. A
 * delivery counts the attempts of its current round (a retried DEAD delivery starts a new
 * one) in the database, so a job that fails on a database error spends none of them.
 */
export class OutboxSettled1764000000004 implements MigrationInterface {
  name = 'OutboxSettled1764000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN settled_at timestamptz`);
    await q.query(`ALTER TABLE webhook_deliveries ADD COLUMN round_attempts integer NOT NULL DEFAULT 0`);
    await q.query(`UPDATE webhook_deliveries SET round_attempts = attempts`);
    await q.query(`
      UPDATE outbox o SET settled_at = coalesce(w.delivered_at, w.dead_at, n.created_at)
      FROM notifications n LEFT JOIN webhook_deliveries w ON w.outbox_id = n.outbox_id
      WHERE n.outbox_id = o.id AND (w.id IS NULL OR w.status IN ('DELIVERED', 'DEAD'))`);
    await q.query(`CREATE INDEX outbox_unsettled_idx ON outbox (dispatched_at, id) WHERE settled_at IS NULL AND dispatched_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_unsettled_idx`);
    await q.query(`ALTER TABLE webhook_deliveries DROP COLUMN round_attempts`);
    await q.query(`ALTER TABLE outbox DROP COLUMN settled_at`);
  }
}
