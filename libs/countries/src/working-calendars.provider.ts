import { Injectable } from '@nestjs/common';
import { AppConfig } from '@mla/core';
import { layerCalendars, loadWorkingCalendars } from './domain/working-calendar.loader';
import type { CalendarYear, CountryWorkingCalendar, WorkingCalendarMap } from './domain/working-calendar.types';

/** A year an admin set for a country, and the version of that setting. */
export interface SetCalendarYear {
  country: string;
  year: CalendarYear;
  version: number;
}

/**
 * Each country's announced non-working and make-up working days: the countries' file,
 * loaded and validated once at boot, with the years an admin set (kept in the database)
 * laid over it. `calendarFor(country)` is what `addBusinessDays(start, days, place, calendar)`
 * of `@mla/deadlines` takes (undefined: the holiday library alone).
 */
@Injectable()
export class WorkingCalendarsHolder {
  /** The file's calendars, as loaded at boot. */
  readonly fromFile: WorkingCalendarMap;
  private layered: WorkingCalendarMap;
  private fingerprint = '';

  constructor(config: AppConfig) {
    this.fromFile = loadWorkingCalendars(config.WORKING_CALENDARS_PATH);
    this.layered = this.fromFile;
  }

  /** The calendar in force: the file's, with the admin's years over it. */
  get calendars(): WorkingCalendarMap {
    return this.layered;
  }

  calendarFor(country: string): CountryWorkingCalendar | undefined {
    return this.layered.get(country.toUpperCase());
  }

  /** Uses these admin-set years (every one, as read from the database); answers whether anything changed. */
  use(setYears: readonly SetCalendarYear[]): boolean {
    const fingerprint = setYears
      .map((y) => `${y.country}:${y.year.year}:${y.version}`)
      .sort()
      .join(',');
    if (fingerprint === this.fingerprint) return false;
    this.layered = layerCalendars(this.fromFile, setYears);
    this.fingerprint = fingerprint;
    return true;
  }
}
