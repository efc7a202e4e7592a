import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeadlineEntity } from './deadline.entity';
import { DeadlinePlanner } from './deadline-planner';
import { DeadlinePolicyHolder } from './deadline-policy.provider';
import { DeadlinesRepository } from './deadlines.repository';

/** The deadline policy, its arithmetic and the deadlines table. */
@Module({
  imports: [TypeOrmModule.forFeature([DeadlineEntity])],
  providers: [DeadlinePolicyHolder, DeadlinesRepository, DeadlinePlanner],
  exports: [DeadlinePolicyHolder, DeadlinesRepository, DeadlinePlanner],
})
export class DeadlinesModule {}
