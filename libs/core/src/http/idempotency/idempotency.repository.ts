import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlParams } from '../../database/sql-params';

export interface IdempotencyRecord {
  method: string;
  path: string;
  bodyHash: string;
  statusCode: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  createdAt: Date;
}

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Claims the key; false when it was already claimed. */
  async claim(userId: string, key: string, method: string, path: string, bodyHash: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, method, path, body_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
      [userId, key, method, path, bodyHash, now],
    );
    return rows.length === 1;
  }

  /** Takes over a claim abandoned by a crashed process (still pending since `before`). */
  async reclaim(userId: string, key: string, before: Date, now: Date): Promise<boolean> {
    // TypeORM answers an UPDATE on PostgreSQL with [rows, affected count].
    const [, affected] = (await this.dataSource.query(
      `UPDATE idempotency_keys SET created_at = $4 WHERE user_id = $1 AND key = $2 AND completed_at IS NULL AND created_at < $3`,
      [userId, key, before, now],
    )) as [unknown[], number];
    return affected > 0;
  }

  async find(userId: string, key: string): Promise<IdempotencyRecord | null> {
    const rows = (await this.dataSource.query(
      `SELECT method, path, body_hash AS "bodyHash", status_code AS "statusCode", response_headers AS "responseHeaders",
              response_body AS "responseBody", created_at AS "createdAt"
       FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    )) as IdempotencyRecord[];
    return rows[0] ?? null;
  }

  async complete(userId: string, key: string, statusCode: number, headers: Record<string, string>, body: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status_code = $3, response_headers = $4, response_body = $5, completed_at = $6 WHERE user_id = $1 AND key = $2`,
      [userId, key, statusCode, JSON.stringify(headers), body, now],
    );
  }

  /**
   * `UPDATE idempotency_keys …` completing a claimed key with its answer, its parameters added
   * to `p`: run in the statement of the action it protects, so the answer commits with it.
   * `bodySql`: an SQL expression of the body (default: the body given, as a parameter).
   */
  completeStatement(userId: string, key: string, statusCode: number, headers: Record<string, string>, body: string, now: Date, p: SqlParams, bodySql?: (bodyParam: string) => string): string {
    const bodyParam = p.add(body);
    return `UPDATE idempotency_keys SET status_code = ${p.add(statusCode)}, response_headers = ${p.add(JSON.stringify(headers))},
        response_body = ${bodySql ? bodySql(bodyParam) : bodyParam}, completed_at = ${p.add(now)}
      WHERE user_id = ${p.add(userId)} AND key = ${p.add(key)}`;
  }

  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND completed_at IS NULL`, [userId, key]);
  }
}
