import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counterparts that are not on this node (DESIGN §14):
 * - an event recorded from correspondence names its recorder (the officer, as an actor) and
 *   what it was recorded from (`recorded_from`: the letter's date, when it arrived, by which
 *   channel, its reference, the scan's document id); both are covered by the event's hash
 *   when present, so older events (without them) verify as before;
 * - a request sent to an OFFLINE authority (or received from one on paper) keeps its
 *   transmission (channel, dispatch date, reference), and its chasing: when the chase interval
 *   runs out (`chase_due_at`, null when nothing is awaited of the counterpart), how many
 *   chasers were sent and when the last was;
 * - a supporting document may be CORRESPONDENCE (a scan of a letter or e-mail exchanged).
 */
export class OfflineCounterparts1765120000000 implements MigrationInterface {
  name = 'OfflineCounterparts1765120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE request_events
      ADD COLUMN recorder jsonb CHECK (recorder IS NULL OR jsonb_typeof(recorder) = 'object'),
      ADD COLUMN recorded_from jsonb CHECK (recorded_from IS NULL OR jsonb_typeof(recorded_from) = 'object'),
      ADD CONSTRAINT request_events_recorded_check CHECK ((recorder IS NULL) = (recorded_from IS NULL))`);
    await q.query(`ALTER TABLE requests
      ADD COLUMN transmission jsonb CHECK (transmission IS NULL OR jsonb_typeof(transmission) = 'object'),
      ADD COLUMN chase_due_at timestamptz(3),
      ADD COLUMN chase_count integer NOT NULL DEFAULT 0 CHECK (chase_count >= 0),
      ADD COLUMN last_chased_at timestamptz(3)`);
    await q.query(`CREATE INDEX requests_chase_due_idx ON requests (chase_due_at, id) WHERE chase_due_at IS NOT NULL AND deleted_at IS NULL`);
    await q.query(`ALTER TABLE request_attachments DROP CONSTRAINT request_attachments_kind_check`);
    await q.query(`ALTER TABLE request_attachments ADD CONSTRAINT request_attachments_kind_check
      CHECK (kind IN ('COURT_ORDER','WARRANT','TRANSLATION','LETTER_SIGNED','OTHER','CORRESPONDENCE'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM request_attachments WHERE kind = 'CORRESPONDENCE'`);
    await q.query(`ALTER TABLE request_attachments DROP CONSTRAINT request_attachments_kind_check`);
    await q.query(`ALTER TABLE request_attachments ADD CONSTRAINT request_attachments_kind_check
      CHECK (kind IN ('COURT_ORDER','WARRANT','TRANSLATION','LETTER_SIGNED','OTHER'))`);
    await q.query(`DROP INDEX requests_chase_due_idx`);
    await q.query(`ALTER TABLE requests DROP COLUMN last_chased_at, DROP COLUMN chase_count, DROP COLUMN chase_due_at, DROP COLUMN transmission`);
    const rows = (await q.query(`SELECT EXISTS (SELECT 1 FROM request_events WHERE recorder IS NOT NULL) AS recorded`)) as { recorded: boolean }[];
    if (rows[0]?.recorded) throw new Error('request_events holds recorded events: their hashes cover the recorder, so the columns stay');
    await q.query(`ALTER TABLE request_events DROP CONSTRAINT request_events_recorded_check, DROP COLUMN recorded_from, DROP COLUMN recorder`);
  }
}
