import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KeysetCursor } from '@mla/core';

/** What of a confidential request was read (`action`: the answer to an action, an edit, an extension or a reassignment, which carries the content; `peer_files`, `peer_file`: the files that crossed between nodes). */
export const ACCESS_KINDS = ['request', 'events', 'events_verify', 'evidence', 'evidence_file', 'attachments', 'attachment_file', 'letter', 'access_log', 'action', 'chaser', 'peer_files', 'peer_file'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

export interface AccessEntry {
  requestId: string;
  userId: string;
  role: string;
  authorityId: string | null;
  country: string | null;
  what: AccessKind;
  detail: Record<string, unknown>;
  at: Date;
}

export interface AccessRow extends AccessEntry {
  id: string;
  createdAt: Date;
  email: string;
  authorityCode: string | null;
}

/** The SQL of the access log of confidential requests (append-only: the database refuses changes). */
@Injectable()
export class AccessLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(e: AccessEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO access_log (request_id, user_id, role, authority_id, country, what, detail, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.requestId, e.userId, e.role, e.authorityId, e.country, e.what, JSON.stringify(e.detail), e.at],
    );
  }

  /** A page of a request's reads, newest first; `country`: only the reads of that country's users. */
  page(requestId: string, country: string | null, after: KeysetCursor | null, limit: number): Promise<AccessRow[]> {
    const params: unknown[] = [requestId];
    const where = ['l.request_id = $1'];
    if (country) where.push(`l.country = $${params.push(country)}`);
    if (after) where.push(`(l.at, l.id) < ($${params.push(after.createdAt)}::timestamptz, $${params.push(after.id)}::uuid)`);
    return this.dataSource.query(
      `SELECT l.id, l.request_id AS "requestId", l.user_id AS "userId", u.email, l.role, l.authority_id AS "authorityId",
              a.code AS "authorityCode", l.country, l.what, l.detail, l.at, l.at AS "createdAt"
       FROM access_log l JOIN users u ON u.id = l.user_id LEFT JOIN authorities a ON a.id = l.authority_id
       WHERE ${where.join(' AND ')} ORDER BY l.at DESC, l.id DESC LIMIT $${params.push(limit)}`,
      params,
    );
  }
}
