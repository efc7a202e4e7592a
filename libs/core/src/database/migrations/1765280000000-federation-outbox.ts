import { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS = ['authority.created', 'authority.updated', 'user.created', 'user.updated', 'calendar.year_set', 'authority.seal_set', 'authority.seal_removed', 'peer.added', 'peer.suspended', 'peer.resumed', 'peer.keys_refreshed', 'peer.directory_read'];
const TARGETS = ['AUTHORITY', 'USER', 'WORKING_CALENDAR', 'PEER'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(',');

/**
 * The delivery of federation messages (issue 20, DESIGN §15). `federation_outbox`: every
 * message this node sends a peer, written in the transaction of the action that causes it,
 * its envelope's bytes fixed once written (a retry sends the same bytes, so the receiver's
 * idempotency holds: id and digest never change), then PENDING until the peer's signed
 * receipt says ACCEPTED (DELIVERED) or REJECTED, or the last attempt failed (DEAD). No row is
 * deleted. An ADMIN's retry of a DEAD message is audited.
 */
export class FederationOutbox1765280000000 implements MigrationInterface {
  name = 'FederationOutbox1765280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE federation_outbox (
        id uuid PRIMARY KEY,
        peer_id uuid NOT NULL REFERENCES federation_peers(id),
        request_id uuid NOT NULL,
        type varchar(64) NOT NULL,
        body bytea NOT NULL,
        digest text NOT NULL,
        state varchar(10) NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'REJECTED', 'DEAD')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz(3) NOT NULL,
        last_error text,
        reject_code varchar(64),
        receipt text,
        receipt_payload jsonb,
        created_at timestamptz(3) NOT NULL,
        delivered_at timestamptz(3),
        updated_at timestamptz(3) NOT NULL
      )`);
    await q.query(`CREATE INDEX federation_outbox_due ON federation_outbox (next_attempt_at, id) WHERE state = 'PENDING'`);
    await q.query(`CREATE INDEX federation_outbox_request ON federation_outbox (request_id, created_at)`);
    await q.query(`CREATE INDEX federation_outbox_peer_state ON federation_outbox (peer_id, state) WHERE state IN ('PENDING', 'DEAD')`);
    await q.query(`CREATE INDEX federation_inbox_request ON federation_inbox (request_id, received_at)`);
    await q.query(`
      CREATE FUNCTION federation_outbox_verbatim() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' OR (NEW.id, NEW.peer_id, NEW.request_id, NEW.type, NEW.body, NEW.digest, NEW.created_at)
          IS DISTINCT FROM (OLD.id, OLD.peer_id, OLD.request_id, OLD.type, OLD.body, OLD.digest, OLD.created_at) THEN
          RAISE EXCEPTION 'federation_outbox keeps messages verbatim: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER federation_outbox_verbatim BEFORE UPDATE OR DELETE ON federation_outbox FOR EACH ROW EXECUTE FUNCTION federation_outbox_verbatim()`);
    await q.query(`CREATE TRIGGER federation_outbox_no_truncate BEFORE TRUNCATE ON federation_outbox FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_action_check`);
    await q.query(`ALTER TABLE admin_audit ADD CONSTRAINT admin_audit_action_check CHECK (action IN (${list([...ACTIONS, 'federation_message.retried'])}))`);
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_target_type_check`);
    await q.query(`ALTER TABLE admin_audit ADD CONSTRAINT admin_audit_target_type_check CHECK (target_type IN (${list([...TARGETS, 'FEDERATION_MESSAGE'])}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE admin_audit DISABLE TRIGGER admin_audit_append_only`);
    await q.query(`DELETE FROM admin_audit WHERE target_type = 'FEDERATION_MESSAGE'`);
    await q.query(`ALTER TABLE admin_audit ENABLE TRIGGER admin_audit_append_only`);
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_target_type_check`);
    await q.query(`ALTER TABLE admin_audit ADD CONSTRAINT admin_audit_target_type_check CHECK (target_type IN (${list(TARGETS)}))`);
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_action_check`);
    await q.query(`ALTER TABLE admin_audit ADD CONSTRAINT admin_audit_action_check CHECK (action IN (${list(ACTIONS)}))`);
    await q.query(`DROP INDEX federation_inbox_request`);
    await q.query(`DROP TABLE federation_outbox`);
    await q.query(`DROP FUNCTION federation_outbox_verbatim()`);
  }
}
