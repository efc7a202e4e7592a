import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files in the store FILE_STORE names (PostgreSQL large objects by default): an evidence
 * item names its file by the store's reference, set once together with `content_stored_at`
 * (the only change the database allows on an item). Items stored on disk before keep a null
 * reference: their file is named after the item.
 */
export class FileRefs1764000000005 implements MigrationInterface {
  name = 'FileRefs1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evidence_items ADD COLUMN content_ref text`);
    await q.query(`
      CREATE OR REPLACE FUNCTION evidence_items_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND OLD.content_stored_at IS NULL AND NEW.content_stored_at IS NOT NULL AND OLD.content_ref IS NULL
           AND (to_jsonb(NEW) - 'content_stored_at' - 'content_ref') = (to_jsonb(OLD) - 'content_stored_at' - 'content_ref') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'evidence items are never edited or deleted: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION evidence_items_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND OLD.content_stored_at IS NULL AND NEW.content_stored_at IS NOT NULL
           AND (to_jsonb(NEW) - 'content_stored_at') = (to_jsonb(OLD) - 'content_stored_at') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'evidence items are never edited or deleted: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`ALTER TABLE evidence_items DROP COLUMN content_ref`);
  }
}
