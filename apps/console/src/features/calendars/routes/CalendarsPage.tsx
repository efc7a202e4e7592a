import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import { Page } from '@/components/Page';
import { ProblemAlert } from '@/components/problem';
import { useMe } from '@/lib/api/hooks';
import { useSearchParams } from 'react-router';
import { formatDate } from '@/lib/format';
import { countryName as nameOf } from '@/lib/names';
import { useCalendar, useCountries, type CalendarYear } from '../api/calendars';
import { CalendarEditor } from '../components/CalendarEditor';

/** Where the calendars open: the user's country; else the browser's region, when the hub has its calendar; else none chosen yet. */
export function homeCountry(mine: string | null | undefined, known: readonly string[] | undefined, browser = globalThis.navigator?.language ?? ''): string | null {
  if (mine) return mine;
  const region = /-([A-Z]{2})\b/.exec(browser)?.[1];
  return region && known?.includes(region) ? region : null;
}

/** A country's working calendar by year (GET /countries/:code/calendars); an ADMIN adds or replaces a year. */
export function CalendarsPage() {
  const { t, i18n } = useTranslation('calendars');
  const me = useMe();
  const countries = useCountries();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('country');
  const setChosen = (v: string | null) => setParams(v ? { country: v } : {}, { replace: true });
  // The user's own country (an admin's: the browser's region when the hub knows it), never the list's first.
  const code = me.isPending ? null : (chosen ?? homeCountry(me.data?.authority?.country, countries.data?.map((c) => c.code)));
  const calendar = useCalendar(code);
  // The year being edited, with the country it belongs to: a change of country never hands one country's days to another's editor.
  const [editing, setEditing] = useState<{ country: string; year: number; from?: CalendarYear } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const isAdmin = me.data?.role === 'ADMIN';
  const countryName = code ? nameOf(code, i18n.language) : '';
  const years = [...(calendar.data?.years ?? [])].sort((a, b) => b.year - a.year);
  const nextYear = Math.max(new Date().getFullYear() + 1, ...years.map((y) => y.year + 1));
  return (
    <Page
      title={t('title')}
      subtitle={t('subtitle')}
      actions={isAdmin && code ? <Button onClick={() => setEditing({ country: code, year: nextYear })}>{t('addYear')}</Button> : undefined}
    >
      <Card withBorder>
        <Select
          label={t('country')}
          placeholder={t('chooseCountry')}
          data={(countries.data ?? []).map((c) => ({ value: c.code, label: nameOf(c.code, i18n.language) })).sort((a, b) => a.label.localeCompare(b.label, i18n.language))}
          value={code}
          onChange={(v) => { setChosen(v); setDone(null); setEditing(null); }}
          allowDeselect={false}
          maw={420}
        />
      </Card>
      {done && (
        <Alert color="green" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      <ProblemAlert problem={countries.error ?? calendar.error} />
      {calendar.isPending && code ? (
        <Text>{t('common:loading')}</Text>
      ) : years.length === 0 && code ? (
        <Text c="dimmed">{t('none', { country: countryName })}</Text>
      ) : (
        years.map((y) => <YearCard key={y.year} year={y} countryName={countryName} onReplace={isAdmin ? () => setEditing({ country: y.country, year: y.year, from: y }) : undefined} />)
      )}
      {editing && (
        <CalendarEditor
          country={editing.country}
          countryName={nameOf(editing.country, i18n.language)}
          initialYear={editing.year}
          from={editing.from}
          onClose={() => setEditing(null)}
          onDone={(message) => setDone(message)}
        />
      )}
    </Page>
  );
}

function YearCard({ year, countryName, onReplace }: { year: CalendarYear; countryName: string; onReplace?: () => void }) {
  const { t } = useTranslation('calendars');
  const headingId = `year-${year.country}-${year.year}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Group gap="xs">
            <Title order={2} size="h3" id={headingId}>
              {t('yearOf', { year: year.year })}
            </Title>
            <Badge variant="light" color={year.origin === 'ADMIN' ? 'blue' : 'gray'} c="dark.8">
              {t(`origin.${year.origin}`)}
            </Badge>
          </Group>
          {year.origin === 'ADMIN' && year.setAt && (
            <Text size="sm" c="dimmed">
              {t('setInfo', { version: year.version ?? 1 })}{' '}
              <DateTime value={year.setAt} />
            </Text>
          )}
        </div>
        {onReplace && (
          <Button size="xs" variant="default" onClick={onReplace}>
            {t('replaceYear', { year: year.year })}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <DayTable title={t('nonWorkingDays')} caption={t('captionNonWorking', { country: countryName, year: year.year })} entries={year.nonWorkingDays} />
        <DayTable title={t('makeUpWorkingDays')} caption={t('captionMakeUp', { country: countryName, year: year.year })} entries={year.makeUpWorkingDays} />
      </SimpleGrid>
    </Card>
  );
}

function DayTable({ title, caption, entries }: { title: string; caption: string; entries: CalendarYear['nonWorkingDays'] }) {
  const { t, i18n } = useTranslation('calendars');
  const lang = i18n.language;
  const count = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('noDays')}
        </Text>
      ) : (
        <Table verticalSpacing={4} striped>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('days')}</Table.Th>
              <Table.Th>{t('name')}</Table.Th>
              <Table.Th>{t('source')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => (
              <Table.Tr key={`${e.from}-${e.to}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <time dateTime={e.from}>{formatDate(e.from, lang)}</time>
                  {e.to !== e.from && (
                    <>
                      {' – '}
                      <time dateTime={e.to}>{formatDate(e.to, lang)}</time>
                    </>
                  )}
                  <Text size="xs" c="dimmed">
                    {t('daysCount', { count: count(e.from, e.to) })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.name ?? '—'}</Text>
                </Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>
                  <Text size="xs">{e.source}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
