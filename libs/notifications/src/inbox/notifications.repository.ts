import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KeysetCursor, SqlParams } from '@mla/core';

export interface InboxCopy {
  outboxId: string;
  type: string;
  requestId: string | null;
  authorityId: string;
  userId: string | null;
  language: string;
  title: string;
  body: string;
  payload: unknown;
  occurredAt: Date;
}

export interface NotificationRow {
  id: string;
  type: string;
  requestId: string | null;
  language: string;
  title: string;
  body: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  createdAt: Date;
  readAt: Date | null;
  recipientUserId: string | null;
}

const COLUMNS = `id, type, request_id AS "requestId", language, title, body, payload, occurred_at AS "occurredAt",
  created_at AS "createdAt", read_at AS "readAt", recipient_user_id AS "recipientUserId"`;

/** The inbox: a notification is visible to its authority's users, or to the one user it names. */
const VISIBLE = `recipient_authority_id = $1 AND (recipient_user_id IS NULL OR recipient_user_id = $2)`;

@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The inbox copy of an outbox row; a second one for the same row does nothing. */
  insertStatement(n: InboxCopy, now: Date, p: SqlParams): string {
    const values = [n.outboxId, n.type, n.requestId, n.authorityId, n.userId, n.language, n.title, n.body, JSON.stringify(n.payload), n.occurredAt, now];
    return `INSERT INTO notifications (outbox_id, type, request_id, recipient_authority_id, recipient_user_id, language, title, body, payload, occurred_at, created_at)
       VALUES (${values.map((v) => p.add(v)).join(', ')}) ON CONFLICT (outbox_id) DO NOTHING`;
  }

  page(authorityId: string, userId: string, unread: boolean, after: KeysetCursor | null, limit: number): Promise<NotificationRow[]> {
    const params: unknown[] = [authorityId, userId];
    const where = [VISIBLE];
    if (unread) where.push('read_at IS NULL');
    if (after) {
      params.push(after.createdAt, after.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifications WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** Marks read (the first read time stays); null when the caller may not see it. */
  async markRead(authorityId: string, userId: string, id: string, now: Date): Promise<NotificationRow | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, $4), read_by = COALESCE(read_by, $2)
       WHERE id = $3 AND ${VISIBLE} RETURNING ${COLUMNS}`,
      [authorityId, userId, id, now],
    )) as [NotificationRow[], number];
    return rows[0] ?? null;
  }
}
