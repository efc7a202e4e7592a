import { COUNTRY_VISIBILITY_SQL } from '@mla/requests';
import type { GroupBy } from '../dto/stats.dto';

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
      where: `${COUNTRY_VISIBILITY_SQL.outgoing('$1')} AND ${WINDOW}`,
      ageFrom: 'r.created_at',
    },
    {
      name: 'incoming',
      grp: column(groupBy === 'counterpart' ? 'r.requesting_country' : `r.${groupBy}`),
      where: `${COUNTRY_VISIBILITY_SQL.incoming('$1')} AND ${WINDOW}`,
      ageFrom: 'r.sent_at',
    },
  ];
}

const perDirection = (groupBy: GroupBy, branch: (d: Direction) => string) =>
  directions(groupBy)
    .map((d) => `(${branch(d)})`)
    .join('\n    UNION ALL\n    ');


/**
 * The statements of one statistics report (DESIGN §8) that read the requests themselves,
 * independent, run side by side (the counts, durations and deadline outcomes come from the
 * rollup: cells.sql.ts). Parameters: $1 country, $2 from, $3 to, then each statement's own.
 *
 * `pendingPastDue` adds the
 * deadlines still PENDING past their due time (the worker has not marked them yet: few).
 * `deadDeliveries` as before.
 */
export function statsStatements(input: StatsInput): StatsStatement[] {
  const base = [input.country, input.from, input.to];
  const g = input.groupBy;
  return [
    {
      // Few rows (deadlines_pending_due_idx), each request looked up by its key: the lateral
      // lookup (OFFSET 0: never flattened) keeps the planner from scanning the requests when
      // its estimate of the pending deadlines past due is stale (it often is: they age by the clock).
      name: 'pendingPastDue',
      sql: perDirection(
        g,
        (d) => `
      SELECT '${d.name}' AS direction, ${d.grp} AS grp, d.kind, count(*)::int AS n
      FROM deadlines d CROSS JOIN LATERAL (SELECT * FROM requests r WHERE r.id = d.request_id OFFSET 0) r
      WHERE d.status = 'PENDING' AND d.due_at < $4 AND ${d.where}
      GROUP BY 2, 3`,
      ),
      params: [...base, input.now],
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
      AND ${COUNTRY_VISIBILITY_SQL.either('$1')}
    GROUP BY 1, 2`,
      params: base,
    },
  ];
}
