import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetCursor, SqlParams } from '@mla/core';
import type { Principal } from '@mla/identity';
import { JSON_COLUMNS, RequestChanges, RequestRow, WRITABLE_COLUMNS } from './request.row';
import { visibilitySql } from './visibility';
import type { ListRequestsQueryDto } from './dto/list-requests-query.dto';

export const REQUEST_COLUMNS = `
  r.id, r.reference, r.version, r.state, r.type, r.priority, r.channel,
  r.legal_basis AS "legalBasis", r.treaty_name AS "treatyName",
  r.requesting_authority_id AS "requestingAuthorityId", r.requested_authority_id AS "requestedAuthorityId",
  r.requesting_country AS "requestingCountry", r.requested_country AS "requestedCountry",
  r.created_by AS "createdBy", r.sending_authority_id AS "sendingAuthorityId", r.assignee_id AS "assigneeId",
  r.title, r.offence, r.facts, r.measures, r.identifiers,
  r.related_request_id AS "relatedRequestId", to_char(r.needed_by, 'YYYY-MM-DD') AS "neededBy", r.confidential,
  r.resume_state AS "resumeState", r.preserved_until AS "preservedUntil",
  r.preservation_extensions AS "preservationExtensions", r.executing_body AS "executingBody",
  r.delay_estimate AS "delayEstimate", r.outcome, r.refusal, r.delivery_count AS "deliveryCount",
  r.event_seq AS "eventSeq", r.last_event_hash AS "lastEventHash",
  r.submitted_at AS "submittedAt", r.sent_at AS "sentAt", r.acknowledged_at AS "acknowledgedAt",
  r.closed_at AS "closedAt", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  ra.code AS "requestingAuthorityCode", ra.name AS "requestingAuthorityName", ra.timezone AS "requestingAuthorityTimezone",
  rb.code AS "requestedAuthorityCode", rb.name AS "requestedAuthorityName", rb.timezone AS "requestedAuthorityTimezone"`;

const FROM = `FROM requests r
  JOIN authorities ra ON ra.id = r.requesting_authority_id
  JOIN authorities rb ON rb.id = r.requested_authority_id`;

export interface NewRequestRow {
  id: string;
  reference: string;
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
  eventSeq: number;
  lastEventHash: string;
  now: Date;
}

/** The SQL of requests: reads with their authorities, keyset pages, and column-wise updates. */
@Injectable()
export class RequestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Next reference of a country and year, e.g. VN-2026-000042; never reused. */
  async nextReference(m: EntityManager, country: string, year: number): Promise<string> {
    const [row] = (await m.query(
      `INSERT INTO reference_sequences (country, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (country, year) DO UPDATE SET last_value = reference_sequences.last_value + 1
       RETURNING last_value`,
      [country, year],
    )) as { last_value: number }[];
    return `${country}-${year}-${String(row?.last_value).padStart(6, '0')}`;
  }

  async insert(m: EntityManager, n: NewRequestRow): Promise<void> {
    await m.query(
      `INSERT INTO requests (id, event_seq, last_event_hash, reference, state, type, priority, channel, legal_basis, treaty_name,
         requesting_authority_id, requested_authority_id, requesting_country, requested_country, created_by,
         title, offence, facts, measures, identifiers, related_request_id, needed_by, confidential, created_at, updated_at)
       VALUES ($22,$23,$24,$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$21)`,
      [
        n.reference, n.state, n.type, n.priority, n.channel, n.legalBasis, n.treatyName,
        n.requestingAuthorityId, n.requestedAuthorityId, n.requestingCountry, n.requestedCountry, n.createdBy,
        n.title, n.offence === null ? null : JSON.stringify(n.offence), n.facts, JSON.stringify(n.measures),
        JSON.stringify(n.identifiers), n.relatedRequestId, n.neededBy, n.confidential, n.now,
        n.id, n.eventSeq, n.lastEventHash,
      ],
    );
  }

  /** The request with its authorities; `lock` takes the row lock that serialises actions on it. */
  async findRow(m: EntityManager | null, id: string, lock = false): Promise<RequestRow | null> {
    const rows = (await (m ?? this.dataSource).query(
      `SELECT ${REQUEST_COLUMNS} ${FROM} WHERE r.id = $1 AND r.deleted_at IS NULL${lock ? ' FOR UPDATE OF r' : ''}`,
      [id],
    )) as RequestRow[];
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
    if (q.q) add((n) => `(r.reference ILIKE ${n} OR r.title ILIKE ${n})`, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
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
