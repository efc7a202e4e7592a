import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wakes the worker as soon as federation work commits (issue 20: a message on the peer within
 * 500 ms of its action's commit), rather than at its next timer tick. One NOTIFY channel per
 * table, named after it, sent by PostgreSQL at the commit of the transaction that wrote:
 * - `federation_outbox`: a message written (INSERT), a message back to PENDING (an ADMIN's
 *   retry of a DEAD one), a peer resumed (its held messages are deliverable again);
 * - `federation_files`: a file a peer announced (IN, ARRIVING) written, or back to ARRIVING.
 * The worker LISTENs on each channel (FEDERATION_LISTEN) and runs that table's sweep at once;
 * its timer stays the safety net (a NOTIFY is lost while the listening connection is down).
 * A transaction's identical notifications are sent once.
 */
export class FederationWake1765340000000 implements MigrationInterface {
  name = 'FederationWake1765340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION federation_wake() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify(TG_ARGV[0], '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER federation_outbox_written AFTER INSERT ON federation_outbox FOR EACH STATEMENT EXECUTE FUNCTION federation_wake('federation_outbox')`);
    await q.query(`
      CREATE TRIGGER federation_outbox_requeued AFTER UPDATE OF state ON federation_outbox FOR EACH ROW
      WHEN (NEW.state = 'PENDING' AND OLD.state <> 'PENDING') EXECUTE FUNCTION federation_wake('federation_outbox')`);
    await q.query(`
      CREATE TRIGGER federation_peers_resumed AFTER UPDATE OF state ON federation_peers FOR EACH ROW
      WHEN (NEW.state = 'ACTIVE' AND OLD.state <> 'ACTIVE') EXECUTE FUNCTION federation_wake('federation_outbox')`);
    await q.query(`
      CREATE TRIGGER federation_files_announced AFTER INSERT ON federation_files FOR EACH ROW
      WHEN (NEW.state = 'ARRIVING') EXECUTE FUNCTION federation_wake('federation_files')`);
    await q.query(`
      CREATE TRIGGER federation_files_rearriving AFTER UPDATE OF state ON federation_files FOR EACH ROW
      WHEN (NEW.state = 'ARRIVING' AND OLD.state <> 'ARRIVING') EXECUTE FUNCTION federation_wake('federation_files')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER federation_files_rearriving ON federation_files`);
    await q.query(`DROP TRIGGER federation_files_announced ON federation_files`);
    await q.query(`DROP TRIGGER federation_peers_resumed ON federation_peers`);
    await q.query(`DROP TRIGGER federation_outbox_requeued ON federation_outbox`);
    await q.query(`DROP TRIGGER federation_outbox_written ON federation_outbox`);
    await q.query(`DROP FUNCTION federation_wake()`);
  }
}
