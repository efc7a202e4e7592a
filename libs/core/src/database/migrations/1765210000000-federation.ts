import { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS = ['authority.created', 'authority.updated', 'user.created', 'user.updated', 'calendar.year_set', 'authority.seal_set', 'authority.seal_removed'];
const PEER_ACTIONS = ['peer.added', 'peer.suspended', 'peer.resumed', 'peer.keys_refreshed'];
const TARGETS = ['AUTHORITY', 'USER', 'WORKING_CALENDAR'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(',');

/**
 * Federation (issue 20, DESIGN §15). `federation_peers`: the nodes this one exchanges signed
 * messages with, added by an ADMIN with the peer's URL and key thumbprint (RFC 7638), their
 * public keys as last read from their well-known document (never a private key: this node's
 * own key lives in NODE_KEY_FILE), ACTIVE or SUSPENDED. `federation_inbox`: every message a
 * peer's signature was verified for and accepted, kept verbatim (the body's bytes, its digest,
 * the signature headers, the receipt answered) for processing later; one row per peer and
 * message id. Its verbatim columns never change and no row is deleted; only `processed_at` is
 * set later. Peer changes are audited.
 */
export class Federation1765210000000 implements MigrationInterface {
  name = 'Federation1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE federation_peers (
        id uuid PRIMARY KEY,
        node_id varchar(253) NOT NULL UNIQUE,
        url text NOT NULL,
        countries char(2)[] NOT NULL CHECK (cardinality(countries) > 0),
        key_thumbprint char(43) NOT NULL,
        jwks jsonb NOT NULL,
        keys_read_at timestamptz(3) NOT NULL,
        state varchar(10) NOT NULL CHECK (state IN ('ACTIVE', 'SUSPENDED')),
        last_contact_at timestamptz(3),
        created_at timestamptz(3) NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        updated_at timestamptz(3) NOT NULL
      )`);
    await q.query(`CREATE INDEX federation_peers_countries_idx ON federation_peers USING gin (countries)`);
    await q.query(`
      CREATE TABLE federation_inbox (
        id uuid PRIMARY KEY,
        peer_id uuid NOT NULL REFERENCES federation_peers(id),
        message_id uuid NOT NULL,
        type varchar(64) NOT NULL,
        request_id uuid NOT NULL,
        body bytea NOT NULL,
        digest text NOT NULL,
        signature_input text NOT NULL,
        signature text NOT NULL,
        key_id varchar(100) NOT NULL,
        received_at timestamptz(3) NOT NULL,
        receipt text NOT NULL,
        processed_at timestamptz(3),
        UNIQUE (peer_id, message_id)
      )`);
    await q.query(`CREATE INDEX federation_inbox_unprocessed ON federation_inbox (received_at, id) WHERE processed_at IS NULL`);
    await q.query(`
      CREATE FUNCTION federation_inbox_verbatim() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' OR (NEW.id, NEW.peer_id, NEW.message_id, NEW.type, NEW.request_id, NEW.body, NEW.digest, NEW.signature_input, NEW.signature, NEW.key_id, NEW.received_at, NEW.receipt)
          IS DISTINCT FROM (OLD.id, OLD.peer_id, OLD.message_id, OLD.type, OLD.request_id, OLD.body, OLD.digest, OLD.signature_input, OLD.signature, OLD.key_id, OLD.received_at, OLD.receipt) THEN
          RAISE EXCEPTION 'federation_inbox keeps messages verbatim: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER federation_inbox_verbatim BEFORE UPDATE OR DELETE ON federation_inbox FOR EACH ROW EXECUTE FUNCTION federation_inbox_verbatim()`);
    await q.query(`CREATE TRIGGER federation_inbox_no_truncate BEFORE TRUNCATE ON federation_inbox FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_action_check`);
    await q.query(`ALTER TABLE admin_audit ADD CONSTRAINT admin_audit_action_check CHECK (action IN (${list([...ACTIONS, ...PEER_ACTIONS])}))`);
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_target_type_check`);
    await q.query(`ALTER TABLE admin_audit ADD CONSTRAINT admin_audit_target_type_check CHECK (target_type IN (${list([...TARGETS, 'PEER'])}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE admin_audit DISABLE TRIGGER admin_audit_append_only`);
    await q.query(`DELETE FROM admin_audit WHERE target_type = 'PEER'`);
    await q.query(`ALTER TABLE admin_audit ENABLE TRIGGER admin_audit_append_only`);
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_target_type_check`);
    await q.query(`ALTER TABLE admin_audit ADD CONSTRAINT admin_audit_target_type_check CHECK (target_type IN (${list(TARGETS)}))`);
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_action_check`);
    await q.query(`ALTER TABLE admin_audit ADD CONSTRAINT admin_audit_action_check CHECK (action IN (${list(ACTIONS)}))`);
    await q.query(`DROP TABLE federation_inbox`);
    await q.query(`DROP FUNCTION federation_inbox_verbatim()`);
    await q.query(`DROP TABLE federation_peers`);
  }
}
