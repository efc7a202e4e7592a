import { Module } from '@nestjs/common';
import { CountriesController } from './countries.controller';
import { CountriesDataModule } from './countries-data.module';

/** The /countries routes over the loaded country requirements. */
@Module({
  imports: [CountriesDataModule],
  controllers: [CountriesController],
})
export class CountriesModule {}
