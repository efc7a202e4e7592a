import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An idempotent call's path is kept whole: `varchar(500)` answered 500 for a path of long
 * percent-encoded parameters (found by the generated inputs; the 414 on a segment over 200
 * characters only hid it for one parameter).
 */
export class IdempotencyPath1764000005100 implements MigrationInterface {
  name = 'IdempotencyPath1764000005100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN path TYPE text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN path TYPE varchar(500)`);
  }
}
