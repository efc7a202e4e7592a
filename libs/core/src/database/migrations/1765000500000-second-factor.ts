import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second factor (DESIGN §16): a TOTP secret (sealed with AES-256-GCM, see
 * libs/identity/src/mfa/secret-box.ts) with the last time step accepted (each code once),
 * passkeys (WebAuthn credentials), ten recovery codes (SHA-256 of 80 random bits, each
 * used once), the single-use WebAuthn challenges, the moment the user's first factor was
 * turned on (`users.mfa_enrolled_at`, null: none) and, per session, when the factor was last
 * given on it (`sessions.mfa_at`: sign-in or step-up).
 */
export class SecondFactor1765000500000 implements MigrationInterface {
  name = 'SecondFactor1765000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN mfa_enrolled_at timestamptz(3)`);
    await q.query(`ALTER TABLE sessions ADD COLUMN mfa_at timestamptz(3)`);
    await q.query(`
      CREATE TABLE user_totp (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        secret_sealed varchar(200) NOT NULL,
        created_at timestamptz(3) NOT NULL,
        confirmed_at timestamptz(3),
        last_step bigint
      )`);
    await q.query(`
      CREATE TABLE user_passkeys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        credential_id varchar(1400) NOT NULL UNIQUE,
        public_key bytea NOT NULL,
        counter bigint NOT NULL DEFAULT 0,
        transports varchar(20)[] NOT NULL DEFAULT '{}',
        name varchar(100) NOT NULL,
        created_at timestamptz(3) NOT NULL,
        last_used_at timestamptz(3)
      )`);
    await q.query(`CREATE INDEX user_passkeys_user_idx ON user_passkeys (user_id)`);
    await q.query(`
      CREATE TABLE user_recovery_codes (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash char(64) NOT NULL,
        created_at timestamptz(3) NOT NULL,
        used_at timestamptz(3),
        PRIMARY KEY (user_id, code_hash)
      )`);
    await q.query(`
      CREATE TABLE mfa_challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose varchar(20) NOT NULL CHECK (purpose IN ('register','authenticate')),
        challenge varchar(200) NOT NULL,
        expires_at timestamptz(3) NOT NULL
      )`);
    await q.query(`CREATE INDEX mfa_challenges_user_idx ON mfa_challenges (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS mfa_challenges`);
    await q.query(`DROP TABLE IF EXISTS user_recovery_codes`);
    await q.query(`DROP TABLE IF EXISTS user_passkeys`);
    await q.query(`DROP TABLE IF EXISTS user_totp`);
    await q.query(`ALTER TABLE sessions DROP COLUMN IF EXISTS mfa_at`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS mfa_enrolled_at`);
  }
}
