import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (DESIGN §7): the inbox of each recipient authority (and user), and the
 * webhook deliveries with their attempts. One row of each per outbox row at most.
 */
export class Notifications1764000000001 implements MigrationInterface {
  name = 'Notifications1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        outbox_id uuid NOT NULL UNIQUE REFERENCES outbox(id),
        type varchar(60) NOT NULL,
        request_id uuid REFERENCES requests(id),
        recipient_authority_id uuid NOT NULL REFERENCES authorities(id),
        recipient_user_id uuid REFERENCES users(id),
        language varchar(16) NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        read_by uuid REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX notifications_inbox_idx ON notifications (recipient_authority_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (recipient_authority_id, created_at DESC, id DESC) WHERE read_at IS NULL`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        outbox_id uuid NOT NULL UNIQUE REFERENCES outbox(id),
        authority_id uuid NOT NULL REFERENCES authorities(id),
        url varchar(2000) NOT NULL,
        status varchar(20) NOT NULL CHECK (status IN ('PENDING','DELIVERED','DEAD')),
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer,
        last_error text,
        created_at timestamptz NOT NULL,
        last_attempt_at timestamptz,
        delivered_at timestamptz,
        dead_at timestamptz
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_authority_idx ON webhook_deliveries (authority_id, created_at DESC, id DESC)`);
    // Wakes the outbox relay (LISTEN outbox) as soon as an action commits.
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
    await q.query(`CREATE INDEX webhook_deliveries_dead_idx ON webhook_deliveries (authority_id, dead_at) WHERE status = 'DEAD'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS outbox_inserted ON outbox`);
    await q.query(`DROP FUNCTION IF EXISTS outbox_notify()`);
    await q.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await q.query(`DROP TABLE IF EXISTS notifications`);
  }
}
