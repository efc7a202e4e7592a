import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface TotpRow {
  secretSealed: string;
  confirmedAt: Date | null;
  lastStep: number | null;
}

export interface PasskeyRow {
  id: string;
  credentialId: string;
  publicKey: Buffer;
  counter: number;
  transports: string[];
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type ChallengePurpose = 'register' | 'authenticate';

/** The SQL of second factors (DESIGN §16). `m`: the caller's transaction. */
@Injectable()
export class MfaRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(m?: EntityManager): DataSource | EntityManager {
    return m ?? this.dataSource;
  }

  /** The factors the user can sign in with. */
  async methods(userId: string): Promise<('totp' | 'passkey' | 'recovery')[]> {
    const rows = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM user_totp WHERE user_id = $1 AND confirmed_at IS NOT NULL) AS totp,
              EXISTS (SELECT 1 FROM user_passkeys WHERE user_id = $1) AS passkey,
              EXISTS (SELECT 1 FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL) AS recovery`,
      [userId],
    )) as { totp: boolean; passkey: boolean; recovery: boolean }[];
    const r = rows[0];
    return r ? (['totp', 'passkey', 'recovery'] as const).filter((k) => r[k]) : [];
  }

  async totp(userId: string): Promise<TotpRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT secret_sealed AS "secretSealed", confirmed_at AS "confirmedAt", last_step::float8 AS "lastStep" FROM user_totp WHERE user_id = $1`,
      [userId],
    )) as TotpRow[];
    return rows[0] ?? null;
  }

  /** A new, unconfirmed secret (replacing one never confirmed); false when a confirmed one exists. */
  async proposeTotp(userId: string, secretSealed: string, now: Date): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO user_totp (user_id, secret_sealed, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, created_at = EXCLUDED.created_at, last_step = NULL
       WHERE user_totp.confirmed_at IS NULL
       RETURNING user_id`,
      [userId, secretSealed, now],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * Records `step` as the last accepted one, atomically: answers false when a step as late
   * or later was accepted meanwhile (the same code twice, in parallel: one wins).
   * `confirm`: the secret is turned on by this code (only while it was not).
   */
  async useTotpStep(m: EntityManager | undefined, userId: string, step: number, confirmAt: Date | null): Promise<boolean> {
    const [rows] = (await this.q(m).query(
      `UPDATE user_totp SET last_step = $2, confirmed_at = COALESCE(confirmed_at, $3)
       WHERE user_id = $1 AND (last_step IS NULL OR last_step < $2) AND (confirmed_at IS NULL) = ($3::timestamptz IS NOT NULL)
       RETURNING user_id`,
      [userId, step, confirmAt],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  /** Replaces the user's recovery codes (their SHA-256 hashes). */
  async replaceRecoveryCodes(m: EntityManager, userId: string, hashes: string[], now: Date): Promise<void> {
    await m.query(`DELETE FROM user_recovery_codes WHERE user_id = $1`, [userId]);
    await m.query(
      `INSERT INTO user_recovery_codes (user_id, code_hash, created_at) SELECT $1, h, $3 FROM unnest($2::text[]) AS h`,
      [userId, hashes, now],
    );
  }

  /** Uses a recovery code, atomically: true once, false ever after (or for a code the user does not have). */
  async useRecoveryCode(userId: string, hash: string, now: Date): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE user_recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id`,
      [userId, hash, now],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    const rows = (await this.dataSource.query(`SELECT count(*)::int AS n FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL`, [userId])) as {
      n: number;
    }[];
    return rows[0]?.n ?? 0;
  }

  async passkeys(userId: string): Promise<PasskeyRow[]> {
    return (await this.dataSource.query(
      `SELECT id, credential_id AS "credentialId", public_key AS "publicKey", counter::float8 AS counter, transports, name,
              created_at AS "createdAt", last_used_at AS "lastUsedAt"
       FROM user_passkeys WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    )) as PasskeyRow[];
  }

  async addPasskey(m: EntityManager, userId: string, p: Omit<PasskeyRow, 'id' | 'lastUsedAt'>): Promise<void> {
    await m.query(
      `INSERT INTO user_passkeys (user_id, credential_id, public_key, counter, transports, name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [userId, p.credentialId, p.publicKey, p.counter, p.transports, p.name, p.createdAt],
    );
  }

  /** Records a use: the new signature counter, only forward (a counter that did not move stays 0 for authenticators without one). */
  async passkeyUsed(id: string, counter: number, now: Date): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE user_passkeys SET counter = $2, last_used_at = $3 WHERE id = $1 AND (counter < $2 OR (counter = 0 AND $2 = 0)) RETURNING id`,
      [id, counter, now],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  /** Whether the user has turned a factor on (the transaction's view). */
  async enrolled(m: EntityManager | undefined, userId: string): Promise<boolean> {
    const rows = (await this.q(m).query(`SELECT mfa_enrolled_at IS NOT NULL AS on FROM users WHERE id = $1`, [userId])) as { on: boolean }[];
    return rows[0]?.on ?? false;
  }

  /** Marks the user enrolled (the first factor); answers whether they were not before. */
  async markEnrolled(m: EntityManager, userId: string, now: Date): Promise<boolean> {
    const [rows] = (await m.query(`UPDATE users SET mfa_enrolled_at = $2 WHERE id = $1 AND mfa_enrolled_at IS NULL RETURNING id`, [userId, now])) as [
      unknown[],
      number,
    ];
    return rows.length > 0;
  }

  /** Forgets every factor of the user (an ADMIN's reset), in the caller's transaction. */
  async removeAll(m: EntityManager, userId: string): Promise<void> {
    await m.query(`DELETE FROM user_totp WHERE user_id = $1`, [userId]);
    await m.query(`DELETE FROM user_passkeys WHERE user_id = $1`, [userId]);
    await m.query(`DELETE FROM user_recovery_codes WHERE user_id = $1`, [userId]);
    await m.query(`DELETE FROM mfa_challenges WHERE user_id = $1`, [userId]);
    await m.query(`UPDATE users SET mfa_enrolled_at = NULL WHERE id = $1`, [userId]);
  }

  /** Every country with an authority (the supervisors told of a change to an ADMIN). */
  async countries(m: EntityManager): Promise<string[]> {
    const rows = (await m.query(`SELECT DISTINCT country FROM authorities ORDER BY country`)) as { country: string }[];
    return rows.map((r) => r.country);
  }

  /** Stores a WebAuthn challenge (and forgets the user's expired ones); answers its id. */
  async addChallenge(userId: string, purpose: ChallengePurpose, challenge: string, expiresAt: Date, now: Date): Promise<string> {
    await this.dataSource.query(`DELETE FROM mfa_challenges WHERE user_id = $1 AND expires_at < $2`, [userId, now]);
    const rows = (await this.dataSource.query(
      `INSERT INTO mfa_challenges (user_id, purpose, challenge, expires_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [userId, purpose, challenge, expiresAt],
    )) as { id: string }[];
    return (rows[0] as { id: string }).id;
  }

  /** Takes a live challenge of the user for this purpose, once: it is deleted as it is read. */
  async takeChallenge(userId: string, purpose: ChallengePurpose, challenge: string, now: Date): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `DELETE FROM mfa_challenges WHERE user_id = $1 AND purpose = $2 AND challenge = $3 AND expires_at >= $4 RETURNING id`,
      [userId, purpose, challenge, now],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  /** Records on the session that its user gave their factor now (sign-in, step-up, enrolment). */
  async stepUp(sessionId: string, now: Date): Promise<void> {
    await this.dataSource.query(`UPDATE sessions SET mfa_at = $2 WHERE id = $1`, [sessionId, now]);
  }
}
