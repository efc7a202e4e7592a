import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SqlParams } from '@mla/core';
import type { DeadlineRow } from './deadline.row';
import type { DeadlinePlan } from './planning/deadline-plan';
import type { DeadlineSubject } from './planning/deadline-subject';

const COLUMNS = `d.id, d.request_id AS "requestId", d.kind, d.party, d.status, d.start_at AS "startAt", d.due_at AS "dueAt",
  d.span_ms::float8 AS "spanMs", d.business_days AS "businessDays", d.remaining_ms::float8 AS "remainingMs", d.escalation_level AS "escalationLevel",
  d.reminders_sent AS "remindersSent", d.scheduled_for AS "scheduledFor", d.met_at AS "metAt", d.ended_at AS "endedAt"`;

/** Display order of a request's deadlines. */
const ORDER = `d.start_at, d.kind`;

interface DeadlineJson extends Omit<DeadlineRow, 'startAt' | 'dueAt' | 'scheduledFor' | 'metAt' | 'endedAt'> {
  startAt: string;
  dueAt: string;
  scheduledFor: string | null;
  metAt: string | null;
  endedAt: string | null;
}

const date = (s: string | null) => (s === null ? null : new Date(s));

/** A request's deadlines as read inside the request's own query (`deadlinesJsonOf`). */
export function deadlinesFromJson(json: DeadlineJson[] | null): DeadlineRow[] {
  return (json ?? []).map((d) => ({
    ...d,
    startAt: new Date(d.startAt),
    dueAt: new Date(d.dueAt),
    scheduledFor: date(d.scheduledFor),
    metAt: date(d.metAt),
    endedAt: date(d.endedAt),
  }));
}

/** What the reconciler reads of an open deadline (and of its request, for the policy). */
export interface SweepRow extends DeadlineSubject {
  deadlineId: string;
  dueAt: Date;
  spanMs: number;
  escalationLevel: number;
  remindersSent: number;
}

/** The SQL of the deadlines table. `m`: the caller's transaction (it holds the request's lock). */
@Injectable()
export class DeadlinesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A subquery answering the deadlines of the request `requestIdSql` as one JSON array (read with the request, no extra round trip). */
  deadlinesJsonOf(requestIdSql: string): string {
    return `(SELECT coalesce(json_agg(x ORDER BY x."startAt", x.kind), '[]') FROM (SELECT ${COLUMNS} FROM deadlines d WHERE d.request_id = ${requestIdSql}) x)`;
  }

  forRequest(m: EntityManager | null, requestId: string): Promise<DeadlineRow[]> {
    return (m ?? this.dataSource).query(`SELECT ${COLUMNS} FROM deadlines d WHERE d.request_id = $1 ORDER BY ${ORDER}`, [requestId]);
  }

  /** The request a deadline belongs to (null: no such deadline). */
  async requestIdOf(deadlineId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT request_id AS "requestId" FROM deadlines WHERE id = $1`, [deadlineId])) as { requestId: string }[];
    return rows[0]?.requestId ?? null;
  }

  /** The statements writing a plan (changed rows, new rows), parameters added to `p`; run in the action's own statement. */
  planStatements(plan: DeadlinePlan, now: Date, p: SqlParams): string[] {
    const statements: string[] = [];
    if (plan.updated.length > 0) {
      const u = plan.updated;
      statements.push(`UPDATE deadlines d SET status = v.status, start_at = v.start_at, due_at = v.due_at, span_ms = v.span_ms,
          business_days = v.business_days, remaining_ms = v.remaining_ms, escalation_level = v.escalation_level, reminders_sent = v.reminders_sent,
          scheduled_for = v.scheduled_for, met_at = v.met_at, ended_at = v.ended_at, updated_at = ${p.add(now)}
        FROM unnest(${p.add(u.map((d) => d.id))}::uuid[], ${p.add(u.map((d) => d.status))}::text[], ${p.add(u.map((d) => d.startAt))}::timestamptz[],
          ${p.add(u.map((d) => d.dueAt))}::timestamptz[], ${p.add(u.map((d) => Math.round(d.spanMs)))}::bigint[],
          ${p.add(u.map((d) => d.businessDays))}::smallint[], ${p.add(u.map((d) => (d.remainingMs === null ? null : Math.round(d.remainingMs))))}::bigint[], ${p.add(u.map((d) => d.escalationLevel))}::smallint[],
          ${p.add(u.map((d) => d.remindersSent))}::smallint[], ${p.add(u.map((d) => d.scheduledFor))}::timestamptz[],
          ${p.add(u.map((d) => d.metAt))}::timestamptz[], ${p.add(u.map((d) => d.endedAt))}::timestamptz[])
          AS v(id, status, start_at, due_at, span_ms, business_days, remaining_ms, escalation_level, reminders_sent, scheduled_for, met_at, ended_at)
        WHERE d.id = v.id`);
    }
    if (plan.inserted.length > 0) {
      const at = p.add(now);
      const values = plan.inserted.map(
        (d) =>
          `(${[d.id, d.requestId, d.kind, d.party, d.status, d.startAt, d.dueAt, Math.round(d.spanMs), d.businessDays, d.scheduledFor].map((v) => p.add(v)).join(', ')}, ${at}, ${at})`,
      );
      statements.push(
        `INSERT INTO deadlines (id, request_id, kind, party, status, start_at, due_at, span_ms, business_days, scheduled_for, created_at, updated_at) VALUES ${values.join(', ')}`,
      );
    }
    return statements;
  }

  /**
   * One batch of the open, running deadlines the reconciler looks at, in id order after
   * `after`: every one (full sweep), or those whose job should already have fired.
   */
  sweepBatch(mode: 'full' | 'due', after: string, limit: number, now: Date): Promise<SweepRow[]> {
    return this.dataSource.query(
      `SELECT d.id AS "deadlineId", d.due_at AS "dueAt", d.span_ms::float8 AS "spanMs", d.escalation_level AS "escalationLevel",
              d.reminders_sent AS "remindersSent", r.id, r.type, r.priority, r.legal_basis AS "legalBasis",
              r.requesting_country AS "requestingCountry", r.requested_country AS "requestedCountry",
              '' AS "requestingAuthorityTimezone", '' AS "requestedAuthorityTimezone"
       FROM deadlines d JOIN requests r ON r.id = d.request_id
       WHERE d.status IN ('PENDING','OVERDUE') AND d.escalation_level < 2 AND d.id > $1
         ${mode === 'due' ? 'AND (d.scheduled_for IS NULL OR d.scheduled_for <= $3)' : ''}
       ORDER BY d.id LIMIT $2`,
      mode === 'due' ? [after, limit, now] : [after, limit],
    );
  }

  /**
   * One batch of the requests (ids after `after`, in order) with a running deadline counted in
   * business days whose ball holder works in `country`: what a change of that country's working
   * calendar may move.
   */
  async requestsWithBusinessDayDeadlinesIn(country: string, after: string, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT d.request_id AS "requestId"
       FROM deadlines d JOIN requests r ON r.id = d.request_id
       WHERE d.status = 'PENDING' AND d.business_days IS NOT NULL AND d.request_id > $2
         AND (CASE d.party WHEN 'REQUESTING' THEN r.requesting_country ELSE r.requested_country END) = $1
       ORDER BY d.request_id LIMIT $3`,
      [country, after, limit],
    )) as { requestId: string }[];
    return rows.map((r) => r.requestId);
  }

  /**
   * Records the next job time of deadlines read earlier, outside any lock, but only where
   * the deadline is still as it was read (a job that fired meanwhile has moved it on);
   * answers the ids it recorded.
   */
  async setScheduledForIfUnchanged(
    items: { deadlineId: string; at: Date; read: { dueAt: Date; escalationLevel: number; remindersSent: number } }[],
  ): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const [rows] = (await this.dataSource.query(
      `UPDATE deadlines d SET scheduled_for = v.at
       FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::int[], $5::int[]) AS v(id, at, due_at, level, reminders)
       WHERE d.id = v.id AND d.due_at = v.due_at AND d.escalation_level = v.level AND d.reminders_sent = v.reminders
         AND d.status IN ('PENDING','OVERDUE')
       RETURNING d.id`,
      [
        items.map((i) => i.deadlineId),
        items.map((i) => i.at),
        items.map((i) => i.read.dueAt),
        items.map((i) => i.read.escalationLevel),
        items.map((i) => i.read.remindersSent),
      ],
    )) as [{ id: string }[], number];
    return new Set(rows.map((r) => r.id));
  }
}
