import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each country's working calendar kept by an admin (DESIGN §5 as the README extends it): a
 * year's announced non-working and make-up working days, per country, layered over the
 * countries file; and, on every deadline counted in business days, that count, so that a
 * changed calendar recomputes its due time from its start. Deadlines that existed before
 * this migration keep a null count: they are not recomputed.
 */
export class WorkingCalendars1764000005000 implements MigrationInterface {
  name = 'WorkingCalendars1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadlines ADD COLUMN business_days smallint CHECK (business_days > 0)`);
    // The recomputation's search: running business-day deadlines, by request.
    await q.query(`CREATE INDEX deadlines_business_days_running ON deadlines (request_id) WHERE status = 'PENDING' AND business_days IS NOT NULL`);
    await q.query(`
      CREATE TABLE working_calendar_years (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        country char(2) NOT NULL,
        year smallint NOT NULL CHECK (year BETWEEN 1900 and 2199),
        non_working_days jsonb NOT NULL,
        make_up_working_days jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        -- The version whose deadlines were recomputed (behind version: a recomputation is owed).
        recomputed_version integer NOT NULL DEFAULT 0,
        set_by uuid NOT NULL REFERENCES users(id),
        set_at timestamptz NOT NULL,
        recomputed_at timestamptz,
        UNIQUE (country, year)
      )`);
    // A year set is audited like any admin change.
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_action_check, DROP CONSTRAINT admin_audit_target_type_check`);
    await q.query(`ALTER TABLE admin_audit
      ADD CONSTRAINT admin_audit_action_check CHECK (action IN ('authority.created','authority.updated','user.created','user.updated','calendar.year_set')),
      ADD CONSTRAINT admin_audit_target_type_check CHECK (target_type IN ('AUTHORITY','USER','WORKING_CALENDAR'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_action_check, DROP CONSTRAINT admin_audit_target_type_check`);
    await q.query(`ALTER TABLE admin_audit
      ADD CONSTRAINT admin_audit_action_check CHECK (action IN ('authority.created','authority.updated','user.created','user.updated')),
      ADD CONSTRAINT admin_audit_target_type_check CHECK (target_type IN ('AUTHORITY','USER'))`);
    await q.query(`DROP TABLE working_calendar_years`);
    await q.query(`DROP INDEX deadlines_business_days_running`);
    await q.query(`ALTER TABLE deadlines DROP COLUMN business_days`);
  }
}
