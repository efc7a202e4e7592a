/** The database reads behind /metrics (cached a few seconds by the service). */

/** Requests by state (deleted drafts left out). */
export const REQUESTS_BY_STATE_SQL = `SELECT state, count(*)::int AS n FROM requests WHERE deleted_at IS NULL GROUP BY state`;

/** Unmet deadlines past due by escalation level (at least 1 once past due); $1: now. */
export const OVERDUE_BY_LEVEL_SQL = `SELECT greatest(escalation_level, 1)::int AS level, count(*)::int AS n FROM deadlines
  WHERE status IN ('PENDING','OVERDUE') AND (status = 'OVERDUE' OR due_at < $1)
  GROUP BY 1`;
