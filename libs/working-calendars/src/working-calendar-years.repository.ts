import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CalendarEntry, CalendarYear, SetCalendarYear } from '@mla/countries';

/** The PostgreSQL channel a changed working calendar is announced on (NOTIFY, at commit). */
export const WORKING_CALENDARS_CHANNEL = 'working_calendars';

/** A year an admin set, as stored. */
export interface CalendarYearRow extends SetCalendarYear {
  id: string;
  setBy: string;
  setAt: Date;
  recomputedVersion: number;
  recomputedAt: Date | null;
}

/** A country's year whose deadlines are still to be recomputed (at this version). */
export interface OwedRecomputation {
  country: string;
  year: number;
  version: number;
}

interface RawRow {
  id: string;
  country: string;
  year: number;
  nonWorkingDays: CalendarEntry[];
  makeUpWorkingDays: CalendarEntry[];
  version: number;
  setBy: string;
  setAt: Date;
  recomputedVersion: number;
  recomputedAt: Date | null;
}

const COLUMNS = `id, country, year, non_working_days AS "nonWorkingDays", make_up_working_days AS "makeUpWorkingDays", version,
  set_by AS "setBy", set_at AS "setAt", recomputed_version AS "recomputedVersion", recomputed_at AS "recomputedAt"`;

const toRow = (r: RawRow): CalendarYearRow => ({
  id: r.id,
  country: r.country,
  year: { year: r.year, nonWorkingDays: r.nonWorkingDays, makeUpWorkingDays: r.makeUpWorkingDays },
  version: r.version,
  setBy: r.setBy,
  setAt: r.setAt,
  recomputedVersion: r.recomputedVersion,
  recomputedAt: r.recomputedAt,
});

/** The years admins set (`working_calendar_years`): few rows, read whole. */
@Injectable()
export class WorkingCalendarYearsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async all(): Promise<CalendarYearRow[]> {
    return ((await this.dataSource.query(`SELECT ${COLUMNS} FROM working_calendar_years ORDER BY country, year`)) as RawRow[]).map(toRow);
  }

  async ofCountry(country: string): Promise<CalendarYearRow[]> {
    return ((await this.dataSource.query(`SELECT ${COLUMNS} FROM working_calendar_years WHERE country = $1 ORDER BY year`, [country])) as RawRow[]).map(toRow);
  }

  /** The year as stored, locked until the transaction ends (null: never set). */
  async lockYear(m: EntityManager, country: string, year: number): Promise<CalendarYearRow | null> {
    const rows = (await m.query(`SELECT ${COLUMNS} FROM working_calendar_years WHERE country = $1 AND year = $2 FOR UPDATE`, [country, year])) as RawRow[];
    return rows[0] ? toRow(rows[0]) : null;
  }

  /**
   * Sets a year (a new one, or the next version of one), and announces it to every process
   * (NOTIFY, delivered at commit): one statement.
   */
  async save(m: EntityManager, row: { id: string; country: string; year: CalendarYear; setBy: string; setAt: Date }): Promise<CalendarYearRow> {
    const rows = (await m.query(
      `WITH saved AS (
         INSERT INTO working_calendar_years AS w (id, country, year, non_working_days, make_up_working_days, set_by, set_at)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7)
         ON CONFLICT (country, year) DO UPDATE SET non_working_days = EXCLUDED.non_working_days, make_up_working_days = EXCLUDED.make_up_working_days,
           set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at, version = w.version + 1
         RETURNING ${COLUMNS}
       ), announced AS (SELECT pg_notify('${WORKING_CALENDARS_CHANNEL}', $8::text))
       SELECT saved.* FROM saved, announced`,
      [row.id, row.country, row.year.year, JSON.stringify(row.year.nonWorkingDays), JSON.stringify(row.year.makeUpWorkingDays), row.setBy, row.setAt, row.country],
    )) as RawRow[];
    return toRow(rows[0] as RawRow);
  }

  /**
   * The years whose deadlines are owed a recomputation: one never done at the version set, and,
   * once `settleMs` has passed since it was set, one more of every year (a process that computed
   * a due time before it heard of the change has by then re-read the calendar: see the sweeps).
   */
  async owed(now: Date, settleMs: number): Promise<OwedRecomputation[]> {
    return this.dataSource.query(
      `SELECT country, year, version FROM working_calendar_years
       WHERE recomputed_version < version
          OR (recomputed_at < set_at + make_interval(secs => $2::float8 / 1000) AND $1::timestamptz >= set_at + make_interval(secs => $2::float8 / 1000))
       ORDER BY set_at`,
      [now, settleMs],
    );
  }

  async markRecomputed(owed: OwedRecomputation, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE working_calendar_years SET recomputed_version = greatest(recomputed_version, $3), recomputed_at = $4
       WHERE country = $1 AND year = $2 AND version >= $3`,
      [owed.country, owed.year, owed.version, at],
    );
  }
}
