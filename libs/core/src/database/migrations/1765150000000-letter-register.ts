import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register of outgoing letters (DESIGN §4; Decree 30/2020/NĐ-CP art. 15: an official
 * document's number runs per issuing authority from 1 January to 31 December):
 * - `authority_letterheads`: per authority, the symbol its letters carry after the number
 *   ("15/VKSTC-HTQT") and the place it writes before the date, per language
 *   (`{ "vi": "TP. Hồ Chí Minh", "en": "Ho Chi Minh City" }`);
 * - `letter_registers`: per issuing authority and year, the last number given;
 * - `letter_numbers`: the number given to a request's letter, so that a `send` tried again,
 *   or the letter read later in another language, carries the same number (no gap, no twin).
 */
export class LetterRegister1765150000000 implements MigrationInterface {
  name = 'LetterRegister1765150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE authority_letterheads (
      authority_id uuid PRIMARY KEY REFERENCES authorities(id) ON DELETE CASCADE,
      symbol varchar(40) CHECK (symbol IS NULL OR symbol ~ '^[^\\s/][^\\s]*$'),
      places jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(places) = 'object')
    )`);
    await q.query(`CREATE TABLE letter_registers (
      authority_id uuid NOT NULL REFERENCES authorities(id),
      year int2 NOT NULL CHECK (year BETWEEN 2000 AND 2999),
      last_number int4 NOT NULL DEFAULT 0 CHECK (last_number >= 0),
      PRIMARY KEY (authority_id, year)
    )`);
    await q.query(`CREATE TABLE letter_numbers (
      -- no foreign key to requests: the number is reserved outside the transaction that holds the
      -- request's row lock (send), and a key check would wait for that lock
      request_id uuid PRIMARY KEY,
      authority_id uuid NOT NULL REFERENCES authorities(id),
      year int2 NOT NULL,
      number int4 NOT NULL CHECK (number > 0),
      symbol varchar(40) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (authority_id, year, number)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE letter_numbers`);
    await q.query(`DROP TABLE letter_registers`);
    await q.query(`DROP TABLE authority_letterheads`);
  }
}
