import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { NewSession, SessionEndReason, SessionState } from './session.row';

const STATE = `s.id, s.user_id AS "userId", s.epoch, s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt",
  u.session_epoch AS "userEpoch", u.active AS "userActive", u.role AS "userRole", u.authority_id AS "userAuthorityId",
  u.email AS "userEmail", a.code AS "authorityCode", a.country AS "authorityCountry",
  s.mfa_at AS "mfaAt", u.mfa_enrolled_at IS NOT NULL AS "userMfaEnrolled"`;

/** The SQL of sessions. `m`: the caller's transaction. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Opens a session for an active user whose session epoch is still `s.epoch` (read with the
   * password hash); answers its id, or null when the user changed meanwhile (deactivated, or
   * every session ended by a password reset or a role change): then no session exists.
   */
  async insert(s: NewSession): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `INSERT INTO sessions (user_id, epoch, transport, created_at, expires_at, client_address, user_agent, mfa_at)
       SELECT u.id, u.session_epoch, $3, $4, $5, $6, $7, $8 FROM users u WHERE u.id = $1 AND u.session_epoch = $2 AND u.active
       RETURNING id`,
      [s.userId, s.epoch, s.transport, s.createdAt, s.expiresAt, s.clientAddress, s.userAgent, s.mfaAt ?? null],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** The session and its user's live state, or null when there is no such session. */
  async state(id: string): Promise<SessionState | null> {
    const rows = (await this.dataSource.query(`SELECT ${STATE} FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN authorities a ON a.id = u.authority_id WHERE s.id = $1`, [id])) as SessionState[];
    return rows[0] ?? null;
  }

  /** Ends one session of this user (sign-out); answers whether it was still open. */
  async revoke(id: string, userId: string, now: Date, reason: SessionEndReason): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE sessions SET revoked_at = $3, revoked_reason = $4 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [id, userId, now, reason],
    )) as [unknown, number];
    return count > 0;
  }

  /**
   * Ends every session of the user, in the caller's transaction: the user's session epoch
   * moves (which alone makes every token of an older epoch useless, even one whose login is
   * still under way), and the open sessions are marked revoked with the reason. `keep`, when
   * given, is a session of the user that stays open (a password change ends the others).
   */
  async endAllOfUser(m: EntityManager, userId: string, now: Date, reason: SessionEndReason, keep?: string): Promise<void> {
    const [row] = (await m.query(`UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1 RETURNING session_epoch AS "epoch"`, [userId])) as [
      { epoch: number }[],
      number,
    ];
    const epoch = row[0]?.epoch;
    if (keep && epoch !== undefined) {
      await m.query(`UPDATE sessions SET epoch = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`, [keep, userId, epoch]);
    }
    await m.query(
      `UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $4::uuid`,
      [userId, now, reason, keep ?? null],
    );
  }

  /** Forgets the user's sessions that ended (expired or revoked) before `before`. */
  async purgeEnded(userId: string, before: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM sessions WHERE user_id = $1 AND (expires_at < $2 OR revoked_at < $2)`, [userId, before]);
  }
}
