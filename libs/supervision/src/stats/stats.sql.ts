import type { GroupBy } from '../dto/stats.dto';
import { TERMINAL_STATES_SQL } from '../overdue/overdue.sql';

const DAY_MS = 86_400_000;

export interface StatsInput {
  country: string;
  from: Date;
  to: Date;
  now: Date;
  groupBy: GroupBy;
}

export interface StatsStatement {
  name: string;
  sql: string;
  params: unknown[];
}

/** One direction of the statistics, as SQL fragments on `requests r`. */
interface Direction {
  name: 'outgoing' | 'incoming';
  /** The group's value; `COLLATE "C"` keeps the sorts byte-wise. */
  grp: string;
  /** Its requests created in [$2, $3): an index-only range scan of requests_stats_{outgoing,incoming}_idx. */
  where: string;
  /** When a request entered the direction's pipeline: created (outgoing), arrived (incoming, sent_at). */
  ageFrom: string;
}

const WINDOW = `r.created_at >= $2 AND r.created_at < $3 AND r.deleted_at IS NULL`;

function directions(groupBy: GroupBy): Direction[] {
  const column = (c: string) => `${c}::text COLLATE "C"`;
  return [
    {
      name: 'outgoing',
      grp: column(groupBy === 'counterpart' ? 'r.requested_country' : `r.${groupBy}`),
      where: `r.requesting_country = $1 AND ${WINDOW}`,
      ageFrom: 'r.created_at',
    },
    {
      name: 'incoming',
      grp: column(groupBy === 'counterpart' ? 'r.requesting_country' : `r.${groupBy}`),
      where: `r.requested_country = $1 AND r.sent_at IS NOT NULL AND ${WINDOW}`,
      ageFrom: 'r.sent_at',
    },
  ];
}

/**
 * Each direction as its own aggregate, the two glued with UNION ALL: a branch reads one
 * index range of requests with the planner's real statistics (a join to deadlines hashes
 * the requests or walks deadlines_stats_idx by request_id, whichever is cheaper), and the
 * two directions are kept apart by construction.
 */
const perDirection = (groupBy: GroupBy, branch: (d: Direction) => string) =>
  directions(groupBy)
    .map((d) => `(${branch(d)})`)
    .join('\n    UNION ALL\n    ');

/** Median and p90 of `value` per group and for the direction's total (GROUPING SETS), in seconds. */
const percentiles = (d: Direction, value: string, from: string) => `
      SELECT '${d.name}' AS direction, grp, total, n, date_part('epoch', p[1]) AS p50, date_part('epoch', p[2]) AS p90 FROM (
        SELECT grp, GROUPING(grp) = 1 AS total, count(*)::int AS n,
          percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY v) AS p
        FROM (SELECT ${d.grp} AS grp, ${value} AS v ${from}) x
        GROUP BY GROUPING SETS ((grp), ())
      ) s`;

/**
 * The statements of one statistics report; they are independent, so the service runs
 * them side by side. Parameters: $1 country, $2 from, $3 to, then each statement's own.
 */
export function statsStatements(input: StatsInput): StatsStatement[] {
  const base = [input.country, input.from, input.to];
  const ago = (days: number) => new Date(input.now.getTime() - days * DAY_MS);
  const g = input.groupBy;
  return [
    {
      // Counts by state and the open backlog's age buckets (whole days: 0-30 while younger than 31 days…).
      name: 'counts',
      sql: perDirection(
        g,
        (d) => `
      SELECT '${d.name}' AS direction, ${d.grp} AS grp, r.state,
        CASE WHEN r.state IN ${TERMINAL_STATES_SQL} THEN NULL
             WHEN ${d.ageFrom} > $4 THEN 0 WHEN ${d.ageFrom} > $5 THEN 1 WHEN ${d.ageFrom} > $6 THEN 2 ELSE 3 END AS age_bucket,
        count(*)::int AS n
      FROM requests r
      WHERE ${d.where}
      GROUP BY 2, 3, 4`,
      ),
      params: [...base, ago(31), ago(91), ago(181)],
    },
    {
      // Time to acknowledge: sent_at → acknowledged_at.
      name: 'acknowledgement',
      sql: perDirection(g, (d) =>
        percentiles(d, 'r.acknowledged_at - r.sent_at', `FROM requests r WHERE ${d.where} AND r.acknowledged_at IS NOT NULL AND r.sent_at IS NOT NULL`),
      ),
      params: base,
    },
    {
      // On-time shares: the deadlines that ended MET or are past due unmet (OVERDUE, or
      // PENDING before now), by kind; a direction's total is the sum of its groups.
      name: 'onTime',
      sql: perDirection(
        g,
        (d) => `
      SELECT '${d.name}' AS direction, ${d.grp} AS grp, d.kind, count(*)::int AS ended,
        count(*) FILTER (WHERE d.status = 'MET' AND d.met_at <= d.due_at)::int AS on_time
      FROM requests r
      JOIN deadlines d ON d.request_id = r.id
      WHERE ${d.where} AND d.status IN ('MET','OVERDUE','PENDING') AND (d.status <> 'PENDING' OR d.due_at < $4)
      GROUP BY 2, 3`,
      ),
      params: [...base, input.now],
    },
    {
      // Time to execute: sent_at → the EXECUTION deadline met (the final evidence delivery).
      name: 'execution',
      sql: perDirection(g, (d) =>
        percentiles(
          d,
          'd.met_at - r.sent_at',
          `FROM requests r JOIN deadlines d ON d.request_id = r.id AND d.kind = 'EXECUTION' AND d.status = 'MET' WHERE ${d.where}`,
        ),
      ),
      params: base,
    },
    {
      // Dead webhook deliveries of these requests' notifications: few rows, so it starts
      // from them (webhook_deliveries_dead_idx) and looks each request up.
      name: 'deadDeliveries',
      sql: `
    SELECT CASE WHEN r.requesting_country = $1 THEN 'outgoing' ELSE 'incoming' END AS direction,
      (CASE WHEN r.requesting_country = $1 THEN ${directions(g)[0]!.grp} ELSE ${directions(g)[1]!.grp} END) AS grp,
      count(*)::int AS n
    FROM webhook_deliveries w
    JOIN outbox o ON o.id = w.outbox_id
    JOIN requests r ON r.id = o.request_id
    WHERE w.status = 'DEAD' AND ${WINDOW}
      AND (r.requesting_country = $1 OR (r.requested_country = $1 AND r.sent_at IS NOT NULL))
    GROUP BY 1, 2`,
      params: base,
    },
  ];
}
