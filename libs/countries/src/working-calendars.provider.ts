import { Injectable } from '@nestjs/common';
import { AppConfig } from '@mla/core';
import { loadWorkingCalendars } from './domain/working-calendar.loader';
import type { CountryWorkingCalendar, WorkingCalendarMap } from './domain/working-calendar.types';

/**
 * Each country's announced non-working and make-up working days, loaded and validated once at
 * boot. `calendarFor(country)` is what `addBusinessDays(start, days, place, calendar)` of
 * `@mla/deadlines` takes (undefined: the holiday library alone).
 */
@Injectable()
export class WorkingCalendarsHolder {
  readonly calendars: WorkingCalendarMap;

  constructor(config: AppConfig) {
    this.calendars = loadWorkingCalendars(config.WORKING_CALENDARS_PATH);
  }

  calendarFor(country: string): CountryWorkingCalendar | undefined {
    return this.calendars.get(country.toUpperCase());
  }
}
