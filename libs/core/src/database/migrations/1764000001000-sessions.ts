import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions bound to a live user (DESIGN §12, issue 10). Every login writes a session; its id
 * travels in the token (`sid`). A call is served only while the session is neither revoked
 * nor expired, its epoch is the user's `session_epoch`, and the user is active with the
 * role and authority the token names. Ending every session of a user (deactivation, a
 * change of role or authority, a password reset or change) is one increment of
 * `users.session_epoch`: a login racing with it cannot create a session that survives.
 */
export class Sessions1764000001000 implements MigrationInterface {
  name = 'Sessions1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN session_epoch integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        epoch integer NOT NULL,
        transport varchar(10) NOT NULL CHECK (transport IN ('bearer','cookie')),
        created_at timestamptz(3) NOT NULL,
        expires_at timestamptz(3) NOT NULL,
        revoked_at timestamptz(3),
        revoked_reason varchar(40),
        client_address varchar(64),
        user_agent varchar(500),
        CHECK (expires_at > created_at),
        CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sessions`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS session_epoch`);
  }
}
