import { Module } from '@nestjs/common';
import { CountryRequirementsHolder } from './country-requirements.provider';
import { DirectoryHolder } from './directory.provider';
import { WorkingCalendarsHolder } from './working-calendars.provider';

/** Country requirements, working calendars and the directory of authorities, loaded and validated at boot; no routes (what other modules import). */
@Module({
  providers: [CountryRequirementsHolder, WorkingCalendarsHolder, DirectoryHolder],
  exports: [CountryRequirementsHolder, WorkingCalendarsHolder, DirectoryHolder],
})
export class CountriesDataModule {}
