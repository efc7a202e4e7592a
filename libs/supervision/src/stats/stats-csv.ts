import { DEADLINE_KINDS, REQUEST_STATES } from '@mla/domain';
import type { GroupStatsDto, SupervisionStatsDto } from '../dto/stats.dto';

/** One field of RFC 4180: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS: { header: string; value: (g: GroupStatsDto) => number | null }[] = [
  { header: 'requests', value: (g) => g.requests },
  { header: 'sent', value: (g) => g.sent },
  ...REQUEST_STATES.map((s) => ({ header: `state_${s}`, value: (g: GroupStatsDto) => (g.byState as unknown as Record<string, number>)[s] ?? 0 })),
  { header: 'acknowledge_n', value: (g) => g.timeToAcknowledgeHours.n },
  { header: 'acknowledge_median_hours', value: (g) => g.timeToAcknowledgeHours.median },
  { header: 'acknowledge_p90_hours', value: (g) => g.timeToAcknowledgeHours.p90 },
  { header: 'execute_n', value: (g) => g.timeToExecuteDays.n },
  { header: 'execute_median_days', value: (g) => g.timeToExecuteDays.median },
  { header: 'execute_p90_days', value: (g) => g.timeToExecuteDays.p90 },
  ...DEADLINE_KINDS.flatMap((kind) => {
    const of = (g: GroupStatsDto) => g.onTime.find((o) => o.kind === kind);
    return [
      { header: `${kind}_ended`, value: (g: GroupStatsDto) => of(g)?.ended ?? 0 },
      { header: `${kind}_on_time`, value: (g: GroupStatsDto) => of(g)?.onTime ?? 0 },
      { header: `${kind}_on_time_share`, value: (g: GroupStatsDto) => of(g)?.share ?? null },
    ];
  }),
  { header: 'backlog_0_30_days', value: (g) => g.openBacklog.days0to30 },
  { header: 'backlog_31_90_days', value: (g) => g.openBacklog.days31to90 },
  { header: 'backlog_91_180_days', value: (g) => g.openBacklog.days91to180 },
  { header: 'backlog_over_180_days', value: (g) => g.openBacklog.over180Days },
  { header: 'dead_webhook_deliveries', value: (g) => g.deadWebhookDeliveries },
];

/**
 * The statistics as one flat table (RFC 4180, CRLF line ends): a header row, then one row
 * per direction and group, each direction closed by its total (group ALL). Empty cells
 * where there is nothing to measure (a median of no request).
 */
export function statsToCsv(stats: SupervisionStatsDto): string {
  const header = ['direction', stats.groupBy, ...COLUMNS.map((c) => c.header)];
  const lines = [header.map(csvField).join(',')];
  for (const direction of ['outgoing', 'incoming'] as const) {
    const d = stats[direction];
    for (const g of [...d.groups, d.total]) {
      lines.push([direction, g.key, ...COLUMNS.map((c) => c.value(g))].map(csvField).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
