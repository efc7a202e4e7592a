import { Module } from '@nestjs/common';
import { DeadlinesModule } from '@mla/deadlines';
import { IdentityDataModule } from '@mla/identity';
import { OutboxModule } from '@mla/outbox';
import { RequestsModule } from '@mla/requests';
import { MetricsModule } from './metrics/metrics.module';
import { OverdueQueueService } from './overdue/overdue-queue.service';
import { ReassignmentService } from './reassignment/reassignment.service';
import { SupervisionStatsService } from './stats/supervision-stats.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionRepository } from './supervision.repository';

/** Supervision (DESIGN §8): the overdue queue, statistics, reassignment; and /metrics. */
@Module({
  imports: [IdentityDataModule, RequestsModule, DeadlinesModule, OutboxModule, MetricsModule],
  controllers: [SupervisionController],
  providers: [SupervisionRepository, OverdueQueueService, SupervisionStatsService, ReassignmentService],
})
export class SupervisionModule {}
