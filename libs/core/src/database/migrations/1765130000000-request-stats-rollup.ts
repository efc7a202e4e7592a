import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statistics' rollup (DESIGN §8, §14 "Figures"): `request_stats_cells`, kept by each
 * action in its own transaction (libs/requests/src/stats-rollup), read by supervision.
 *
 * One cell per country, direction (outgoing: the country requested; incoming: it was
 * requested, once sent), dimension, UTC day of the requests' creation and the dimension's
 * value. The dimensions: `counterpart` (the other country), `authority` (the other side's
 * authority id), `type`, `priority`, `channel`, and `counterpart_type` (`SG|TRAFFIC_DATA`,
 * for the yearly report). A request counts once in each dimension of each direction.
 *
 * A cell holds counts (requests, by state, sent, sent by state, executed, answered,
 * chases), the sums of the requests' `deadline_outcomes`, and the exact durations the
 * percentiles need, in seconds, each array kept sorted: sent → acknowledged (`ack_s`),
 * sent → executed (`exec_s`), sent → answered (`answer_s`: executed or refused); and, of
 * the open requests, when their age starts (`open_since`: creation for outgoing, arrival
 * for incoming; seconds since 2000-01-01 UTC) for the backlog by age.
 */
export class RequestStatsRollup1765130000000 implements MigrationInterface {
  name = 'RequestStatsRollup1765130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE request_stats_cells (
        country char(2) NOT NULL,
        direction varchar(8) NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
        dim varchar(16) NOT NULL,
        day date NOT NULL,
        value varchar(80) NOT NULL,
        requests integer NOT NULL,
        states integer[] NOT NULL,
        sent integer NOT NULL,
        sent_states integer[] NOT NULL,
        executed integer NOT NULL,
        answered integer NOT NULL,
        chases integer NOT NULL,
        outcomes integer[] NOT NULL,
        ack_s integer[] NOT NULL,
        exec_s integer[] NOT NULL,
        answer_s integer[] NOT NULL,
        open_since integer[] NOT NULL,
        PRIMARY KEY (country, direction, dim, day, value)
      )`);
    // Element-wise sum of two arrays of the same length (a cell's counters and their change).
    await q.query(`
      CREATE FUNCTION stats_add_ints(a integer[], b integer[]) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i), '{}') FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)
      $$`);
    // The element-wise sum of a column of such arrays.
    await q.query(`CREATE AGGREGATE stats_sum_ints(integer[]) (SFUNC = stats_add_ints, STYPE = integer[])`);
    // A sorted array changed by a list of changes: v >= 0 adds v, v < 0 removes one -(v + 1).
    await q.query(`
      CREATE FUNCTION stats_merge_sorted(a integer[], changes integer[]) RETURNS integer[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE v integer; pos integer;
      BEGIN
        FOREACH v IN ARRAY changes LOOP
          IF v < 0 THEN
            pos := array_position(a, -v - 1);
            IF pos IS NOT NULL THEN a := a[1:pos - 1] || a[pos + 1:]; END IF;
          ELSE
            a := ARRAY(SELECT x FROM unnest(a || v) x ORDER BY x);
          END IF;
        END LOOP;
        RETURN a;
      END $$`);
    // The durations by UTC month of creation, as histograms (DURATION_BINS): what the
    // percentiles of the whole months of a window read (a few hundred rows a year).
    await q.query(`
      CREATE TABLE request_stats_months (
        country char(2) NOT NULL,
        direction varchar(8) NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
        dim varchar(16) NOT NULL,
        month date NOT NULL,
        value varchar(80) NOT NULL,
        ack_h integer[] NOT NULL,
        exec_h integer[] NOT NULL,
        answer_h integer[] NOT NULL,
        PRIMARY KEY (country, direction, dim, month, value)
      )`);
    // A histogram (DURATION_BINS long; null or empty: all zero) with counts added at bins (0-based).
    await q.query(`
      CREATE FUNCTION stats_hist_add(h integer[], bins integer[], counts integer[]) RETURNS integer[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE i integer;
      BEGIN
        IF h IS NULL OR cardinality(h) = 0 THEN h := array_fill(0, ARRAY[${DURATION_BINS}]); END IF;
        FOR i IN 1 .. coalesce(cardinality(bins), 0) LOOP
          h[bins[i] + 1] := h[bins[i] + 1] + counts[i];
        END LOOP;
        RETURN h;
      END $$`);
    await q.query(`CREATE FUNCTION stats_bin(s integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ${BIN_SQL('s')} $$`);
    await q.query(`INSERT INTO request_stats_cells ${STATS_CELLS_OF_REQUESTS('TRUE')}`);
    await q.query(`INSERT INTO request_stats_months ${STATS_MONTHS_OF_CELLS}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE request_stats_months`);
    await q.query(`DROP FUNCTION stats_bin(integer)`);
    await q.query(`DROP FUNCTION stats_hist_add(integer[], integer[], integer[])`);
    await q.query(`DROP TABLE request_stats_cells`);
    await q.query(`DROP FUNCTION stats_merge_sorted(integer[], integer[])`);
    await q.query(`DROP AGGREGATE stats_sum_ints(integer[])`);
    await q.query(`DROP FUNCTION stats_add_ints(integer[], integer[])`);
  }
}

/** REQUEST_STATES, in their order (the order of `states` and `sent_states`). */
const STATES = ['DRAFT', 'IN_REVIEW', 'SENT', 'ACKNOWLEDGED', 'PRESERVED', 'IN_EXECUTION', 'INFO_REQUESTED', 'EVIDENCE_RECEIVED', 'CLOSED', 'REFUSED', 'WITHDRAWN', 'EXPIRED'];
const OUTCOME_SLOTS = 18;
const seconds = (from: string, to: string) => `floor(extract(epoch FROM ${to} - ${from}))::int`;
/** Seconds since 2000-01-01 UTC (the open requests' age origins: int4 holds them until 2068). */
export const OPEN_SINCE_EPOCH_MS = Date.UTC(2000, 0, 1);
const OPEN_SINCE = (at: string) => `greatest(0, floor(extract(epoch FROM ${at}) - ${OPEN_SINCE_EPOCH_MS / 1000}))::int`;

/**
 * The cells of the requests `r` that `where` selects (a condition on `requests r`),
 * computed from the requests and their events, in the columns of `request_stats_cells`.
 * The migration's backfill; supervision computes the part of a window that no whole UTC
 * day covers with it; data loaded around the write path (the benchmark's) uses it too.
 * `chases`: 'all' counts every chase event at once (a backfill of every request), 'each'
 * looks each selected request's chases up (request_events_chases_idx: a few requests).
 */
export function STATS_CELLS_OF_REQUESTS(where: string, chases: 'all' | 'each' = 'all'): string {
  return `
    SELECT c.country, c.direction, d.dim, c.day, d.value,
      count(*)::int,
      ARRAY[${STATES.map((s) => `count(*) FILTER (WHERE c.state = '${s}')`).join(', ')}]::int[],
      count(c.sent_at)::int,
      ARRAY[${STATES.map((s) => `count(*) FILTER (WHERE c.state = '${s}' AND c.sent_at IS NOT NULL)`).join(', ')}]::int[],
      count(c.executed_at)::int,
      count(c.answered_at)::int,
      coalesce(sum(c.chases), 0)::int,
      ARRAY[${Array.from({ length: OUTCOME_SLOTS }, (_, i) => `coalesce(sum(c.deadline_outcomes[${i + 1}]), 0)`).join(', ')}]::int[],
      coalesce(array_agg(${seconds('c.sent_at', 'c.acknowledged_at')} ORDER BY ${seconds('c.sent_at', 'c.acknowledged_at')}) FILTER (WHERE c.acknowledged_at IS NOT NULL AND c.sent_at IS NOT NULL), '{}'),
      coalesce(array_agg(${seconds('c.sent_at', 'c.executed_at')} ORDER BY ${seconds('c.sent_at', 'c.executed_at')}) FILTER (WHERE c.executed_at IS NOT NULL AND c.sent_at IS NOT NULL), '{}'),
      coalesce(array_agg(${seconds('c.sent_at', 'c.answered_at')} ORDER BY ${seconds('c.sent_at', 'c.answered_at')}) FILTER (WHERE c.answered_at IS NOT NULL AND c.sent_at IS NOT NULL), '{}'),
      coalesce(array_agg(${OPEN_SINCE('c.origin')} ORDER BY ${OPEN_SINCE('c.origin')}) FILTER (WHERE c.state NOT IN ('CLOSED', 'REFUSED', 'WITHDRAWN', 'EXPIRED')), '{}')
    FROM (
      SELECT side.country, side.direction, side.counterpart, side.authority, r.type, r.priority, r.channel, r.state,
        r.sent_at, r.acknowledged_at, r.executed_at, r.deadline_outcomes,
        coalesce(r.executed_at, CASE WHEN r.state = 'REFUSED' THEN r.closed_at END) AS answered_at,
        (r.created_at AT TIME ZONE 'UTC')::date AS day,
        CASE side.direction WHEN 'outgoing' THEN r.created_at ELSE r.sent_at END AS origin,
        coalesce(ch.n, 0) AS chases
      FROM requests r
      ${
        chases === 'all'
          ? `LEFT JOIN (SELECT e.request_id, count(*) AS n FROM request_events e WHERE e.action = 'chase' GROUP BY e.request_id) ch ON ch.request_id = r.id`
          : `CROSS JOIN LATERAL (SELECT count(*) AS n FROM request_events e WHERE e.request_id = r.id AND e.action = 'chase') ch`
      }
      CROSS JOIN LATERAL (VALUES
        (r.requesting_country, 'outgoing', r.requested_country, r.requested_authority_id, true),
        (r.requested_country, 'incoming', r.requesting_country, r.requesting_authority_id, r.sent_at IS NOT NULL)
      ) AS side(country, direction, counterpart, authority, counted)
      WHERE r.deleted_at IS NULL AND side.counted AND (${where})
    ) c
    CROSS JOIN LATERAL (VALUES
      ('counterpart', c.counterpart::text), ('authority', c.authority::text), ('type', c.type::text),
      ('priority', c.priority::text), ('channel', c.channel::text), ('counterpart_type', c.counterpart::text || '|' || c.type::text)
    ) AS d(dim, value)
    GROUP BY c.country, c.direction, d.dim, c.day, d.value`;
}

/**
 * The bins of the duration histograms: five minutes each below a day (0-287), an hour each
 * below 7 days (288-431), a day each below 1,100 days (432-1524), then one for anything
 * longer (1525). A duration counts as its bin's lower bound: the percentiles are exact to
 * five minutes below a day, to the hour below a week, to the day above.
 */
export const DURATION_BINS = 1526;
const BIN_SQL = (s: string) =>
  `CASE WHEN ${s} < 86400 THEN ${s} / 300 WHEN ${s} < 604800 THEN 264 + ${s} / 3600 WHEN ${s} < 95040000 THEN 425 + ${s} / 86400 ELSE 1525 END`;

/** The month histograms from the day cells (the migration's backfill, and the benchmark's). */
export const STATS_MONTHS_OF_CELLS = `
    SELECT country, direction, dim, month, value,
      stats_hist_add(NULL, array_agg(bin) FILTER (WHERE metric = 1), array_agg(n) FILTER (WHERE metric = 1)),
      stats_hist_add(NULL, array_agg(bin) FILTER (WHERE metric = 2), array_agg(n) FILTER (WHERE metric = 2)),
      stats_hist_add(NULL, array_agg(bin) FILTER (WHERE metric = 3), array_agg(n) FILTER (WHERE metric = 3))
    FROM (
      SELECT c.country, c.direction, c.dim, date_trunc('month', c.day)::date AS month, c.value, m.metric, stats_bin(m.s) AS bin, count(*)::int AS n
      FROM request_stats_cells c
      CROSS JOIN LATERAL (SELECT 1, s FROM unnest(c.ack_s) s UNION ALL SELECT 2, s FROM unnest(c.exec_s) s UNION ALL SELECT 3, s FROM unnest(c.answer_s) s) AS m(metric, s)
      WHERE c.dim <> 'counterpart_type'
      GROUP BY 1, 2, 3, 4, 5, 6, 7
    ) b
    GROUP BY country, direction, dim, month, value`;

/** Rebuilds every cell from the requests (data loaded around the write path, as the benchmark's). */
export const STATS_ROLLUP_BACKFILL = `DELETE FROM request_stats_cells; DELETE FROM request_stats_months;
  INSERT INTO request_stats_cells ${STATS_CELLS_OF_REQUESTS('TRUE')};
  INSERT INTO request_stats_months ${STATS_MONTHS_OF_CELLS}`;
