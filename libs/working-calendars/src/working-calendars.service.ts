import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditRepository } from '@mla/audit';
import { AppException, Clock, TransactionRunner } from '@mla/core';
import { type CalendarEntry, type CalendarYear, isCountryCode, parseCalendarYear, WorkingCalendarsHolder } from '@mla/countries';
import type { Principal } from '@mla/identity';
import type { CalendarYearDto, CountryCalendarDto, SetCalendarYearResultDto } from './dto/working-calendar.dto';
import { WorkingCalendarSweeps } from './working-calendar-sweeps';
import { type CalendarYearRow, WorkingCalendarYearsRepository } from './working-calendar-years.repository';

/** An entry with its keys in one order (jsonb keeps its own). */
const entryOf = (e: CalendarEntry): CalendarEntry => ({ from: e.from, to: e.to, ...(e.name !== undefined && { name: e.name }), source: e.source });
const listsOf = (y: CalendarYear) => ({ nonWorkingDays: y.nonWorkingDays.map(entryOf), makeUpWorkingDays: y.makeUpWorkingDays.map(entryOf) });
const sameLists = (a: CalendarYear, b: CalendarYear) => JSON.stringify(listsOf(a)) === JSON.stringify(listsOf(b));

function adminYear(row: CalendarYearRow): CalendarYearDto {
  return { country: row.country, year: row.year.year, origin: 'ADMIN', version: row.version, setAt: row.setAt.toISOString(), setBy: row.setBy, ...listsOf(row.year) };
}

function fileYear(country: string, y: CalendarYear): CalendarYearDto {
  return { country, year: y.year, origin: 'FILE', ...listsOf(y) };
}

/**
 * Each country's working calendar as an admin keeps it (DESIGN §5 as the README extends it):
 * a year's announced schedule set through the API, validated like the file, audited in its
 * own transaction, announced to every process at commit; the country's open business-day
 * deadlines are then recomputed and rescheduled before the answer (or by the sweeps, when
 * that is interrupted).
 */
@Injectable()
export class WorkingCalendarsService {
  private readonly logger = new Logger(WorkingCalendarsService.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly holder: WorkingCalendarsHolder,
    private readonly years: WorkingCalendarYearsRepository,
    private readonly audit: AuditRepository,
    private readonly sweeps: WorkingCalendarSweeps,
  ) {}

  /** The years of a country with an announced schedule, the one in force for each. */
  async ofCountry(code: string): Promise<CountryCalendarDto> {
    const country = this.countryCode(code);
    const set = await this.years.ofCountry(country);
    const byYear = new Map<number, CalendarYearDto>();
    for (const y of this.holder.fromFile.get(country)?.years ?? []) byYear.set(y.year, fileYear(country, y));
    for (const row of set) byYear.set(row.year.year, adminYear(row));
    return { country, years: [...byYear.values()].sort((a, b) => a.year - b.year) };
  }

  async setYear(admin: Principal, code: string, year: number, body: unknown): Promise<SetCalendarYearResultDto> {
    const country = this.countryCode(code);
    const parsed = parseCalendarYear(year, body ?? {});
    if (!parsed.ok) throw AppException.validation(parsed.issues.map((i) => ({ field: i.path || 'body', message: i.message })));
    const now = this.clock.now();

    const outcome = await this.tx.run(async (m) => {
      const before = await this.years.lockYear(m, country, year);
      if (before && sameLists(before.year, parsed.year)) return { row: before, changed: false };
      const fromFile = this.holder.fromFile.get(country)?.years.find((y) => y.year === year);
      const row = await this.years.save(m, { id: before?.id ?? randomUUID(), country, year: parsed.year, setBy: admin.userId, setAt: now });
      await this.audit.record(
        m,
        {
          id: randomUUID(),
          actorUserId: admin.userId,
          actorEmail: admin.email,
          action: 'calendar.year_set',
          targetType: 'WORKING_CALENDAR',
          targetId: row.id,
          changes: before ? (['nonWorkingDays', 'makeUpWorkingDays'] as const).filter((k) => JSON.stringify(listsOf(before.year)[k]) !== JSON.stringify(listsOf(parsed.year)[k])) : ['nonWorkingDays', 'makeUpWorkingDays'],
          before: before ? { country, year, origin: 'ADMIN', version: before.version, ...listsOf(before.year) } : fromFile ? { country, year, origin: 'FILE', ...listsOf(fromFile) } : null,
          after: { country, year, origin: 'ADMIN', version: row.version, ...listsOf(row.year) },
          countries: [country],
        },
        [],
        now,
      );
      return { row, changed: true };
    });

    if (outcome.changed) {
      // At once, here; the sweeps finish it if this is interrupted (the change is committed).
      await this.sweeps.sweep({ waitForLock: true }).catch((error: unknown) => this.logger.warn(`calendar ${country} ${year} set; its deadlines are recomputed by the sweeps: ${String(error)}`));
    }
    const after = (await this.years.ofCountry(country)).find((r) => r.year.year === year) ?? outcome.row;
    return { ...adminYear(after), changed: outcome.changed, recomputation: after.recomputedVersion >= after.version ? 'DONE' : 'PENDING' };
  }

  private countryCode(code: string): string {
    const country = code.toUpperCase();
    if (!isCountryCode(country)) throw AppException.validation([{ field: 'code', message: `${code} is not an ISO 3166-1 alpha-2 country code` }]);
    return country;
  }
}
