import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The storage quota reserved before an upload streams (issue 22 item 7): one row per upload,
 * taken under advisory locks of its request and user, counted until it commits (its file's
 * row then counts for the request) or is given back; a committed row stays 24 hours, the
 * window of the per-user quota. `expires_at` frees what a killed process never gave back.
 */
export class FileQuotaReservations1765000200000 implements MigrationInterface {
  name = 'FileQuotaReservations1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE file_quota_reservations (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES requests(id),
        user_id uuid NOT NULL REFERENCES users(id),
        bytes bigint NOT NULL CHECK (bytes >= 0),
        expires_at timestamptz(3) NOT NULL,
        committed_at timestamptz(3)
      )`);
    await q.query(`CREATE INDEX file_quota_reservations_request ON file_quota_reservations (request_id) WHERE committed_at IS NULL`);
    await q.query(`CREATE INDEX file_quota_reservations_user ON file_quota_reservations (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE file_quota_reservations`);
  }
}
