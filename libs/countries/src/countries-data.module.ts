import { Module } from '@nestjs/common';
import { CountryRequirementsHolder } from './country-requirements.provider';
import { WorkingCalendarsHolder } from './working-calendars.provider';

/** Country requirements and working calendars, loaded and validated at boot; no routes (what other modules import). */
@Module({
  providers: [CountryRequirementsHolder, WorkingCalendarsHolder],
  exports: [CountryRequirementsHolder, WorkingCalendarsHolder],
})
export class CountriesDataModule {}
