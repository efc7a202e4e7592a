import { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS = ['authority.created', 'authority.updated', 'user.created', 'user.updated', 'calendar.year_set'];
const SEAL_ACTIONS = ['authority.seal_set', 'authority.seal_removed'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(',');

/**
 * Signed letters (issue 21, DESIGN §4): a LETTER_SIGNED document uploaded by the sending
 * officer names the letter it signs by its SHA-256 (`signs_letter_sha256`; such a copy is not
 * listed in the letter it signs); an ADMIN's setting or removing a sealing certificate is
 * audited (the certificate itself lives in the secret store, never here).
 */
export class LetterSeals1765140000000 implements MigrationInterface {
  name = 'LetterSeals1765140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE request_attachments ADD COLUMN signs_letter_sha256 char(64)
      CHECK (signs_letter_sha256 IS NULL OR (signs_letter_sha256 ~ '^[0-9a-f]{64}$' AND kind = 'LETTER_SIGNED'))`);
    await q.query(`CREATE INDEX request_attachments_signed_copies ON request_attachments (request_id, signs_letter_sha256) WHERE signs_letter_sha256 IS NOT NULL`);
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_action_check`);
    await q.query(`ALTER TABLE admin_audit ADD CONSTRAINT admin_audit_action_check CHECK (action IN (${list([...ACTIONS, ...SEAL_ACTIONS])}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM admin_audit WHERE action IN (${list(SEAL_ACTIONS)})`);
    await q.query(`ALTER TABLE admin_audit DROP CONSTRAINT admin_audit_action_check`);
    await q.query(`ALTER TABLE admin_audit ADD CONSTRAINT admin_audit_action_check CHECK (action IN (${list(ACTIONS)}))`);
    await q.query(`DROP INDEX request_attachments_signed_copies`);
    await q.query(`ALTER TABLE request_attachments DROP COLUMN signs_letter_sha256`);
  }
}
