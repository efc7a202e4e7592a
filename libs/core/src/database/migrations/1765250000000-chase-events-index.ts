import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chases of a few requests by their keys (issue 19): the statistics compute the partial
 * UTC days at a window's edges from the requests, each request's chases counted from this
 * small partial index (an index-only count) instead of aggregating every chase event.
 */
export class ChaseEventsIndex1765250000000 implements MigrationInterface {
  name = 'ChaseEventsIndex1765250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX request_events_chases_idx ON request_events (request_id) WHERE action = 'chase'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS request_events_chases_idx`);
  }
}
