import { Module } from '@nestjs/common';
import { CountriesDataModule } from '@mla/countries';
import { DeadlinePlanner } from './deadline-planner';
import { DeadlinePolicyHolder } from './deadline-policy.provider';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlineScheduler } from './scheduling/deadline-scheduler';

/** The deadline policy, its arithmetic and the deadlines table. */
@Module({
  imports: [CountriesDataModule],
  providers: [DeadlinePolicyHolder, DeadlinesRepository, DeadlinePlanner, DeadlineScheduler],
  exports: [DeadlinePolicyHolder, DeadlinesRepository, DeadlinePlanner, DeadlineScheduler],
})
export class DeadlinesModule {}
