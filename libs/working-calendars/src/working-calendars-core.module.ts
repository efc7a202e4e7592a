import { Module } from '@nestjs/common';
import { CountriesDataModule } from '@mla/countries';
import { DeadlinesModule } from '@mla/deadlines';
import { RequestsCoreModule } from '@mla/requests';
import { DeadlineRecomputation } from './deadline-recomputation';
import { WorkingCalendarSweeps } from './working-calendar-sweeps';
import { WorkingCalendarYearsRepository } from './working-calendar-years.repository';

/** For every process (API and worker): the calendars admins set kept in force, and the deadlines they move recomputed. No HTTP. */
@Module({
  imports: [CountriesDataModule, DeadlinesModule, RequestsCoreModule],
  providers: [WorkingCalendarYearsRepository, DeadlineRecomputation, WorkingCalendarSweeps],
  exports: [WorkingCalendarYearsRepository, DeadlineRecomputation, WorkingCalendarSweeps],
})
export class WorkingCalendarsCoreModule {}
