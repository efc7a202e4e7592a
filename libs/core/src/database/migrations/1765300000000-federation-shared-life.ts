import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shared life of a request between two nodes (issue 20, DESIGN §15).
 *
 * - `federation_shared_events`: every shared event of a request sent to (or received from) a
 *   peer node, as the compact JWS its origin node signed, kept verbatim (never updated nor
 *   deleted). `seq` 1 is the `send` (signed by the requesting node); the requested node orders
 *   and signs the rest. `prev` chains them: the SHA-256 (hex) of the previous event's JWS.
 *   `event_seq` is the `request_events.seq` on this node that shows the event in the history.
 * - `federation_files`: the files of a request that cross between nodes, by SHA-256. OUT rows
 *   are the files this node listed in a message to the peer (only those are answered to its
 *   signed GET), with where the bytes are; IN rows are the files a peer listed to this node,
 *   ARRIVING until fetched and verified (RECEIVED, the bytes at `content_ref`), FAILED after
 *   the last attempt.
 * - `federation_outbox.position`: the order messages were written in; messages of a request
 *   to a peer are delivered in that order.
 */
export class FederationSharedLife1765300000000 implements MigrationInterface {
  name = 'FederationSharedLife1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE federation_shared_events (
        request_id uuid NOT NULL REFERENCES requests(id),
        seq int NOT NULL CHECK (seq >= 1),
        node varchar(253) NOT NULL,
        jws text NOT NULL,
        hash char(64) NOT NULL,
        event_seq int,
        created_at timestamptz(3) NOT NULL,
        PRIMARY KEY (request_id, seq)
      )`);
    await q.query(`
      CREATE FUNCTION federation_shared_events_verbatim() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'federation_shared_events keeps signed events verbatim: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER federation_shared_events_verbatim BEFORE UPDATE OR DELETE ON federation_shared_events FOR EACH ROW EXECUTE FUNCTION federation_shared_events_verbatim()`);
    await q.query(`CREATE TRIGGER federation_shared_events_no_truncate BEFORE TRUNCATE ON federation_shared_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    await q.query(`
      CREATE TABLE federation_files (
        peer_id uuid NOT NULL REFERENCES federation_peers(id),
        direction varchar(3) NOT NULL CHECK (direction IN ('IN', 'OUT')),
        request_id uuid NOT NULL REFERENCES requests(id),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        media_type varchar(255),
        file_name varchar(255),
        state varchar(10) NOT NULL CHECK (state IN ('OFFERED', 'ARRIVING', 'RECEIVED', 'FAILED')),
        content_ref text,
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz(3),
        last_error text,
        received_at timestamptz(3),
        created_at timestamptz(3) NOT NULL,
        updated_at timestamptz(3) NOT NULL,
        PRIMARY KEY (peer_id, direction, request_id, sha256),
        CHECK ((direction = 'OUT') = (state = 'OFFERED')),
        CHECK (state NOT IN ('OFFERED', 'RECEIVED') OR content_ref IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX federation_files_offered ON federation_files (peer_id, sha256) WHERE direction = 'OUT'`);
    await q.query(`CREATE INDEX federation_files_due ON federation_files (next_attempt_at) WHERE state = 'ARRIVING'`);
    await q.query(`CREATE INDEX federation_files_request ON federation_files (request_id)`);
    await q.query(`ALTER TABLE federation_outbox ADD COLUMN position bigint GENERATED ALWAYS AS IDENTITY`);
    await q.query(`CREATE INDEX federation_outbox_order ON federation_outbox (peer_id, request_id, position) WHERE state IN ('PENDING', 'DEAD')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX federation_outbox_order`);
    await q.query(`ALTER TABLE federation_outbox DROP COLUMN position`);
    await q.query(`DROP TABLE federation_files`);
    await q.query(`DROP TABLE federation_shared_events`);
    await q.query(`DROP FUNCTION federation_shared_events_verbatim()`);
  }
}
