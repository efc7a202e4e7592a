import { Module } from '@nestjs/common';
import { AuditModule } from '@mla/audit';
import { CountriesDataModule } from '@mla/countries';
import { WorkingCalendarsController } from './working-calendars.controller';
import { WorkingCalendarsCoreModule } from './working-calendars-core.module';
import { WorkingCalendarsService } from './working-calendars.service';

/** The API's routes of the working calendars: read them (everyone), set a year (ADMIN, audited). */
@Module({
  imports: [WorkingCalendarsCoreModule, CountriesDataModule, AuditModule],
  controllers: [WorkingCalendarsController],
  providers: [WorkingCalendarsService],
})
export class WorkingCalendarsModule {}
