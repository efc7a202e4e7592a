import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the statistics' reads need (issue 19), beside the rollup (1765130000000):
 *
 * - `request_events_chases_idx`: the chases of a few requests by their keys. A window's
 *   partial UTC days are computed from the requests created in them, each request's chases
 *   counted from this small partial index (an index-only count) instead of aggregating every
 *   chase event.
 * - `stats_backlog(open_since, d31, d91, d181)`: a cell's open requests by age bucket
 *   (origins after d31, after d91, after d181, the rest), by binary search in its sorted
 *   `open_since` (the array read once, never unnested).
 */
export class StatsReads1765250000000 implements MigrationInterface {
  name = 'StatsReads1765250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX request_events_chases_idx ON request_events (request_id) WHERE action = 'chase'`);
    await q.query(`
      CREATE FUNCTION stats_backlog(a integer[], d31 float8, d91 float8, d181 float8) RETURNS integer[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE
        n integer := coalesce(cardinality(a), 0);
        above integer[] := ARRAY[0, 0, 0];
        bounds float8[] := ARRAY[d31, d91, d181];
        lo integer; hi integer; mid integer;
      BEGIN
        IF n = 0 THEN RETURN ARRAY[0, 0, 0, 0]; END IF;
        FOR k IN 1 .. 3 LOOP
          -- the first position whose origin is after the bound (n + 1 when none)
          lo := 1; hi := n + 1;
          WHILE lo < hi LOOP
            mid := (lo + hi) / 2;
            IF a[mid] > bounds[k] THEN hi := mid; ELSE lo := mid + 1; END IF;
          END LOOP;
          above[k] := n + 1 - lo;
        END LOOP;
        RETURN ARRAY[above[1], above[2] - above[1], above[3] - above[2], n - above[3]];
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS stats_backlog(integer[], float8, float8, float8)`);
    await q.query(`DROP INDEX IF EXISTS request_events_chases_idx`);
  }
}
