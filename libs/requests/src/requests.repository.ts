import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { combineStatements, KeysetCursor, SqlParams } from '@mla/core';
import { DeadlineRow, deadlinesFromJson, DeadlinesRepository } from '@mla/deadlines';
import type { Principal } from '@mla/identity';
import type { LockedRequest } from './commands/command.types';
import type { StoredEvent } from './domain/event-hash';
import { EventsRepository } from './events/events.repository';
import { JSON_COLUMNS, RequestChanges, RequestRow, WRITABLE_COLUMNS } from './request.row';
import { visibilitySql } from './visibility';
import { searchCondition } from './access-log/listing';
import type { ListRequestsQueryDto } from './dto/list-requests-query.dto';

export const REQUEST_COLUMNS = `
  r.id, r.reference, r.version, r.state, r.type, r.priority, r.channel,
  r.legal_basis AS "legalBasis", r.treaty_name AS "treatyName",
  r.requesting_authority_id AS "requestingAuthorityId", r.requested_authority_id AS "requestedAuthorityId",
  r.requesting_country AS "requestingCountry", r.requested_country AS "requestedCountry",
  r.created_by AS "createdBy", r.sending_authority_id AS "sendingAuthorityId", r.assignee_id AS "assigneeId",
  r.title, r.offence, r.facts, r.measures, r.identifiers,
  r.related_request_id AS "relatedRequestId", to_char(r.needed_by, 'YYYY-MM-DD') AS "neededBy", r.confidential, r.language, r.details,
  r.resume_state AS "resumeState", r.preserved_until AS "preservedUntil",
  r.preservation_extensions AS "preservationExtensions", r.executing_body AS "executingBody",
  r.delay_estimate AS "delayEstimate", r.outcome, r.refusal, r.delivery_count AS "deliveryCount",
  r.event_seq AS "eventSeq", r.last_event_hash AS "lastEventHash",
  r.submitted_at AS "submittedAt", r.sent_at AS "sentAt", r.acknowledged_at AS "acknowledgedAt",
  r.executed_at AS "executedAt", r.deadline_outcomes AS "deadlineOutcomes",
  r.closed_at AS "closedAt", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  ra.code AS "requestingAuthorityCode", ra.name AS "requestingAuthorityName", ra.timezone AS "requestingAuthorityTimezone",
  rb.code AS "requestedAuthorityCode", rb.name AS "requestedAuthorityName", rb.timezone AS "requestedAuthorityTimezone"`;

const FROM = `FROM requests r
  JOIN authorities ra ON ra.id = r.requesting_authority_id
  JOIN authorities rb ON rb.id = r.requested_authority_id`;

export interface NewRequestRow {
  id: string;
  state: string;
  type: string;
  priority: string;
  channel: string;
  legalBasis: string;
  treatyName: string | null;
  requestingAuthorityId: string;
  requestedAuthorityId: string;
  requestingCountry: string;
  requestedCountry: string;
  createdBy: string;
  title: string | null;
  offence: unknown;
  facts: string | null;
  measures: string[];
  identifiers: unknown[];
  relatedRequestId: string | null;
  neededBy: string | null;
  confidential: boolean;
  language: string;
  details: Record<string, string>;
  eventSeq: number;
  lastEventHash: string;
  now: Date;
}

/** The SQL of requests: reads with their authorities, keyset pages, and column-wise updates. */
@Injectable()
export class RequestsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: DeadlinesRepository,
    private readonly events: EventsRepository,
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
   * Inserts a new draft and its first event in one statement (atomic on its own): the
   * reference, `{country}-{year}-{6 digits}`, comes from the country's sequence for the
   * year, never reused. Answers the reference.
   */
  async insertWithEvent(n: NewRequestRow, event: StoredEvent, year: number, alsoWrite?: (p: SqlParams, referenceSql: string) => string[]): Promise<string> {
    const p = new SqlParams();
    const [country, y] = [p.add(n.requestingCountry), p.add(year)];
    const columns = {
      id: n.id, event_seq: n.eventSeq, last_event_hash: n.lastEventHash, state: n.state, type: n.type, priority: n.priority,
      channel: n.channel, legal_basis: n.legalBasis, treaty_name: n.treatyName, requesting_authority_id: n.requestingAuthorityId,
      requested_authority_id: n.requestedAuthorityId, requesting_country: n.requestingCountry, requested_country: n.requestedCountry,
      created_by: n.createdBy, title: n.title, offence: n.offence === null ? null : JSON.stringify(n.offence), facts: n.facts,
      measures: JSON.stringify(n.measures), identifiers: JSON.stringify(n.identifiers), related_request_id: n.relatedRequestId,
      needed_by: n.neededBy, confidential: n.confidential, language: n.language,
      details: JSON.stringify(n.details), created_at: n.now, updated_at: n.now,
    };
    const names = Object.keys(columns);
    const values = Object.values(columns).map((v) => p.add(v));
    const rows = (await this.dataSource.query(
      `WITH seq AS (
         INSERT INTO reference_sequences (country, year, last_value) VALUES (${country}::char(2), ${y}::int, 1)
         ON CONFLICT (country, year) DO UPDATE SET last_value = reference_sequences.last_value + 1 RETURNING last_value),
       req AS (
         INSERT INTO requests (reference, ${names.join(', ')})
         VALUES ((SELECT ${country}::char(2)::text || '-' || ${y}::int::text || '-' || lpad(last_value::text, 6, '0') FROM seq), ${values.join(', ')})
         RETURNING reference),
       ev AS (${this.events.insertStatement(event, p)})
       ${(alsoWrite?.(p, '(SELECT reference FROM req)') ?? []).map((st, i) => `, also${i} AS (${st})`).join('\n')}
       SELECT reference FROM req`,
      p.values,
    )) as { reference: string }[];
    return (rows[0] as { reference: string }).reference;
  }

  /** The request with its authorities (no lock). */
  async findRow(m: EntityManager | null, id: string): Promise<RequestRow | null> {
    const rows = (await (m ?? this.dataSource).query(`SELECT ${REQUEST_COLUMNS} ${FROM} WHERE r.id = $1 AND r.deleted_at IS NULL`, [id])) as RequestRow[];
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
      `SELECT ${REQUEST_COLUMNS} ${FROM} WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`,
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
