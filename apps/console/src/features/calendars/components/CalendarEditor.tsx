import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { useFieldArray, useForm, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert, useProblemText } from '@/components/problem';
import { fieldProblemText } from '@/lib/problem-text';
import { ApiProblem } from '@/lib/api/client';
import { useSetCalendarYear, type CalendarYear } from '../api/calendars';
import { rowOfField, sentIndices, toBody, type ListName } from '../calendar-days';
import { calendarSchema, decodeProblem, emptyRow, LISTS, valuesOf, type CalendarValues } from '../calendar-form';

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
  const { t } = useTranslation('calendars');
  const { forField } = useProblemText();
  const save = useSetCalendarYear(country);
  const form = useForm<CalendarValues>({ resolver: zodResolver(calendarSchema), defaultValues: valuesOf(initialYear, from) });
  const yearProblem = decodeProblem(form.formState.errors.year?.message);

  const submit = form.handleSubmit((v) => {
    const lists = { nonWorkingDays: v.nonWorkingDays, makeUpWorkingDays: v.makeUpWorkingDays };
    save.mutate(
      { year: Number(v.year), body: toBody(lists) },
      {
        onSuccess: (r) => {
          onDone(r.changed ? `${t('saved', { country, year: r.year, version: r.version ?? 1 })} ${t(`recomputation.${r.recomputation}`)}` : t('unchanged', { country, year: r.year }));
          onClose();
        },
      },
    );
  });

  return (
    <FormDialog opened onClose={onClose} title={t('editorTitle', { country: countryName })} submitLabel={t('save')} submitting={save.isPending} onSubmit={() => void submit()} size="xl">
      <TextInput
        label={t('year')}
        description={t('yearHelp')}
        required
        inputMode="numeric"
        maxLength={4}
        {...form.register('year', { setValueAs: (v: string) => v.trim() })}
        error={yearProblem ? t(`problem.${yearProblem.key}`) : forField(save.error, 'year')}
      />
      {LISTS.map((list) => (
        <DayRows key={list} list={list} form={form} apiError={save.error} />
      ))}
      <Text size="sm" c="dimmed">
        {t('recomputeHelp')}
      </Text>
      <ProblemAlert problem={save.error} shownFields={['year', 'nonWorkingDays', 'makeUpWorkingDays']} />
    </FormDialog>
  );
}

/** One list's rows (non-working days, or make-up working days): days, name, source, each row removable. */
function DayRows({ list, form, apiError }: { list: ListName; form: UseFormReturn<CalendarValues>; apiError: unknown }) {
  const { t, i18n } = useTranslation('calendars');
  const rows = useFieldArray({ control: form.control, name: list });
  const listLabel = t(list);

  /** The API's problems of one row's field (its index counts the rows sent). */
  const apiProblem = (index: number, field: 'days' | 'name' | 'source'): string | undefined => {
    if (!(apiError instanceof ApiProblem)) return undefined;
    const sent = sentIndices(form.getValues(list));
    const mine = apiError.errors.filter((e) => {
      const at = rowOfField(e.field);
      return at && at.list === list && sent[at.index] === index && at.field === field;
    });
    if (mine.length === 0) return undefined;
    // The calendar's rules (a make-up day on a weekend…) are the server's: its sentence is kept for English readers.
    if (i18n.language === 'en' && apiError.code === 'RULE_VIOLATED') return mine.map((m) => m.message).join('; ');
    return [...new Set(mine.map((m) => fieldProblemText(m, apiError.code, t)))].join('; ');
  };
  const problemOf = (index: number, field: 'days' | 'name' | 'source') => {
    const mine = decodeProblem(form.formState.errors[list]?.[index]?.[field]?.message);
    return mine ? t(`problem.${mine.key}`, mine.values ?? {}) : apiProblem(index, field);
  };
  const add = () => {
    const all = form.getValues();
    rows.append(emptyRow(all[list].at(-1)?.source ?? all.nonWorkingDays.at(-1)?.source ?? ''));
  };

  return (
    <Fieldset legend={listLabel}>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {list === 'makeUpWorkingDays' ? `${t('makeUpHelp')} ` : ''}
          {t('daysHelp')}. {t('sourceHelp')}.
        </Text>
        {rows.fields.map((row, i) => {
          const names = { list: listLabel, n: i + 1 };
          return (
            <Stack key={row.id} gap={4} pb="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
              <Group align="flex-start" gap="xs" grow>
                <TextInput label={t('rowDays', names)} {...form.register(`${list}.${i}.days`)} error={problemOf(i, 'days')} />
                <TextInput label={t('rowName', names)} {...form.register(`${list}.${i}.name`)} error={problemOf(i, 'name')} />
              </Group>
              <Group align="flex-end" gap="xs" wrap="nowrap">
                <TextInput label={t('rowSource', names)} {...form.register(`${list}.${i}.source`)} error={problemOf(i, 'source')} style={{ flex: 1 }} />
                <Button variant="outline" color="red" onClick={() => rows.remove(i)} aria-label={t('removeRow', names)} mb={problemOf(i, 'source') ? 22 : 0}>
                  {t('remove')}
                </Button>
              </Group>
            </Stack>
          );
        })}
        <Group>
          <Button variant="light" size="xs" onClick={add}>
            {t('addRow', { list: listLabel })}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
