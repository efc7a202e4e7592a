import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hidden events keep their secrets (issue 22, item 3): each event's hash covers a random salt
 * of 128 bits stored with it and shown only to those who may see the event. Future events
 * only: the events already written keep no salt (NULL) and verify by the old formula, as
 * their hashes were made (the history is append-only; rewriting it would break the chain
 * every side has already seen).
 */
export class EventSalts1765000400000 implements MigrationInterface {
  name = 'EventSalts1765000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE request_events ADD COLUMN salt varchar(64) CHECK (salt ~ '^[0-9a-f]{32,64}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Dropping the salts would leave every salted event unverifiable: refuse while there are any.
    const rows = (await q.query(`SELECT EXISTS (SELECT 1 FROM request_events WHERE salt IS NOT NULL) AS salted`)) as { salted: boolean }[];
    if (rows[0]?.salted) throw new Error('request_events holds salted events: their hashes cannot be verified without the salts, so the salt column stays');
    await q.query(`ALTER TABLE request_events DROP COLUMN salt`);
  }
}
