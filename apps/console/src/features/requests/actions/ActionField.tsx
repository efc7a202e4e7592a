import { Select, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { Controller, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { RequestAction, RequestDto } from '@/lib/api/client';
import type { TFunction } from 'i18next';
import { formatDate } from '@/lib/format';
import { zoneLabel } from '@/lib/names';
import { dateBounds, widgetOf, type ActionField as Field, type ActionValues } from './action-form';

const outside = (day: string | Date, b: { min?: string; max?: string }) => {
  const d = typeof day === 'string' ? day.slice(0, 10) : day.toISOString().slice(0, 10);
  return Boolean((b.min && d < b.min) || (b.max && d > b.max));
};

/** What a date of an action must be, in words: the preservation window the API answered, the extension's limit, or from today. */
export function dateRuleText(action: RequestAction, request: RequestDto, t: TFunction<string>, lang: string): string {
  const bounds = dateBounds(action, 'preservedUntil', request);
  const zone = zoneLabel(request.preservationWindow?.timezone ?? request.requestedAuthority.timezone, lang);
  if (action === 'confirm_preservation') return t('requests:dialog.preservationWindow', { from: formatDate(bounds.min, lang), to: formatDate(bounds.max, lang), zone });
  if (action === 'extend_preservation') {
    return t('requests:dialog.extensionWindow', { from: formatDate(request.preservedUntil, lang, request.requestedAuthority.timezone), to: formatDate(bounds.max, lang) });
  }
  return t('requests:dialog.expectedHelp');
}

/** One input of an action's dialog, its widget chosen from its OpenAPI schema. */
export function ActionField({ action, field, request, control, error }: { action: RequestAction; field: Field; request: RequestDto; control: Control<ActionValues>; error?: string }) {
  const { t, i18n } = useTranslation('requests');
  const lang = i18n.language;
  const common = { label: t(`common:field.${field.name}`), required: field.required, error };
  const widget = widgetOf(field);
  return (
    <Controller
      control={control}
      name={field.name}
      render={({ field: input }) => {
        if (widget === 'choice') {
          return (
            <Select
              {...common}
              data={(field.enum ?? []).map((g) => ({ value: g, label: t(`common:refusalGround.${g}`) }))}
              value={input.value || null}
              onChange={(v) => input.onChange(v ?? '')}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          );
        }
        if (widget === 'date') {
          const bounds = dateBounds(action, field.name, request);
          const description = dateRuleText(action, request, t, lang);
          return (
            <DateInput
              {...common}
              description={description}
              placeholder={t('dialog.dateFormat')}
              valueFormat="YYYY-MM-DD"
              // No minDate/maxDate: a typed date outside the window would be cleared silently; the schema names it instead.
              defaultDate={bounds.min}
              getDayProps={(day) => ({ style: outside(day, bounds) ? { opacity: 0.45 } : undefined })}
              value={input.value || null}
              onChange={(v) => input.onChange(v ?? '')}
              popoverProps={{ withinPortal: true }}
              clearable
              clearButtonProps={{ 'aria-label': t('common:clear') }}
            />
          );
        }
        if (widget === 'text') return <TextInput {...common} value={input.value ?? ''} onChange={(e) => input.onChange(e.currentTarget.value)} />;
        return <Textarea {...common} autosize minRows={3} value={input.value ?? ''} onChange={(e) => input.onChange(e.currentTarget.value)} />;
      }}
    />
  );
}
