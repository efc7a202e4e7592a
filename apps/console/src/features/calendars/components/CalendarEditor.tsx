import { Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert, useProblemText } from '@/components/problem';
import { ApiProblem } from '@/lib/api/client';
import { useSetCalendarYear, type CalendarYear } from '../api/calendars';
import { checkRows, daysText, rowOfField, sentIndices, toBody, type DayRow, type ListName, type RowProblem } from '../calendar-days';

const LISTS: ListName[] = ['nonWorkingDays', 'makeUpWorkingDays'];
const emptyRow = (source = ''): DayRow => ({ days: '', name: '', source });

function rowsOf(year: CalendarYear | undefined): Record<ListName, DayRow[]> {
  const rows = (list: CalendarYear['nonWorkingDays'] | undefined) => (list ?? []).map((e) => ({ days: daysText(e), name: e.name ?? '', source: e.source }));
  const lists = { nonWorkingDays: rows(year?.nonWorkingDays), makeUpWorkingDays: rows(year?.makeUpWorkingDays) };
  if (lists.nonWorkingDays.length === 0) lists.nonWorkingDays.push(emptyRow());
  return lists;
}

/**
 * Adds or replaces a year of a country's working calendar (PUT /countries/:code/calendars/:year):
 * each day or range on its own row with its source; checked as the API checks it before it is
 * sent, and the API's own problems shown on the row and field they name.
 */
export function CalendarEditor({ country, countryName, initialYear, from, onClose, onDone }: {
  country: string;
  countryName: string;
  initialYear: number;
  from?: CalendarYear;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation('calendars');
  const { forField } = useProblemText();
  const save = useSetCalendarYear(country);
  const [yearText, setYearText] = useState(String(initialYear));
  const [lists, setLists] = useState(() => rowsOf(from));
  const [checked, setChecked] = useState(false);
  const year = Number(yearText);
  const yearOk = /^\d{4}$/.test(yearText) && year >= 1900 && year <= 2199;
  const local: RowProblem[] = checked && yearOk ? checkRows(year, lists) : [];
  const listLabel = (list: ListName) => t(list);

  const update = (list: ListName, index: number, patch: Partial<DayRow>) =>
    setLists((l) => ({ ...l, [list]: l[list].map((r, i) => (i === index ? { ...r, ...patch } : r)) }));
  const add = (list: ListName) => setLists((l) => ({ ...l, [list]: [...l[list], emptyRow(l[list].at(-1)?.source ?? l.nonWorkingDays.at(-1)?.source ?? '')] }));
  const remove = (list: ListName, index: number) => setLists((l) => ({ ...l, [list]: l[list].filter((_, i) => i !== index) }));

  /** The API's problems of one row's field (its index counts the rows sent). */
  const apiProblem = (list: ListName, index: number, field: 'days' | 'name' | 'source'): string | undefined => {
    const p = save.error;
    if (!(p instanceof ApiProblem)) return undefined;
    const sent = sentIndices(lists[list]);
    const mine = p.errors.filter((e) => {
      const at = rowOfField(e.field);
      return at && at.list === list && sent[at.index] === index && at.field === field;
    });
    if (mine.length === 0) return undefined;
    const label = t(`common:problem.field.${p.code}`, { defaultValue: t('common:problem.field.other') });
    return i18n.language === 'en' ? mine.map((m) => `${label}: ${m.message}`).join('; ') : label;
  };
  const problemOf = (list: ListName, index: number, field: 'days' | 'name' | 'source') => {
    const mine = local.find((p) => p.list === list && p.index === index && p.field === field);
    return mine ? t(`problem.${mine.key}`, mine.values ?? {}) : apiProblem(list, index, field);
  };

  const submit = () => {
    setChecked(true);
    if (!yearOk || checkRows(year, lists).length > 0) return;
    save.mutate(
      { year, body: toBody(lists) },
      {
        onSuccess: (r) => {
          onDone(r.changed ? `${t('saved', { country, year: r.year, version: r.version ?? 1 })} ${t(`recomputation.${r.recomputation}`)}` : t('unchanged', { country, year: r.year }));
          onClose();
        },
      },
    );
  };

  return (
    <FormDialog opened onClose={onClose} title={t('editorTitle', { country: countryName })} submitLabel={t('save')} submitting={save.isPending} onSubmit={submit} size="xl">
      <TextInput
        label={t('year')}
        description={t('yearHelp')}
        required
        inputMode="numeric"
        maxLength={4}
        value={yearText}
        onChange={(e) => setYearText(e.currentTarget.value.trim())}
        error={checked && !yearOk ? t('problem.yearRange') : forField(save.error, 'year')}
      />
      {LISTS.map((list) => (
        <Fieldset key={list} legend={listLabel(list)}>
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {list === 'makeUpWorkingDays' ? `${t('makeUpHelp')} ` : ''}
              {t('daysHelp')}. {t('sourceHelp')}.
            </Text>
            {lists[list].map((row, i) => {
              const n = i + 1;
              const names = { list: listLabel(list), n };
              return (
                <Stack key={i} gap={4} pb="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
                  <Group align="flex-start" gap="xs" grow>
                    <TextInput label={t('rowDays', names)} value={row.days} onChange={(e) => update(list, i, { days: e.currentTarget.value })} error={problemOf(list, i, 'days')} />
                    <TextInput label={t('rowName', names)} value={row.name} onChange={(e) => update(list, i, { name: e.currentTarget.value })} error={problemOf(list, i, 'name')} />
                  </Group>
                  <Group align="flex-end" gap="xs" wrap="nowrap">
                    <TextInput
                      label={t('rowSource', names)}
                      value={row.source}
                      onChange={(e) => update(list, i, { source: e.currentTarget.value })}
                      error={problemOf(list, i, 'source')}
                      style={{ flex: 1 }}
                    />
                    <Button variant="outline" color="red" onClick={() => remove(list, i)} aria-label={t('removeRow', names)} mb={problemOf(list, i, 'source') ? 22 : 0}>
                      {t('remove')}
                    </Button>
                  </Group>
                </Stack>
              );
            })}
            <Group>
              <Button variant="light" size="xs" onClick={() => add(list)}>
                {t('addRow', { list: listLabel(list) })}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
      ))}
      <Text size="sm" c="dimmed">
        {t('recomputeHelp')}
      </Text>
      <ProblemAlert problem={save.error} shownFields={['year', 'nonWorkingDays', 'makeUpWorkingDays']} />
    </FormDialog>
  );
}
