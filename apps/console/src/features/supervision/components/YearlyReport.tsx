import { Button, Card, Group, Select, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem';
import type { Schemas } from '@/lib/api/client';
import { downloadReportCsv, useYearlyReport } from '../api/supervision';
import { countryName } from '@/lib/names';

const COLUMNS = ['requests', 'executed', 'refused', 'withdrawn', 'expired', 'closed', 'open'] as const;

/** The yearly table a treaty asks of its parties: requests made and received by country, type and outcome (GET /supervision/report). */
export function YearlyReport() {
  const { t, i18n } = useTranslation('supervision');
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [csvError, setCsvError] = useState<unknown>(null);
  const report = useYearlyReport(year);
  const rows = (name: 'made' | 'received', d: Schemas['ReportDirectionDto']) =>
    [...d.rows, d.total].map((r) => (
      <Table.Tr key={`${name}-${r.country}-${r.type}`} fw={r.country === 'ALL' ? 700 : undefined}>
        <Table.Td>{t(`report.${name}`)}</Table.Td>
        <Table.Th scope="row">{r.country === 'ALL' ? t('report.total') : countryName(r.country, i18n.language)}</Table.Th>
        <Table.Td>{r.type === 'ALL' ? '' : t(`common:type.${r.type}`, { defaultValue: r.type })}</Table.Td>
        {COLUMNS.map((c) => (
          <Table.Td key={c}>{r[c]}</Table.Td>
        ))}
      </Table.Tr>
    ));
  return (
    <Card withBorder component="section" aria-labelledby="yearly-report">
      <Group justify="space-between" align="flex-end" mb="xs">
        <Title order={3} size="h5" id="yearly-report">
          {t('report.title')}
        </Title>
        <Group align="flex-end">
          <Select
            label={t('report.year')}
            data={Array.from({ length: 6 }, (_, i) => String(thisYear - i))}
            value={year}
            onChange={(v) => setYear(v ?? String(thisYear))}
            allowDeselect={false}
            w={120}
          />
          <Button
            variant="default"
            onClick={() => {
              setCsvError(null);
              downloadReportCsv(year).catch(setCsvError);
            }}
          >
            {t('report.csv')}
          </Button>
        </Group>
      </Group>
      <ProblemAlert problem={report.error ?? csvError} />
      {report.data && (
        <Table.ScrollContainer minWidth={820}>
          <Table striped verticalSpacing="xs">
            <Table.Caption>{t('report.caption', { year: report.data.year })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('report.direction')}</Table.Th>
                <Table.Th>{t('report.country')}</Table.Th>
                <Table.Th>{t('report.type')}</Table.Th>
                {COLUMNS.map((c) => (
                  <Table.Th key={c}>{t(`report.columns.${c}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows('made', report.data.made)}
              {rows('received', report.data.received)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
