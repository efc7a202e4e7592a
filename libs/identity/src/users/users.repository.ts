import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { KeysetCursor } from '@mla/core';
import type { NewUser, UserRow } from './user.row';

const COLUMNS = `u.id, u.email, u.display_name AS "displayName", u.role, u.authority_id AS "authorityId", u.active,
  u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;

/** The SQL of users. `m`: the caller's transaction, when it holds a lock. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string, m?: EntityManager): Promise<UserRow | null> {
    const rows = (await (m ?? this.dataSource).query(`SELECT ${COLUMNS} FROM users u WHERE u.id = $1`, [id])) as UserRow[];
    return rows[0] ?? null;
  }

  async findByEmailWithHash(email: string): Promise<(UserRow & { passwordHash: string }) | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS}, u.password_hash AS "passwordHash" FROM users u WHERE lower(u.email) = lower($1)`,
      [email],
    )) as (UserRow & { passwordHash: string })[];
    return rows[0] ?? null;
  }

  /** Keyset page ordered by creation, newest first. */
  page(filter: { authorityId?: string; role?: string }, after: KeysetCursor | null, limit: number): Promise<UserRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.authorityId) where.push(`u.authority_id = $${params.push(filter.authorityId)}`);
    if (filter.role) where.push(`u.role = $${params.push(filter.role)}`);
    if (after) where.push(`(u.created_at, u.id) < ($${params.push(after.createdAt)}::timestamptz, $${params.push(after.id)}::uuid)`);
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM users u ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY u.created_at DESC, u.id DESC LIMIT $${params.push(limit)}`,
      params,
    );
  }

  /** The active supervisors of these countries, with their authority (escalation recipients). */
  supervisorsOf(countries: string[], m?: EntityManager): Promise<{ id: string; authorityId: string }[]> {
    return (m ?? this.dataSource).query(
      `SELECT u.id, u.authority_id AS "authorityId" FROM users u JOIN authorities a ON a.id = u.authority_id
       WHERE u.role = 'SUPERVISOR' AND u.active AND a.country = ANY($1) ORDER BY u.id`,
      [countries],
    );
  }

  async insert(u: NewUser): Promise<UserRow> {
    const rows = (await this.dataSource.query(
      `INSERT INTO users AS u (email, display_name, role, authority_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [u.email, u.displayName, u.role, u.authorityId, u.passwordHash],
    )) as UserRow[];
    return rows[0] as UserRow;
  }
}
