import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each side keeps its internal work to itself (DESIGN §2): every event has an audience, both
 * sides or only the side that made it (the requesting side's work before `send`; either
 * side's internal events: assignments and reassignments). Existing events are given theirs.
 * And the access log of confidential requests: every read of one, who, when, what;
 * append-only like the history.
 */
export class EventAudiences1764000003000 implements MigrationInterface {
  name = 'EventAudiences1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE request_events ADD COLUMN audience varchar(10) NOT NULL DEFAULT 'BOTH' CHECK (audience IN ('BOTH', 'REQUESTING', 'REQUESTED'))`);
    await q.query(`ALTER TABLE request_events DISABLE TRIGGER request_events_append_only`);
    await q.query(`
      UPDATE request_events e SET audience = 'REQUESTING'
      WHERE e.seq < coalesce((SELECT min(s.seq) FROM request_events s WHERE s.request_id = e.request_id AND s.action = 'send'), 2147483647)`);
    await q.query(`UPDATE request_events SET audience = 'REQUESTED' WHERE action = 'reassign'`);
    await q.query(`ALTER TABLE request_events ENABLE TRIGGER request_events_append_only`);

    await q.query(`
      CREATE TABLE access_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES requests(id),
        user_id uuid NOT NULL REFERENCES users(id),
        role varchar(20) NOT NULL,
        authority_id uuid REFERENCES authorities(id),
        country char(2),
        what varchar(40) NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        at timestamptz(3) NOT NULL
      )`);
    await q.query(`CREATE INDEX access_log_request_idx ON access_log (request_id, at DESC, id DESC)`);
    await q.query(`CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_log`);
    await q.query(`ALTER TABLE request_events DROP COLUMN audience`);
  }
}
