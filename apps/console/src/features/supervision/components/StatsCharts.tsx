import { Card, SimpleGrid, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '@/lib/api/client';
import { formatNumber } from '@/lib/format';
import { Chart } from './Chart';

type Direction = Schemas['DirectionStatsDto'];

const scaled = (x: number | null | undefined, scale: number) => (x === null || x === undefined ? x : Math.round(x * scale * 100) / 100);

const BLUE = '#1c4f8a';
const ORANGE = '#c2410c';

/** The statistics of one direction as pictures: time to acknowledge and to execute per group (median, p90), on-time share per deadline kind, backlog by age. */
export function StatsCharts({ data }: { data: Direction }) {
  const { t, i18n } = useTranslation('supervision');
  const lang = i18n.language;
  const groups = data.groups;
  const groupLabel = (key: string) => t(`common:type.${key}`, { defaultValue: t(`common:priority.${key}`, { defaultValue: t(`common:channel.${key}`, { defaultValue: key }) }) });
  const execInHours = (data.total.timeToExecuteDays.p90 ?? 0) > 0 && (data.total.timeToExecuteDays.p90 ?? 0) < 2;
  const charts = useMemo(() => {
    const names = groups.map((g) => groupLabel(g.key));
    const durations = (pick: (g: (typeof groups)[number]) => Schemas['DurationStatsDto'], title: string, scale = 1) => ({
      title,
      option: {
        tooltip: { trigger: 'axis' },
        legend: { data: [t('median'), t('p90')], top: 0 },
        grid: { left: 48, right: 16, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: names },
        yAxis: { type: 'value' },
        series: [
          { name: t('median'), type: 'bar', data: groups.map((g) => (pick(g).median ?? 0) * scale), itemStyle: { color: BLUE } },
          { name: t('p90'), type: 'bar', data: groups.map((g) => (pick(g).p90 ?? 0) * scale), itemStyle: { color: ORANGE } },
        ],
      },
      summary: groups.map((g) => `${groupLabel(g.key)} ${formatNumber(scaled(pick(g).median, scale), lang)} / ${formatNumber(scaled(pick(g).p90, scale), lang)}`).join('; '),
    });
    const onTime = data.total.onTime;
    const backlogKeys = ['days0to30', 'days31to90', 'days91to180', 'over180Days'] as const;
    return [
      durations((g) => g.timeToAcknowledgeHours, t('ack')),
      // Executions within a day would show as empty bars in days: then in hours (issue 21).
      execInHours ? durations((g) => g.timeToExecuteDays, t('execHours'), 24) : durations((g) => g.timeToExecuteDays, t('exec')),
      {
        title: t('onTime'),
        option: {
          tooltip: { trigger: 'axis' },
          grid: { left: 48, right: 16, top: 24, bottom: 64 },
          xAxis: { type: 'category', data: onTime.map((o) => t(`common:deadlineKind.${o.kind}`)), axisLabel: { interval: 0, rotate: 20 } },
          yAxis: { type: 'value', max: 100, name: '%' },
          series: [{ name: t('onTimeShare'), type: 'bar', data: onTime.map((o) => (o.share === null || o.share === undefined ? 0 : Math.round(o.share * 1000) / 10)), itemStyle: { color: '#15803d' } }],
        },
        summary: onTime.map((o) => `${t(`common:deadlineKind.${o.kind}`)} ${o.share === null || o.share === undefined ? '—' : `${formatNumber(o.share * 100, lang)} %`} (${o.onTime}/${o.ended})`).join('; '),
      },
      {
        title: t('backlog'),
        option: {
          tooltip: { trigger: 'axis' },
          grid: { left: 48, right: 16, top: 24, bottom: 32 },
          xAxis: { type: 'category', data: backlogKeys.map((k) => t(`backlogBuckets.${k}`)) },
          yAxis: { type: 'value', minInterval: 1 },
          series: [{ name: t('requests'), type: 'bar', data: backlogKeys.map((k) => data.total.openBacklog[k]), itemStyle: { color: '#7c3aed' } }],
        },
        summary: backlogKeys.map((k) => `${t(`backlogBuckets.${k}`)} ${data.total.openBacklog[k]}`).join('; '),
      },
    ];
  }, [data, lang, execInHours]);
  return (
    <>
      <Text size="sm">{t('totals', { requests: data.total.requests, sent: data.total.sent, dead: data.total.deadWebhookDeliveries })}</Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {charts.map((c) => (
          <Card withBorder key={c.title} component="figure" m={0}>
            <Title order={3} size="h5" component="figcaption" mb="xs">
              {c.title}
            </Title>
            <Chart option={c.option} label={t('chartSummary', { title: c.title, values: c.summary || t('noData') })} />
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}
