import { Button, Card, Group, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '@/components/Page';
import { ProblemAlert } from '@/components/problem';
import { useMe } from '@/lib/api/hooks';
import { addDays, formatDateTime, isoDateInZone } from '@/lib/format';
import { downloadStatsCsv, useStats, type StatsQuery } from '../api/supervision';
import { CounterpartFigures } from '../components/CounterpartFigures';
import { YearlyReport } from '../components/YearlyReport';

// ECharts is loaded only when the charts are shown (its own chunk).
const StatsCharts = lazy(async () => ({ default: (await import('../components/StatsCharts')).StatsCharts }));

export function StatsPage() {
  const { t, i18n } = useTranslation('supervision');
  const me = useMe();
  const zone = me.data?.authority?.timezone ?? 'UTC';
  const [from, setFrom] = useState(addDays(isoDateInZone(zone), -365));
  const [to, setTo] = useState(addDays(isoDateInZone(zone), 1));
  const [groupBy, setGroupBy] = useState<NonNullable<StatsQuery['groupBy']>>('counterpart');
  const [side, setSide] = useState<'outgoing' | 'incoming'>('outgoing');
  const [csvError, setCsvError] = useState<unknown>(null);
  const query: StatsQuery = { from, to, groupBy };
  const stats = useStats(query);
  return (
    <Page
      title={t('stats')}
      subtitle={t('statsSubtitle')}
      actions={
        <Button
          variant="default"
          onClick={() => {
            setCsvError(null);
            downloadStatsCsv(query).catch(setCsvError);
          }}
        >
          {t('csv')}
        </Button>
      }
    >
      <Card withBorder component="section" aria-label={t('common:search')}>
        <Group align="flex-end">
          <TextInput type="date" label={t('from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput type="date" label={t('to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          <Select
            label={t('groupBy')}
            data={(['counterpart', 'type', 'priority', 'channel'] as const).map((g) => ({ value: g, label: t(`groups.${g}`) }))}
            value={groupBy}
            onChange={(v) => setGroupBy((v ?? 'counterpart') as typeof groupBy)}
            allowDeselect={false}
          />
          <div role="group" aria-label={t('sides')}>
            <SegmentedControl
              value={side}
              onChange={(v) => setSide(v as typeof side)}
              data={[
                { value: 'outgoing', label: t('sent') },
                { value: 'incoming', label: t('received') },
              ]}
            />
          </div>
        </Group>
      </Card>
      <ProblemAlert problem={stats.error ?? csvError} />
      {stats.data && (
        <>
          <Text size="xs" c="dimmed">
            {t('generatedAt', { at: formatDateTime(stats.data.generatedAt, i18n.language) })}
          </Text>
          <Suspense fallback={<Text>{t('common:loading')}</Text>}>
            <StatsCharts data={stats.data[side]} />
          </Suspense>
          <CounterpartFigures data={stats.data[side]} />
        </>
      )}
      {stats.isPending && <Text>{t('common:loading')}</Text>}
      <YearlyReport />
    </Page>
  );
}
