import type { ReportDirectionDto, ReportRowDto, SupervisionReportDto } from '../dto/report.dto';
import { csvField } from '../stats/stats-csv';
import type { CounterRow } from '../stats/stats-report';

/** REQUEST_STATES' indexes of the outcomes (the order of `sent_states`). */
const CLOSED = 8;
const REFUSED = 9;
const WITHDRAWN = 10;
const EXPIRED = 11;

const emptyRow = (country: string, type: string): ReportRowDto => ({ country, type, requests: 0, executed: 0, refused: 0, withdrawn: 0, expired: 0, closed: 0, open: 0 });

/** One direction of the report from the rollup's `counterpart_type` counters (value `SG|TRAFFIC_DATA`); only sent requests count. */
function direction(counters: CounterRow[]): ReportDirectionDto {
  const total = emptyRow('ALL', 'ALL');
  const rows: ReportRowDto[] = [];
  for (const c of counters) {
    if (c.sent === 0) continue;
    const [country = '', type = ''] = c.value.split('|');
    const at = (i: number) => Number(c.sent_states[i] ?? 0);
    const row: ReportRowDto = {
      country,
      type,
      requests: c.sent,
      executed: c.executed,
      refused: at(REFUSED),
      withdrawn: at(WITHDRAWN),
      expired: at(EXPIRED),
      closed: at(CLOSED),
      open: c.sent - at(REFUSED) - at(WITHDRAWN) - at(EXPIRED) - at(CLOSED),
    };
    rows.push(row);
    for (const k of ['requests', 'executed', 'refused', 'withdrawn', 'expired', 'closed', 'open'] as const) total[k] += row[k];
  }
  rows.sort((a, b) => (a.country === b.country ? (a.type < b.type ? -1 : 1) : a.country < b.country ? -1 : 1));
  return { rows, total };
}

export function buildYearlyReport(
  counters: CounterRow[],
  meta: { country: string; year: number; timezone: string; from: Date; to: Date; now: Date },
): SupervisionReportDto {
  return {
    country: meta.country,
    year: meta.year,
    timezone: meta.timezone,
    from: meta.from.toISOString(),
    to: meta.to.toISOString(),
    generatedAt: meta.now.toISOString(),
    made: direction(counters.filter((c) => c.direction === 'outgoing')),
    received: direction(counters.filter((c) => c.direction === 'incoming')),
  };
}

const COLUMNS = ['requests', 'executed', 'refused', 'withdrawn', 'expired', 'closed', 'open'] as const;

/** The report as one table (RFC 4180, CRLF): a header, the rows made then received, each closed by its ALL,ALL total. */
export function yearlyReportToCsv(report: SupervisionReportDto): string {
  const lines = [['direction', 'country', 'type', ...COLUMNS].join(',')];
  for (const [name, d] of [['made', report.made], ['received', report.received]] as const) {
    for (const r of [...d.rows, d.total]) lines.push([name, r.country, r.type, ...COLUMNS.map((c) => r[c])].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
