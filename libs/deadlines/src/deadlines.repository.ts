import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { DeadlineKind, DeadlineStatus, Side } from '@mla/domain';

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
  scheduledFor: Date | null;
  metAt: Date | null;
}

export interface NewDeadline {
  kind: DeadlineKind;
  party: Side;
  startAt: Date;
  dueAt: Date;
  /** The time of its first event, for which a job is scheduled after commit. */
  scheduledFor: Date | null;
}

/** A deadline a change touched: its job at `oldScheduledFor` is obsolete. */
export interface ChangedDeadline {
  id: string;
  oldScheduledFor: Date | null;
  dueAt: Date;
  spanMs: string;
  escalationLevel: number;
  remindersSent: number;
  status: DeadlineStatus;
}

const COLUMNS = `id, request_id AS "requestId", kind, party, status, start_at AS "startAt", due_at AS "dueAt",
  span_ms AS "spanMs", remaining_ms AS "remainingMs", escalation_level AS "escalationLevel",
  reminders_sent AS "remindersSent", scheduled_for AS "scheduledFor", met_at AS "metAt"`;

const OPEN = `('PENDING','PAUSED','OVERDUE')`;

/** The SQL of the deadlines table (the truth the worker's jobs are woken for). */
@Injectable()
export class DeadlinesRepository {
  constructor(private readonly dataSource: DataSource) {}

  forRequest(m: EntityManager | null, requestId: string): Promise<DeadlineRow[]> {
    return (m ?? this.dataSource).query(`SELECT ${COLUMNS} FROM deadlines WHERE request_id = $1 ORDER BY start_at, kind`, [requestId]);
  }

  async insert(m: EntityManager, requestId: string, items: NewDeadline[], now: Date): Promise<string[]> {
    if (items.length === 0) return [];
    const params: unknown[] = [requestId, now];
    const values = items.map((d) => {
      params.push(d.kind, d.party, d.startAt, d.dueAt, d.dueAt.getTime() - d.startAt.getTime(), d.scheduledFor);
      const n = params.length;
      return `($1, $${n - 5}, $${n - 4}, 'PENDING', $${n - 3}, $${n - 2}, $${n - 1}, $${n}, $2, $2)`;
    });
    const rows = (await m.query(
      `INSERT INTO deadlines (request_id, kind, party, status, start_at, due_at, span_ms, scheduled_for, created_at, updated_at)
       VALUES ${values.join(', ')} RETURNING id`,
      params,
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * Updates the open deadlines of a request matching `where`, answering each one's values
   * after the change and the job time it had before (`scheduled_for` is cleared).
   */
  private async change(m: EntityManager, requestId: string, where: string, set: string, params: unknown[]): Promise<ChangedDeadline[]> {
    const [rows] = (await m.query(
      `UPDATE deadlines d SET ${set}, scheduled_for = NULL
       FROM (SELECT id, scheduled_for FROM deadlines WHERE request_id = $1 AND ${where} FOR UPDATE) o
       WHERE d.id = o.id
       RETURNING d.id, o.scheduled_for AS "oldScheduledFor", d.due_at AS "dueAt", d.span_ms AS "spanMs",
                 d.escalation_level AS "escalationLevel", d.reminders_sent AS "remindersSent", d.status`,
      [requestId, ...params],
    )) as [ChangedDeadline[], number];
    return rows;
  }

  meet(m: EntityManager, requestId: string, kinds: readonly DeadlineKind[], now: Date): Promise<ChangedDeadline[]> {
    if (kinds.length === 0) return Promise.resolve([]);
    return this.change(m, requestId, `kind = ANY($2) AND status IN ${OPEN}`, `status = 'MET', met_at = $3, remaining_ms = NULL, updated_at = $3`, [kinds, now]);
  }

  /** Stops the clock: keeps the time left (negative when already overdue). */
  pause(m: EntityManager, requestId: string, kinds: readonly DeadlineKind[], now: Date): Promise<ChangedDeadline[]> {
    if (kinds.length === 0) return Promise.resolve([]);
    return this.change(
      m,
      requestId,
      `kind = ANY($2) AND status IN ('PENDING','OVERDUE')`,
      `status = 'PAUSED', remaining_ms = (extract(epoch FROM (d.due_at - $3::timestamptz)) * 1000)::bigint, updated_at = $3`,
      [kinds, now],
    );
  }

  /** Restarts the clock with the time it had left. */
  resume(m: EntityManager, requestId: string, kinds: readonly DeadlineKind[], now: Date): Promise<ChangedDeadline[]> {
    if (kinds.length === 0) return Promise.resolve([]);
    return this.change(
      m,
      requestId,
      `kind = ANY($2) AND status = 'PAUSED'`,
      `due_at = $3::timestamptz + d.remaining_ms * interval '1 millisecond',
       status = CASE WHEN d.remaining_ms > 0 THEN 'PENDING' ELSE 'OVERDUE' END, remaining_ms = NULL, updated_at = $3`,
      [kinds, now],
    );
  }

  /** Moves a due time (an extension): a fresh span from now; reminders and escalation start over. */
  move(m: EntityManager, requestId: string, where: { kind?: DeadlineKind; id?: string }, dueAt: Date, now: Date): Promise<ChangedDeadline[]> {
    const filter = where.id ? `id = $2::uuid` : `kind = $2`;
    return this.change(
      m,
      requestId,
      `${filter} AND status IN ${OPEN}`,
      `due_at = $3, start_at = $4, span_ms = $5, status = 'PENDING', escalation_level = 0, reminders_sent = 0, updated_at = $4`,
      [where.id ?? where.kind, dueAt, now, dueAt.getTime() - now.getTime()],
    );
  }

  endAllOpen(m: EntityManager, requestId: string, now: Date): Promise<ChangedDeadline[]> {
    return this.change(m, requestId, `status IN ${OPEN}`, `status = 'CANCELLED', ended_at = $2, updated_at = $2`, [now]);
  }

  /**
   * Records the next job time of deadlines read earlier, outside any lock, but only where
   * the deadline is still as it was read (a job that fired meanwhile has moved it on);
   * answers the ids it recorded.
   */
  async setScheduledForIfUnchanged(
    m: EntityManager,
    items: { deadlineId: string; at: Date; read: { dueAt: Date; escalationLevel: number; remindersSent: number } }[],
  ): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const [rows] = (await m.query(
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

  /** Records the time of the job now scheduled for each deadline. */
  async setScheduledFor(m: EntityManager, items: { deadlineId: string; at: Date | null }[]): Promise<void> {
    if (items.length === 0) return;
    await m.query(
      `UPDATE deadlines d SET scheduled_for = v.at FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at) WHERE d.id = v.id`,
      [items.map((i) => i.deadlineId), items.map((i) => i.at)],
    );
  }
}
