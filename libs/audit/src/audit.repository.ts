import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { combineStatements, KeysetCursor, SqlParams } from '@mla/core';
import { OutboxMessage, OutboxWriter } from '@mla/outbox';
import type { AuditAction, AuditEntry, AuditRow, AuditTargetType } from './audit.row';

const COLUMNS = `id, created_at AS "createdAt", actor_user_id AS "actorUserId", actor_email AS "actorEmail", action,
  target_type AS "targetType", target_id AS "targetId", changes, before, after, countries`;

export interface AuditFilter {
  /** Only the rows touching this country (a supervisor's); undefined: every row (an admin). */
  country?: string;
  action?: AuditAction;
  targetType?: AuditTargetType;
  targetId?: string;
}

/**
 * The admin audit (`admin_audit`, append-only: the database refuses UPDATE, DELETE and
 * TRUNCATE). A row is written in the transaction of the change it records, with the outbox
 * rows the change causes, in one statement.
 */
@Injectable()
export class AuditRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Writes the audit row and the outbox rows of its notifications in the caller's transaction. */
  async record(m: EntityManager, entry: AuditEntry, notifications: OutboxMessage[], at: Date): Promise<void> {
    const p = new SqlParams();
    const values = [
      entry.id,
      at,
      entry.actorUserId,
      entry.actorEmail,
      entry.action,
      entry.targetType,
      entry.targetId,
      entry.changes,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
      entry.countries,
    ].map((v) => p.add(v));
    const audit = `INSERT INTO admin_audit (id, created_at, actor_user_id, actor_email, action, target_type, target_id, changes, before, after, countries)
      VALUES (${values.join(', ')})`;
    await m.query(combineStatements([audit, this.outbox.insertStatement(notifications, at, p)]), p.values);
  }

  /** Keyset page, newest first. */
  page(filter: AuditFilter, after: KeysetCursor | null, limit: number): Promise<AuditRow[]> {
    const p = new SqlParams();
    const where: string[] = [];
    if (filter.country !== undefined) where.push(`countries @> ARRAY[${p.add(filter.country)}]::char(2)[]`);
    if (filter.action) where.push(`action = ${p.add(filter.action)}`);
    if (filter.targetType) where.push(`target_type = ${p.add(filter.targetType)}`);
    if (filter.targetId) where.push(`target_id = ${p.add(filter.targetId)}::uuid`);
    if (after) where.push(`(created_at, id) < (${p.add(after.createdAt)}::timestamptz, ${p.add(after.id)}::uuid)`);
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM admin_audit ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY created_at DESC, id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
  }
}
