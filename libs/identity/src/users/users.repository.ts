import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { KeysetCursor } from '@mla/core';
import type { NewUser, UserChanges, UserRow } from './user.row';

const COLUMNS = `u.id, u.email, u.display_name AS "displayName", u.role, u.authority_id AS "authorityId", u.active,
  u.created_at AS "createdAt", u.updated_at AS "updatedAt", u.mfa_enrolled_at AS "mfaEnrolledAt"`;

const USER_SETTABLE: Record<keyof UserChanges, string> = {
  active: 'active',
  role: 'role',
  authorityId: 'authority_id',
  passwordHash: 'password_hash',
};

/** The SQL of users. `m`: the caller's transaction, when it holds a lock. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string, m?: EntityManager): Promise<UserRow | null> {
    const rows = (await (m ?? this.dataSource).query(`SELECT ${COLUMNS} FROM users u WHERE u.id = $1`, [id])) as UserRow[];
    return rows[0] ?? null;
  }

  /** With what a login needs: the password hash, and the session epoch a new session is opened in. */
  async findByEmailWithHash(email: string): Promise<(UserRow & { passwordHash: string; sessionEpoch: number }) | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS}, u.password_hash AS "passwordHash", u.session_epoch AS "sessionEpoch" FROM users u WHERE lower(u.email) = lower($1)`,
      [email],
    )) as (UserRow & { passwordHash: string; sessionEpoch: number })[];
    return rows[0] ?? null;
  }

  /** The user locked for an update in the caller's transaction, with the password hash. */
  async lockWithHash(m: EntityManager, id: string): Promise<(UserRow & { passwordHash: string }) | null> {
    const rows = (await m.query(`SELECT ${COLUMNS}, u.password_hash AS "passwordHash" FROM users u WHERE u.id = $1 FOR UPDATE`, [id])) as (UserRow & {
      passwordHash: string;
    })[];
    return rows[0] ?? null;
  }

  /** The ids of the active ADMINs, locked (no two changes can both remove the last one). */
  async lockActiveAdmins(m: EntityManager): Promise<string[]> {
    const rows = (await m.query(`SELECT id FROM users WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE`)) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Sets the given fields of a user (in the caller's transaction); answers the user as it is now. */
  async update(m: EntityManager, id: string, changes: UserChanges, now: Date): Promise<UserRow | null> {
    const params: unknown[] = [id, now];
    const sets = (Object.keys(USER_SETTABLE) as (keyof UserChanges)[])
      .filter((k) => changes[k] !== undefined)
      .map((k) => `${USER_SETTABLE[k]} = $${params.push(changes[k])}`);
    const [rows] = (await m.query(`UPDATE users AS u SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE u.id = $1 RETURNING ${COLUMNS}`, params)) as [
      UserRow[],
      number,
    ];
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

  /** Inserts a user in the caller's transaction. */
  async insert(m: EntityManager, u: NewUser): Promise<UserRow> {
    const rows = (await m.query(
      `INSERT INTO users AS u (email, display_name, role, authority_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [u.email, u.displayName, u.role, u.authorityId, u.passwordHash],
    )) as UserRow[];
    return rows[0] as UserRow;
  }
}
