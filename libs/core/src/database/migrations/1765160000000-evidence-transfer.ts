import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How an evidence item's bytes travel (issue 21, item 4): `UPLOAD` (its file is uploaded
 * here, SHA-256 verified on arrival) or `OUT_OF_BAND` (a disk by courier or diplomatic bag,
 * recorded by its hash and `medium`). The file's own name and media type are kept for its
 * download. Items delivered before: those with a stored file were uploaded, the others were
 * declared only (out of band). The backfill is the one write the immutability trigger is
 * lifted for, inside this migration's transaction.
 */
export class EvidenceTransfer1765160000000 implements MigrationInterface {
  name = 'EvidenceTransfer1765160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evidence_items
      ADD COLUMN transfer varchar(12) NOT NULL DEFAULT 'OUT_OF_BAND' CHECK (transfer IN ('UPLOAD', 'OUT_OF_BAND')),
      ADD COLUMN medium text,
      ADD COLUMN file_name text,
      ADD COLUMN media_type text`);
    await q.query(`ALTER TABLE evidence_items DISABLE TRIGGER evidence_items_immutable`);
    await q.query(`UPDATE evidence_items SET transfer = 'UPLOAD' WHERE content_stored_at IS NOT NULL`);
    await q.query(`ALTER TABLE evidence_items ENABLE TRIGGER evidence_items_immutable`);
    await q.query(`ALTER TABLE evidence_items ALTER COLUMN transfer DROP DEFAULT`);
    // The final delivery's check: the items to be uploaded whose file is not stored yet.
    await q.query(`CREATE INDEX evidence_items_missing_files ON evidence_items (request_id) WHERE transfer = 'UPLOAD' AND content_stored_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS evidence_items_missing_files`);
    await q.query(`ALTER TABLE evidence_items DROP COLUMN media_type, DROP COLUMN file_name, DROP COLUMN medium, DROP COLUMN transfer`);
  }
}
