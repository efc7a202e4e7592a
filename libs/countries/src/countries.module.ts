import { Module } from '@nestjs/common';
import { CountriesController } from './countries.controller';
import { CountryRequirementsHolder } from './country-requirements.provider';
import { WorkingCalendarsHolder } from './working-calendars.provider';

/** Country requirements and working calendars, loaded at boot, and the /countries routes. */
@Module({
  controllers: [CountriesController],
  providers: [CountryRequirementsHolder, WorkingCalendarsHolder],
  exports: [CountryRequirementsHolder, WorkingCalendarsHolder],
})
export class CountriesModule {}
