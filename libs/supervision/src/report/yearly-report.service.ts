import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AppException, Clock } from '@mla/core';
import { AuthoritiesRepository, Principal } from '@mla/identity';
import type { SupervisionReportDto } from '../dto/report.dto';
import { SupervisionRepository } from '../supervision.repository';
import { buildYearlyReport } from './yearly-report';

/** The yearly report of a supervisor's country (DESIGN §14 "Figures"), from the statistics' rollup. */
@Injectable()
export class YearlyReportService {
  constructor(
    private readonly repository: SupervisionRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly clock: Clock,
  ) {}

  async report(p: Principal, year: number): Promise<SupervisionReportDto> {
    if (!p.country || !p.authorityId) throw AppException.forbidden('Supervision belongs to the supervisors of a country');
    const authority = await this.authorities.findById(p.authorityId);
    if (!authority) throw AppException.forbidden('Your authority no longer exists');
    const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: authority.timezone });
    const [from, to] = [start.toJSDate(), start.plus({ years: 1 }).toJSDate()];
    const counters = await this.repository.yearly(p.country, from, to);
    return buildYearlyReport(counters, { country: p.country, year, timezone: authority.timezone, from, to, now: this.clock.now() });
  }
}
