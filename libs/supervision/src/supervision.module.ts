import { Module } from '@nestjs/common';
import { IdentityDataModule } from '@mla/identity';
import { RequestsCoreModule } from '@mla/requests';
import { MetricsModule } from './metrics/metrics.module';
import { OverdueQueueService } from './overdue/overdue-queue.service';
import { YearlyReportService } from './report/yearly-report.service';
import { SupervisionStatsService } from './stats/supervision-stats.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionRepository } from './supervision.repository';

/** Supervision (DESIGN §8): the overdue queue, statistics, reassignment; and /metrics. */
@Module({
  imports: [IdentityDataModule, RequestsCoreModule, MetricsModule],
  controllers: [SupervisionController],
  providers: [SupervisionRepository, OverdueQueueService, SupervisionStatsService, YearlyReportService],
})
export class SupervisionModule {}
