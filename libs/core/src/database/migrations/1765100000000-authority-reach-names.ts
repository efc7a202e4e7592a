import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every authority has a `reach` (DESIGN §14: LOCAL, its people sign in here; PEER, it works
 * on another MLA Hub node; OFFLINE, it works on none) and its name in each language it uses
 * (DESIGN §4, `names`). The authorities already registered are LOCAL (everyone so far signs in
 * here), and their one name is their name in their own language.
 */
export class AuthorityReachNames1765100000000 implements MigrationInterface {
  name = 'AuthorityReachNames1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE authorities
      ADD COLUMN reach varchar(8) NOT NULL DEFAULT 'LOCAL' CHECK (reach IN ('LOCAL', 'PEER', 'OFFLINE')),
      ADD COLUMN names jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(names) = 'object')`);
    await q.query(`UPDATE authorities SET names = jsonb_build_object(split_part(language, '-', 1), name)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE authorities DROP COLUMN names, DROP COLUMN reach`);
  }
}
