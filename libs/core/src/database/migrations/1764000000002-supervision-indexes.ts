import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes of supervision (DESIGN §8), sized on one million requests (bench/supervision,
 * plans in docs/query-plans/):
 *  - the overdue queue walks the open deadlines in due order, (due_at, id) being its keyset,
 *    and reads each one's columns from the index alone;
 *  - the statistics read the requests of a country created in a window, per direction,
 *    from covering indexes (index-only scans), and the deadlines that ended (or are past
 *    due) of those requests from a covering index on request_id, and the met EXECUTION
 *    deadlines (time to execute) from a small partial one.
 */
export class SupervisionIndexes1764000000002 implements MigrationInterface {
  name = 'SupervisionIndexes1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX deadlines_overdue_queue_idx ON deadlines (due_at, id)
        INCLUDE (request_id, kind, party, status, escalation_level)
        WHERE status IN ('PENDING','OVERDUE')`);
    await q.query(`
      CREATE INDEX requests_stats_outgoing_idx ON requests (requesting_country, created_at)
        INCLUDE (requested_country, state, type, priority, channel, sent_at, acknowledged_at, id)
        WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE INDEX requests_stats_incoming_idx ON requests (requested_country, created_at)
        INCLUDE (requesting_country, state, type, priority, channel, sent_at, acknowledged_at, id)
        WHERE deleted_at IS NULL AND sent_at IS NOT NULL`);
    await q.query(`
      CREATE INDEX deadlines_stats_idx ON deadlines (request_id)
        INCLUDE (kind, status, due_at, met_at)
        WHERE status IN ('MET','OVERDUE','PENDING')`);
    await q.query(`
      CREATE INDEX deadlines_execution_met_idx ON deadlines (request_id)
        INCLUDE (met_at)
        WHERE kind = 'EXECUTION' AND status = 'MET'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['deadlines_execution_met_idx', 'deadlines_stats_idx', 'requests_stats_incoming_idx', 'requests_stats_outgoing_idx', 'deadlines_overdue_queue_idx']) {
      await q.query(`DROP INDEX IF EXISTS ${index}`);
    }
  }
}
