import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A letter's number and symbol (Decree 30/2020/NĐ-CP: "Số: 15/VKSTC-HTQT"). */
export interface LetterNumber {
  number: number;
  symbol: string;
  year: number;
}

/** How an authority heads its letters: the symbol after the number and the place before the date, per language. */
export interface Letterhead {
  symbol: string | null;
  places: Record<string, string>;
}

/**
 * Gives a letter its number from the issuing authority's register for the year, in a short
 * transaction of its own: the register's row of that authority and year is locked for two
 * statements, never for a `send`. Given a request, the reservation is that request's for good:
 * asked again (a `send` tried again, the letter read later) it answers the same number.
 */
export async function reserveLetterNumber(db: DataSource | EntityManager, authorityId: string, year: number, requestId?: string): Promise<LetterNumber> {
  return db.transaction(async (m) => {
    await m.query(`INSERT INTO letter_registers (authority_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [authorityId, year]);
    await m.query(`SELECT 1 FROM letter_registers WHERE authority_id = $1 AND year = $2 FOR UPDATE`, [authorityId, year]);
    if (requestId) {
      const [given] = (await m.query(`SELECT number, symbol, year FROM letter_numbers WHERE request_id = $1`, [requestId])) as LetterNumber[];
      if (given) return given;
    }
    const [row] = (await m.query(
      `UPDATE letter_registers r SET last_number = r.last_number + 1 WHERE r.authority_id = $1 AND r.year = $2
       RETURNING r.last_number AS number, r.year::int AS year,
         coalesce((SELECT h.symbol FROM authority_letterheads h WHERE h.authority_id = $1), (SELECT a.code FROM authorities a WHERE a.id = $1)) AS symbol`,
      [authorityId, year],
    )) as [LetterNumber[], number];
    const reserved = row[0] as LetterNumber;
    if (requestId) {
      await m.query(`INSERT INTO letter_numbers (request_id, authority_id, year, number, symbol) VALUES ($1, $2, $3, $4, $5)`, [requestId, authorityId, year, reserved.number, reserved.symbol]);
    }
    return reserved;
  });
}

@Injectable()
export class LetterRegisterRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The next number of the authority's register for the year (see `reserveLetterNumber`). */
  reserve(authorityId: string, year: number, requestId?: string, db: DataSource | EntityManager = this.dataSource): Promise<LetterNumber> {
    return reserveLetterNumber(db, authorityId, year, requestId);
  }

  /** The number the request's letter was given, if any. */
  async given(requestId: string, m?: EntityManager): Promise<LetterNumber | null> {
    const rows = (await (m ?? this.dataSource).query(`SELECT number, symbol, year FROM letter_numbers WHERE request_id = $1`, [requestId])) as LetterNumber[];
    return rows[0] ?? null;
  }

  /** Sets an authority's letterhead (symbol, places per language). */
  async setLetterhead(authorityId: string, letterhead: Letterhead, m?: EntityManager): Promise<void> {
    await (m ?? this.dataSource).query(
      `INSERT INTO authority_letterheads (authority_id, symbol, places) VALUES ($1, $2, $3)
       ON CONFLICT (authority_id) DO UPDATE SET symbol = EXCLUDED.symbol, places = EXCLUDED.places`,
      [authorityId, letterhead.symbol, JSON.stringify(letterhead.places)],
    );
  }
}
