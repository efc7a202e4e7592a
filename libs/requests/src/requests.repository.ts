import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { combineStatements, KeysetCursor, SqlParams } from '@mla/core';
import { DeadlineRow, deadlinesFromJson, DeadlinesRepository } from '@mla/deadlines';
import type { Principal } from '@mla/identity';
import type { LockedRequest } from './domain/actions';
import { REQUEST_FIELDS, type RequestField, fieldsWhere } from './domain/request-fields';
import { JSON_COLUMNS, RequestChanges, RequestRow, WRITABLE_COLUMNS } from './request.row';
import { visibilitySql } from './domain/visibility';
import { searchCondition } from './domain/confidential-listing';
import type { ListRequestsQueryDto } from './dto/list-requests-query.dto';

/** How a field is read: a date as YYYY-MM-DD, the others as stored. */
function selected(name: string, f: RequestField): string {
  const column = `r.${f.column}`;
  if (f.type === 'date') return `to_char(${column}, 'YYYY-MM-DD') AS "${name}"`;
  return f.column === name ? column : `${column} AS "${name}"`;
}

/** The select list of a request row (REQUEST_FIELDS) with its two authorities' code, name and zone. */
export const REQUEST_COLUMNS = [
  ...Object.entries(REQUEST_FIELDS).filter(([, f]) => f.selected).map(([name, f]) => selected(name, f)),
  ...(['requesting', 'requested'] as const).flatMap((side) => {
    const alias = side === 'requesting' ? 'ra' : 'rb';
    return [`${alias}.code AS "${side}AuthorityCode"`, `${alias}.name AS "${side}AuthorityName"`, `${alias}.timezone AS "${side}AuthorityTimezone"`, `${alias}.reach AS "${side}AuthorityReach"`];
  }),
].join(', ');

/** The columns a new request's insert writes (REQUEST_FIELDS), and their values from the new row. */
function insertedColumns(row: RequestRow): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of fieldsWhere('inserted')) {
    const value = (row as unknown as Record<string, unknown>)[name];
    values[REQUEST_FIELDS[name].column] = JSON_COLUMNS.has(name) && value !== null ? JSON.stringify(value) : value;
  }
  return values;
}

const FROM = `FROM requests r
  JOIN authorities ra ON ra.id = r.requesting_authority_id
  JOIN authorities rb ON rb.id = r.requested_authority_id`;

/** A listed request's earliest open deadline (what a list shows beside it), one indexed look-up per row of the page. */
const NEXT_DEADLINE = `(SELECT json_build_object('kind', d.kind, 'party', d.party, 'dueAt', d.due_at, 'status', d.status, 'escalationLevel', d.escalation_level)
    FROM deadlines d WHERE d.request_id = r.id AND d.status IN ('PENDING', 'OVERDUE') ORDER BY d.due_at LIMIT 1) AS "nextDeadline"`;

/** The SQL of requests: reads with their authorities, keyset pages, and column-wise updates. */
@Injectable()
export class RequestsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: DeadlinesRepository,
  ) {}

  /**
   * The request row locked for a change (actions serialise on it, so exactly one of two
   * conflicting ones wins), read with its deadlines and the requesting country's officer
   * authorities, in one round trip on the caller's transaction.
   *
   * A statement that waited for the lock sees the request row as the other transaction left
   * it, but its subqueries (the deadlines) still see the snapshot taken before the wait
   * (PostgreSQL, READ COMMITTED). Every command that changes deadlines also writes the
   * request row, so a changed row version (`xmin`) tells that the deadlines were read
   * stale: they are then read again, fresh, under the lock already held.
   */
  async lock(m: EntityManager, id: string): Promise<LockedRequest | null> {
    const rows = (await m.query(
      `SELECT ${REQUEST_COLUMNS}, ${this.deadlines.deadlinesJsonOf('r.id')} AS "deadlinesJson",
         (SELECT coalesce(json_agg(a.id ORDER BY a.code), '[]') FROM authorities a
          WHERE a.country = r.requesting_country AND a.kind IN ('CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7')) AS "homeOfficerAuthorityIds",
         r.xmin::text AS "lockedVersion", (SELECT s.xmin::text FROM requests s WHERE s.id = r.id) AS "snapshotVersion"
       ${FROM} WHERE r.id = $1 AND r.deleted_at IS NULL FOR UPDATE OF r`,
      [id],
    )) as (RequestRow & { deadlinesJson: never; homeOfficerAuthorityIds: string[]; lockedVersion: string; snapshotVersion: string | null })[];
    const found = rows[0];
    if (!found) return null;
    const { deadlinesJson, homeOfficerAuthorityIds, lockedVersion, snapshotVersion, ...row } = found;
    const deadlines = lockedVersion === snapshotVersion ? deadlinesFromJson(deadlinesJson) : await this.deadlines.forRequest(m, id);
    return { row, deadlines, homeOfficerAuthorityIds };
  }

  /** Runs a change's statements (of several repositories) as one round trip, atomically. */
  async writeAll(m: EntityManager, statements: string[], p: SqlParams): Promise<void> {
    if (statements.length > 0) await m.query(combineStatements(statements), p.values);
  }

  /** `UPDATE requests …` that changes no value but the row version: a change of deadlines alone is seen by the next lock (see lock()). */
  touchStatement(id: string, p: SqlParams): string {
    return `UPDATE requests SET version = version WHERE id = ${p.add(id)}`;
  }

  /** The request with its deadlines, for a read (one round trip, no lock). */
  async findWithDeadlines(id: string): Promise<{ row: RequestRow; deadlines: DeadlineRow[] } | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${REQUEST_COLUMNS}, ${this.deadlines.deadlinesJsonOf('r.id')} AS "deadlinesJson" ${FROM} WHERE r.id = $1 AND r.deleted_at IS NULL`,
      [id],
    )) as (RequestRow & { deadlinesJson: never })[];
    const found = rows[0];
    if (!found) return null;
    const { deadlinesJson, ...row } = found;
    return { row, deadlines: deadlinesFromJson(deadlinesJson) };
  }

  /**
   * Inserts a new draft with the statements of its first event (`RequestHistory.start`) and
   * whatever `alsoWrite` adds, in one statement (atomic on its own): the reference,
   * `{country}-{year}-{6 digits}`, comes from the country's sequence for the year, never
   * reused (`referenceSql` names it inside the statement). A request received from a peer node
   * keeps the reference its requesting node gave it (`given`), unless a request here has it
   * already (one registered on paper before the nodes were peered): then it gets one of this
   * node's. Answers the reference.
   */
  async insert(row: RequestRow, year: number, alsoWrite: (p: SqlParams, referenceSql: string) => string[], also: RequestChanges = {}, m?: EntityManager, given: string | null = null): Promise<string> {
    const p = new SqlParams();
    const [country, y, kept] = [p.add(row.requestingCountry), p.add(year), p.add(given)];
    const columns = insertedColumns(row);
    // A request that starts beyond a draft (received on paper, DESIGN §14) sets some of its state columns at once.
    for (const [key, value] of Object.entries(also)) {
      const column = WRITABLE_COLUMNS[key as keyof typeof WRITABLE_COLUMNS];
      if (column && value !== undefined) columns[column] = JSON_COLUMNS.has(key) && value !== null ? JSON.stringify(value) : value;
    }
    const names = Object.keys(columns);
    const values = Object.values(columns).map((v) => p.add(v));
    const rows = (await (m ?? this.dataSource).query(
      `WITH seq AS (
         INSERT INTO reference_sequences (country, year, last_value) VALUES (${country}::char(2), ${y}::int, 1)
         ON CONFLICT (country, year) DO UPDATE SET last_value = reference_sequences.last_value + 1 RETURNING last_value),
       req AS (
         INSERT INTO requests (reference, ${names.join(', ')})
         VALUES ((SELECT CASE WHEN ${kept}::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM requests WHERE reference = ${kept}::text) THEN ${kept}::text
                   ELSE ${country}::char(2)::text || '-' || ${y}::int::text || '-' || lpad(last_value::text, 6, '0') END FROM seq), ${values.join(', ')})
         RETURNING reference)
       ${alsoWrite(p, '(SELECT reference FROM req)').map((st, i) => `, also${i} AS (${st})`).join('\n')}
       SELECT reference FROM req`,
      p.values,
    )) as { reference: string }[];
    return (rows[0] as { reference: string }).reference;
  }

  /** The request with its authorities (no lock). */
  async findRow(m: EntityManager | null, id: string): Promise<RequestRow | null> {
    return this.findRowWith(m, id, [], []);
  }

  /**
   * The request with its authorities and more columns, in the same round trip (no lock):
   * `columns`, SQL expressions over the row `r` (subqueries, each with its alias); their
   * parameters `params` are $2, $3, … ($1 is the request's id).
   */
  async findRowWith(m: EntityManager | null, id: string, columns: string[], params: unknown[]): Promise<(RequestRow & Record<string, unknown>) | null> {
    const rows = (await (m ?? this.dataSource).query(
      `SELECT ${[REQUEST_COLUMNS, ...columns].join(', ')} ${FROM} WHERE r.id = $1 AND r.deleted_at IS NULL`,
      [id, ...params],
    )) as (RequestRow & Record<string, unknown>)[];
    return rows[0] ?? null;
  }

  /** `UPDATE requests SET …` of the given changes, its parameters added to `p`. */
  updateStatement(id: string, changes: RequestChanges, p: SqlParams): string {
    const sets: string[] = [];
    for (const [key, value] of Object.entries(changes)) {
      const column = WRITABLE_COLUMNS[key as keyof typeof WRITABLE_COLUMNS];
      if (!column || value === undefined) continue;
      sets.push(`${column} = ${p.add(JSON_COLUMNS.has(key) && value !== null ? JSON.stringify(value) : value)}`);
    }
    if (sets.length === 0) throw new Error('updateStatement called without a change');
    return `UPDATE requests SET ${sets.join(', ')} WHERE id = ${p.add(id)}`;
  }

  /** One keyset page of the requests the caller may see, newest first. */
  async page(p: Principal, q: ListRequestsQueryDto, after: KeysetCursor | null, limit: number, now: Date): Promise<RequestRow[]> {
    const visible = visibilitySql(p, 1);
    const where = ['r.deleted_at IS NULL', visible.sql];
    const params = [...visible.params];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.state?.length) add((n) => `r.state = ANY(${n})`, q.state);
    if (q.type) add((n) => `r.type = ${n}`, q.type);
    if (q.priority) add((n) => `r.priority = ${n}`, q.priority);
    if (q.direction === 'incoming') add((n) => `r.requested_country = ${n}`, p.country);
    if (q.direction === 'outgoing') add((n) => `r.requesting_country = ${n}`, p.country);
    if (q.counterpartCountry) {
      params.push(p.country, q.counterpartCountry);
      const mine = `$${params.length - 1}`;
      const other = `$${params.length}`;
      where.push(`((r.requesting_country = ${mine} AND r.requested_country = ${other}) OR (r.requested_country = ${mine} AND r.requesting_country = ${other}))`);
    }
    if (q.overdue !== undefined) {
      add(
        (n) => `${q.overdue ? '' : 'NOT '}EXISTS (SELECT 1 FROM deadlines d WHERE d.request_id = r.id
          AND (d.status = 'OVERDUE' OR (d.status = 'PENDING' AND d.due_at < ${n})))`,
        now,
      );
    }
    if (q.q) add(searchCondition, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (after) {
      params.push(after.createdAt, after.id);
      where.push(`(r.created_at, r.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    return (await this.dataSource.query(
      `SELECT ${REQUEST_COLUMNS}, ${NEXT_DEADLINE} ${FROM} WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`,
      params,
    )) as RequestRow[];
  }

  /**
   * One keyset page of "To chase" (DESIGN §14): the requests the caller may see whose chase
   * interval has run out by `now`, the longest run out first (`requests_chase_due_idx`).
   */
  async toChasePage(p: Principal, after: KeysetCursor | null, limit: number, now: Date): Promise<RequestRow[]> {
    const visible = visibilitySql(p, 1);
    const params: unknown[] = [...visible.params, now];
    const where = ['r.deleted_at IS NULL', 'r.chase_due_at IS NOT NULL', `r.chase_due_at <= $${params.length}`, visible.sql];
    if (after) {
      params.push(after.createdAt, after.id);
      where.push(`(r.chase_due_at, r.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    return (await this.dataSource.query(
      `SELECT ${REQUEST_COLUMNS} ${FROM} WHERE ${where.join(' AND ')} ORDER BY r.chase_due_at, r.id LIMIT $${params.length}`,
      params,
    )) as RequestRow[];
  }

  /** Whether some request (not deleted) names `id` as the preservation request it continues. */
  async findFollowUp(m: EntityManager, followUpId: string, preservationId: string): Promise<{ id: string; state: string } | null> {
    const rows = (await m.query(
      `SELECT id, state FROM requests WHERE id = $1 AND related_request_id = $2 AND deleted_at IS NULL`,
      [followUpId, preservationId],
    )) as { id: string; state: string }[];
    return rows[0] ?? null;
  }
}
