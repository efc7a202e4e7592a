import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { DeadlineKind, DeadlineStatus, Side } from '../../requests/src/domain/request.types';

export interface DeadlineRow {
  id: string;
  requestId: string;
  kind: DeadlineKind;
  party: Side;
  status: DeadlineStatus;
  startAt: Date;
  dueAt: Date;
  spanMs: string;
  remainingMs: string | null;
  escalationLevel: number;
  remindersSent: number;
  metAt: Date | null;
}

export interface NewDeadline {
  kind: DeadlineKind;
  party: Side;
  startAt: Date;
  dueAt: Date;
}

const COLUMNS = `id, request_id AS "requestId", kind, party, status, start_at AS "startAt", due_at AS "dueAt",
  span_ms AS "spanMs", remaining_ms AS "remainingMs", escalation_level AS "escalationLevel",
  reminders_sent AS "remindersSent", met_at AS "metAt"`;

const OPEN = `('PENDING','PAUSED','OVERDUE')`;

/** The SQL of the deadlines table (the truth the worker's jobs are woken for). */
@Injectable()
export class DeadlinesRepository {
  constructor(private readonly dataSource: DataSource) {}

  forRequest(m: EntityManager | null, requestId: string): Promise<DeadlineRow[]> {
    return (m ?? this.dataSource).query(`SELECT ${COLUMNS} FROM deadlines WHERE request_id = $1 ORDER BY start_at, kind`, [requestId]);
  }

  async insert(m: EntityManager, requestId: string, items: NewDeadline[], now: Date): Promise<void> {
    if (items.length === 0) return;
    const params: unknown[] = [requestId, now];
    const values = items.map((d) => {
      params.push(d.kind, d.party, d.startAt, d.dueAt, d.dueAt.getTime() - d.startAt.getTime());
      const n = params.length;
      return `($1, $${n - 4}, $${n - 3}, 'PENDING', $${n - 2}, $${n - 1}, $${n}, $2, $2)`;
    });
    await m.query(
      `INSERT INTO deadlines (request_id, kind, party, status, start_at, due_at, span_ms, created_at, updated_at) VALUES ${values.join(', ')}`,
      params,
    );
  }

  async meet(m: EntityManager, requestId: string, kinds: readonly DeadlineKind[], now: Date): Promise<void> {
    if (kinds.length === 0) return;
    await m.query(
      `UPDATE deadlines SET status = 'MET', met_at = $3, remaining_ms = NULL, updated_at = $3
       WHERE request_id = $1 AND kind = ANY($2) AND status IN ${OPEN}`,
      [requestId, kinds, now],
    );
  }

  /** Stops the clock: keeps the time left (negative when already overdue). */
  async pause(m: EntityManager, requestId: string, kinds: readonly DeadlineKind[], now: Date): Promise<void> {
    if (kinds.length === 0) return;
    await m.query(
      `UPDATE deadlines SET status = 'PAUSED', remaining_ms = (extract(epoch FROM (due_at - $3::timestamptz)) * 1000)::bigint, updated_at = $3
       WHERE request_id = $1 AND kind = ANY($2) AND status IN ('PENDING','OVERDUE')`,
      [requestId, kinds, now],
    );
  }

  /** Restarts the clock with the time it had left. */
  async resume(m: EntityManager, requestId: string, kinds: readonly DeadlineKind[], now: Date): Promise<void> {
    if (kinds.length === 0) return;
    await m.query(
      `UPDATE deadlines SET
         due_at = $3::timestamptz + remaining_ms * interval '1 millisecond',
         status = CASE WHEN remaining_ms > 0 THEN 'PENDING' ELSE 'OVERDUE' END,
         remaining_ms = NULL, updated_at = $3
       WHERE request_id = $1 AND kind = ANY($2) AND status = 'PAUSED'`,
      [requestId, kinds, now],
    );
  }

  /** Moves a due time (extension): a fresh span from now, reminders and escalation start over. */
  async move(m: EntityManager, requestId: string, kind: DeadlineKind, dueAt: Date, now: Date): Promise<void> {
    await m.query(
      `UPDATE deadlines SET due_at = $3, start_at = $4, span_ms = $5, status = 'PENDING', escalation_level = 0, reminders_sent = 0, updated_at = $4
       WHERE request_id = $1 AND kind = $2 AND status IN ${OPEN}`,
      [requestId, kind, dueAt, now, dueAt.getTime() - now.getTime()],
    );
  }

  async endAllOpen(m: EntityManager, requestId: string, now: Date): Promise<void> {
    await m.query(`UPDATE deadlines SET status = 'CANCELLED', ended_at = $2, updated_at = $2 WHERE request_id = $1 AND status IN ${OPEN}`, [
      requestId,
      now,
    ]);
  }
}
