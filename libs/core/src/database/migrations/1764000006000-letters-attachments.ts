import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Letters of request and their supporting documents (issue 13):
 * - a request's `language` (ISO 639-1, the one it is written in; existing requests take their
 *   requesting authority's) and its `details`, the extra fields its requested country requires;
 * - `request_attachments`: the supporting documents of a draft, each a file in the file store,
 *   inserted and deleted only by the `attach` / `remove_attachment` commands (one per SHA-256
 *   on a request, so a retried upload is recognised);
 * - `request_letters`: the letter as sent, rendered once at `send`, never changed (the
 *   database refuses it), its SHA-256 in the `send` event.
 */
export class LettersAttachments1764000006000 implements MigrationInterface {
  name = 'LettersAttachments1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE requests ADD COLUMN language varchar(8), ADD COLUMN details jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`UPDATE requests r SET language = left(a.language, 2) FROM authorities a WHERE a.id = r.requesting_authority_id`);
    await q.query(`ALTER TABLE requests ALTER COLUMN language SET NOT NULL, ALTER COLUMN language SET DEFAULT 'en', ADD CONSTRAINT requests_language_check CHECK (language ~ '^[a-z]{2}$')`);
    await q.query(`
      CREATE TABLE request_attachments (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES requests(id),
        kind varchar(20) NOT NULL CHECK (kind IN ('COURT_ORDER','WARRANT','TRANSLATION','LETTER_SIGNED','OTHER')),
        language varchar(8) NOT NULL CHECK (language ~ '^[a-z]{2}$'),
        file_name varchar(255) NOT NULL,
        media_type varchar(127) NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 char(64) NOT NULL,
        content_ref text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        -- the seq of its attach event: the order documents are listed in
        event_seq integer NOT NULL,
        -- millisecond precision, as the JSON timestamps carry
        created_at timestamptz(3) NOT NULL,
        UNIQUE (request_id, sha256)
      )`);
    await q.query(`CREATE INDEX request_attachments_request_idx ON request_attachments (request_id, event_seq)`);
    await q.query(`
      CREATE TABLE request_letters (
        request_id uuid NOT NULL REFERENCES requests(id),
        language varchar(2) NOT NULL,
        sha256 char(64) NOT NULL,
        size_bytes integer NOT NULL,
        pdf bytea NOT NULL,
        event_seq integer NOT NULL,
        created_at timestamptz(3) NOT NULL,
        PRIMARY KEY (request_id, language)
      )`);
    await q.query(`CREATE TRIGGER request_letters_frozen BEFORE UPDATE OR DELETE ON request_letters FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER request_letters_no_truncate BEFORE TRUNCATE ON request_letters FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE request_letters`);
    await q.query(`DROP TABLE request_attachments`);
    await q.query(`ALTER TABLE requests DROP COLUMN details, DROP COLUMN language`);
  }
}
