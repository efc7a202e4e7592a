import { Card, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '@/lib/api/client';
import { formatNumber } from '@/lib/format';
import { countryName } from '@/lib/names';

type Figures = Schemas['CounterpartFiguresDto'];

/** How each counterpart answers (DESIGN §14): one table per counterpart country, one per authority. */
export function CounterpartFigures({ data }: { data: Schemas['DirectionStatsDto'] }) {
  const { t, i18n } = useTranslation('supervision');
  const lang = i18n.language;
  const percent = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${formatNumber(x * 100, lang)} %`);
  const table = (caption: string, rows: Figures[], name: (f: Figures) => string) => (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('figures.counterpart')}</Table.Th>
            <Table.Th>{t('figures.sent')}</Table.Th>
            <Table.Th>{t('figures.answered')}</Table.Th>
            <Table.Th>{t('figures.replyRate')}</Table.Th>
            <Table.Th>{t('figures.medianDays')}</Table.Th>
            <Table.Th>{t('figures.p90Days')}</Table.Th>
            <Table.Th>{t('figures.chasesPerRequest')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((f) => (
            <Table.Tr key={`${f.country}-${f.authorityId ?? ''}`}>
              <Table.Th scope="row">{name(f)}</Table.Th>
              <Table.Td>{f.sent}</Table.Td>
              <Table.Td>{f.answered}</Table.Td>
              <Table.Td>{percent(f.replyRate)}</Table.Td>
              <Table.Td>{formatNumber(f.timeToAnswerDays.median, lang)}</Table.Td>
              <Table.Td>{formatNumber(f.timeToAnswerDays.p90, lang)}</Table.Td>
              <Table.Td>{formatNumber(f.chasesPerRequest, lang, 2)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
  return (
    <Card withBorder component="section" aria-labelledby="counterpart-figures">
      <Title order={3} size="h5" id="counterpart-figures" mb="xs">
        {t('figures.title')}
      </Title>
      {data.byCountry.length === 0 ? (
        <Text size="sm">{t('noData')}</Text>
      ) : (
        <>
          {table(t('figures.byCountry'), data.byCountry, (f) => countryName(f.country, lang))}
          {table(t('figures.byAuthority'), data.byAuthority, (f) => `${f.authorityName ?? f.authorityCode ?? f.authorityId ?? ''} (${countryName(f.country, lang)})`)}
        </>
      )}
    </Card>
  );
}
