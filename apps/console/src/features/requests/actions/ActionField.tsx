import { Select, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { Controller, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { RequestAction, RequestDto } from '@/lib/api/client';
import { formatDate } from '@/lib/format';
import { dateBounds, widgetOf, type ActionField as Field, type ActionValues } from './action-form';

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
          const window = request.preservationWindow;
          const description =
            action === 'confirm_preservation'
              ? t('dialog.preservationWindow', { from: formatDate(bounds.min, lang), to: formatDate(bounds.max, lang), zone: window?.timezone ?? request.requestedAuthority.timezone })
              : action === 'extend_preservation'
                ? t('dialog.extensionWindow', { from: formatDate(request.preservedUntil, lang, request.requestedAuthority.timezone), to: formatDate(bounds.max, lang) })
                : t('dialog.expectedHelp');
          return (
            <DateInput
              {...common}
              description={description}
              placeholder={t('dialog.dateFormat')}
              valueFormat="YYYY-MM-DD"
              minDate={bounds.min}
              maxDate={bounds.max}
              defaultDate={bounds.min}
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
