import { SqlParams } from '@mla/core';
import { COUNTRY_VISIBILITY_SQL } from '@mla/requests';

export const TERMINAL_STATES_SQL = `('CLOSED','REFUSED','WITHDRAWN','EXPIRED')`;

export interface OverdueFilter {
  /** The supervisor's country. */
  country: string;
  /** The clock's now: a PENDING deadline past it is unmet past due. */
  now: Date;
  counterpartCountry?: string;
  kind?: string;
  level?: number;
  priority?: string;
  /** Keyset: the last item of the previous page (its exact due time, as PostgreSQL prints it). */
  after: { dueKey: string; id: string } | null;
  limit: number;
}

export interface OverdueRow {
  id: string;
  kind: string;
  party: 'REQUESTING' | 'REQUESTED';
  status: string;
  dueAt: Date;
  dueKey: string;
  level: number;
  requestId: string;
  reference: string;
  title: string | null;
  type: string;
  priority: string;
  state: string;
  requestingCountry: string;
  requestedCountry: string;
  holderId: string;
  holderCode: string;
  holderCountry: string;
  assigneeId: string | null;
  assigneeName: string | null;
}

/**
 * The overdue queue (DESIGN §8): unmet deadlines past due (OVERDUE, or PENDING with due_at
 * before now) of the non-terminal requests of a country, on either side (the requested
 * side once sent), most overdue first. It walks deadlines_overdue_queue_idx in (due_at, id)
 * order and stops at the page's end; the level is at least 1 once past due (the worker may
 * not have marked a deadline that has just passed). A confidential request's title is not
 * shown (null): the queue is no read of its content, and logs none (issue 22, item 4).
 */
export function overdueQuery(f: OverdueFilter): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const country = p.add(f.country);
  const now = p.add(f.now);
  const where = [
    `d.status IN ('PENDING','OVERDUE')`,
    `(d.status = 'OVERDUE' OR d.due_at < ${now})`,
    `r.deleted_at IS NULL`,
    `r.state NOT IN ${TERMINAL_STATES_SQL}`,
    COUNTRY_VISIBILITY_SQL.either(country),
  ];
  if (f.after) where.push(`(d.due_at, d.id) > (${p.add(f.after.dueKey)}::timestamptz, ${p.add(f.after.id)}::uuid)`);
  if (f.kind) where.push(`d.kind = ${p.add(f.kind)}`);
  if (f.level !== undefined) where.push(`greatest(d.escalation_level, 1) = ${p.add(f.level)}`);
  if (f.priority) where.push(`r.priority = ${p.add(f.priority)}`);
  if (f.counterpartCountry) {
    where.push(`(CASE WHEN r.requesting_country = ${country} THEN r.requested_country ELSE r.requesting_country END) = ${p.add(f.counterpartCountry)}`);
  }
  const sql = `
    SELECT d.id, d.kind, d.party, d.status, d.due_at AS "dueAt",
      to_char(d.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "dueKey",
      greatest(d.escalation_level, 1)::int AS level,
      r.id AS "requestId", r.reference, CASE WHEN r.confidential THEN NULL ELSE r.title END AS title, r.type, r.priority, r.state,
      r.requesting_country AS "requestingCountry", r.requested_country AS "requestedCountry",
      h.id AS "holderId", h.code AS "holderCode", h.country AS "holderCountry",
      u.id AS "assigneeId", u.display_name AS "assigneeName"
    FROM deadlines d
    JOIN requests r ON r.id = d.request_id
    JOIN authorities h ON h.id = CASE WHEN d.party = 'REQUESTING' THEN r.requesting_authority_id ELSE r.requested_authority_id END
    LEFT JOIN users u ON u.id = r.assignee_id AND r.requested_country = ${country}
    WHERE ${where.join('\n      AND ')}
    ORDER BY d.due_at, d.id
    LIMIT ${p.add(f.limit)}`;
  return { sql, params: p.values };
}
