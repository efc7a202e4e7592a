import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin audit (DESIGN §2, issue 11): one append-only row per ADMIN change of an
 * authority (its webhook included) or a user, written in the change's own transaction: who
 * (the admin's id and e-mail), when (the injected clock), what (action, target, the fields
 * changed, before and after; never a password, hash or webhook secret) and the countries it
 * touches, by which a country's supervisors read it. Like `request_events`, the database
 * refuses UPDATE, DELETE and TRUNCATE on it (`refuse_change()` of the initial schema).
 */
export class AdminAudit1764000004000 implements MigrationInterface {
  name = 'AdminAudit1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admin_audit (
        id uuid PRIMARY KEY,
        created_at timestamptz(3) NOT NULL,
        actor_user_id uuid NOT NULL REFERENCES users(id),
        actor_email varchar(320) NOT NULL,
        action varchar(40) NOT NULL CHECK (action IN ('authority.created','authority.updated','user.created','user.updated')),
        target_type varchar(20) NOT NULL CHECK (target_type IN ('AUTHORITY','USER')),
        target_id uuid NOT NULL,
        changes text[] NOT NULL,
        before jsonb,
        after jsonb,
        countries char(2)[] NOT NULL
      )`);
    await q.query(`CREATE INDEX admin_audit_created_idx ON admin_audit (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX admin_audit_countries_idx ON admin_audit USING gin (countries)`);
    await q.query(`CREATE INDEX admin_audit_target_idx ON admin_audit (target_id, created_at DESC)`);
    await q.query(`CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON admin_audit FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS admin_audit`);
  }
}
