import { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS = ['authority.created', 'authority.updated', 'user.created', 'user.updated', 'calendar.year_set', 'authority.seal_set', 'authority.seal_removed', 'peer.added', 'peer.suspended', 'peer.resumed', 'peer.keys_refreshed'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(',');

/**
 * A peer's directory (issue 20, DESIGN §15): reading it (its LOCAL authorities kept here as
 * PEER, OFFLINE ones of its countries turned PEER with their ids) is audited as
 * `peer.directory_read`.
 */
export class PeerDirectory1765270000000 implements MigrationInterface {
  name = 'PeerDirectory1765270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_action_check`);
    await q.query(`ALTER TABLE admin_audit ADD CONSTRAINT admin_audit_action_check CHECK (action IN (${list([...ACTIONS, 'peer.directory_read'])}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE admin_audit DISABLE TRIGGER admin_audit_append_only`);
    await q.query(`DELETE FROM admin_audit WHERE action = 'peer.directory_read'`);
    await q.query(`ALTER TABLE admin_audit ENABLE TRIGGER admin_audit_append_only`);
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_action_check`);
    await q.query(`ALTER TABLE admin_audit ADD CONSTRAINT admin_audit_action_check CHECK (action IN (${list(ACTIONS)}))`);
  }
}
