import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the statistics need, kept on each request by the action that changes it (DESIGN §8):
 * `executed_at` (the EXECUTION deadline met: the final evidence delivery) and
 * `deadline_outcomes`, per deadline kind (in the order of DEADLINE_KINDS) three counters:
 * deadlines MET, MET on time (met_at ≤ due_at), and now OVERDUE. Existing rows are
 * backfilled from their deadlines. The statistics then read one covering index of requests
 * instead of joining a million deadlines; the deadlines' own statistics indexes go.
 */
export class RequestOutcomes1764000000003 implements MigrationInterface {
  name = 'RequestOutcomes1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE requests ADD COLUMN executed_at timestamptz`);
    await q.query(`ALTER TABLE requests ADD COLUMN deadline_outcomes smallint[] NOT NULL DEFAULT '{${new Array(18).fill(0).join(',')}}'`);
    await q.query(REQUEST_OUTCOMES_BACKFILL);
    await q.query(`DROP INDEX requests_stats_outgoing_idx`);
    await q.query(`DROP INDEX requests_stats_incoming_idx`);
    await q.query(`DROP INDEX deadlines_stats_idx`);
    await q.query(`DROP INDEX deadlines_execution_met_idx`);
    await q.query(`
      CREATE INDEX requests_stats_outgoing_idx ON requests (requesting_country, created_at)
        INCLUDE (requested_country, state, type, priority, channel, sent_at, acknowledged_at, executed_at, deadline_outcomes)
        WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE INDEX requests_stats_incoming_idx ON requests (requested_country, created_at)
        INCLUDE (requesting_country, state, type, priority, channel, sent_at, acknowledged_at, executed_at, deadline_outcomes)
        WHERE deleted_at IS NULL AND sent_at IS NOT NULL`);
    // The deadlines still PENDING past their due time (few: the worker marks them OVERDUE).
    await q.query(`CREATE INDEX deadlines_pending_due_idx ON deadlines (due_at) INCLUDE (request_id, kind) WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadlines_pending_due_idx`);
    await q.query(`DROP INDEX requests_stats_outgoing_idx`);
    await q.query(`DROP INDEX requests_stats_incoming_idx`);
    await q.query(`
      CREATE INDEX requests_stats_outgoing_idx ON requests (requesting_country, created_at)
        INCLUDE (requested_country, state, type, priority, channel, sent_at, acknowledged_at, id)
        WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE INDEX requests_stats_incoming_idx ON requests (requested_country, created_at)
        INCLUDE (requesting_country, state, type, priority, channel, sent_at, acknowledged_at, id)
        WHERE deleted_at IS NULL AND sent_at IS NOT NULL`);
    await q.query(`CREATE INDEX deadlines_stats_idx ON deadlines (request_id) INCLUDE (kind, status, due_at, met_at) WHERE status IN ('MET','OVERDUE','PENDING')`);
    await q.query(`CREATE INDEX deadlines_execution_met_idx ON deadlines (request_id) INCLUDE (met_at) WHERE kind = 'EXECUTION' AND status = 'MET'`);
    await q.query(`ALTER TABLE requests DROP COLUMN deadline_outcomes`);
    await q.query(`ALTER TABLE requests DROP COLUMN executed_at`);
  }
}

/** The deadline kinds in the order of `deadline_outcomes` (DEADLINE_KINDS). */
const KINDS = ['REVIEW', 'ACKNOWLEDGEMENT', 'PRESERVATION_CONFIRMATION', 'EXECUTION', 'INFO_RESPONSE', 'PRESERVATION_EXPIRY'];

/** Per request, what `executed_at` and `deadline_outcomes` are, derived from its deadlines. */
export const REQUEST_OUTCOMES_OF_DEADLINES = `
    SELECT d.request_id,
      max(d.met_at) FILTER (WHERE d.kind = 'EXECUTION' AND d.status = 'MET') AS executed_at,
      ARRAY[${KINDS.map(
        (k) => `count(*) FILTER (WHERE d.kind = '${k}' AND d.status = 'MET'),
        count(*) FILTER (WHERE d.kind = '${k}' AND d.status = 'MET' AND d.met_at <= d.due_at),
        count(*) FILTER (WHERE d.kind = '${k}' AND d.status = 'OVERDUE')`,
      ).join(',\n        ')}]::smallint[] AS outcomes
    FROM deadlines d GROUP BY d.request_id`;

/**
 * Sets `executed_at` and `deadline_outcomes` of every request from its deadlines (the
 * migration's backfill; data loaded around the write path, as the benchmark's, uses it
 * too). Afterwards each action keeps them up to date in its own statement.
 */
export const REQUEST_OUTCOMES_BACKFILL = `
  UPDATE requests r SET executed_at = o.executed_at, deadline_outcomes = o.outcomes
  FROM (${REQUEST_OUTCOMES_OF_DEADLINES}) o
  WHERE o.request_id = r.id`;
