import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory of authorities (DESIGN §14): how an authority takes correspondence (postal
 * address, e-mail, the languages it reads, the transmission channels it accepts), where these
 * facts come from (`source`) and when they were last checked (`last_verified`, the rule by
 * which `config/directory.yaml` is applied: only an entry verified later than the row). A
 * retired authority (`retired_at`) keeps its requests but is offered for no new one.
 */
export class AuthorityDirectory1765110000000 implements MigrationInterface {
  name = 'AuthorityDirectory1765110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE authorities
      ADD COLUMN address text NULL CHECK (address IS NULL OR length(address) BETWEEN 1 AND 500),
      ADD COLUMN email varchar(254) NULL,
      ADD COLUMN languages text[] NOT NULL DEFAULT '{}',
      ADD COLUMN channels text[] NOT NULL DEFAULT '{}'
        CHECK (channels <@ ARRAY['DIPLOMATIC', 'CENTRAL_AUTHORITY_MAIL', 'EMAIL', 'INTERPOL', 'NETWORK_24_7', 'COURIER', 'OTHER']::text[]),
      ADD COLUMN source text NULL CHECK (source IS NULL OR length(source) BETWEEN 1 AND 1000),
      ADD COLUMN last_verified date NULL,
      ADD COLUMN retired_at timestamptz NULL`);
    await q.query(`UPDATE authorities SET languages = ARRAY[split_part(language, '-', 1)]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE authorities DROP COLUMN retired_at, DROP COLUMN last_verified, DROP COLUMN source,
      DROP COLUMN channels, DROP COLUMN languages, DROP COLUMN email, DROP COLUMN address`);
  }
}
