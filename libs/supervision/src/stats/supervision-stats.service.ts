import { Injectable } from '@nestjs/common';
import { AppException, Clock } from '@mla/core';
import { AuthoritiesRepository, Principal } from '@mla/identity';
import type { StatsQueryDto, SupervisionStatsDto } from '../dto/stats.dto';
import { SupervisionRepository } from '../supervision.repository';
import { buildStatsReport } from './stats-report';
import { parseStatsWindow } from './stats-window';

/** How each channel performs: the statistics of DESIGN §8, for the supervisor's country. */
@Injectable()
export class SupervisionStatsService {
  constructor(
    private readonly repository: SupervisionRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly clock: Clock,
  ) {}

  async report(p: Principal, q: StatsQueryDto): Promise<SupervisionStatsDto> {
    if (!p.country || !p.authorityId) throw AppException.forbidden('Supervision belongs to the supervisors of a country');
    const authority = await this.authorities.findById(p.authorityId);
    if (!authority) throw AppException.forbidden('Your authority no longer exists');
    const now = this.clock.now();
    const window = parseStatsWindow(q.from, q.to, authority.timezone, now);
    const groupBy = q.groupBy ?? 'counterpart';
    const rows = await this.repository.stats({ country: p.country, from: window.from, to: window.to, now, groupBy });
    return buildStatsReport(rows, { country: p.country, from: window.from, to: window.to, groupBy, now });
  }
}
