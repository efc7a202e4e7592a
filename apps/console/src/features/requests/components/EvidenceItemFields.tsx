import { Code, FileInput, Group, Button, Paper, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useProblemText } from '@/components/problem';
import { ApiProblem } from '@/lib/api/client';
import { formatBytes } from '@/lib/format';
import { sha256Hex } from '@/lib/sha256';
import { EVIDENCE_KINDS, EVIDENCE_TRANSFERS, type DeliveryValues, type EvidenceKind, type EvidenceTransfer } from '../actions/evidence-form';

/** One item of the delivery: its kind, description and (a FILE) its content, hashed as soon as chosen. */
export function EvidenceItemFields({ form, index: i, problem, onRemove }: { form: UseFormReturn<DeliveryValues>; index: number; problem: unknown; onRemove?: () => void }) {
  const { t, i18n } = useTranslation('requests');
  const { t: tx } = useTranslation('evidence');
  const { forField } = useProblemText();
  const [hashing, setHashing] = useState(false);
  const apiProblem = problem instanceof ApiProblem ? problem : null;
  const errors = form.formState.errors.items?.[i];
  const kind = form.watch(`items.${i}.kind`);
  const file = form.watch(`items.${i}.file`);
  const sha256 = form.watch(`items.${i}.sha256`);
  const transfer = form.watch(`items.${i}.transfer`);
  const choose = async (chosen: File | null) => {
    form.setValue(`items.${i}.file`, chosen);
    form.setValue(`items.${i}.sha256`, '');
    if (!chosen) return;
    setHashing(true);
    form.setValue(`items.${i}.sha256`, await sha256Hex(chosen));
    setHashing(false);
  };
  return (
    <Paper withBorder p="sm" component="fieldset" style={{ border: undefined }}>
      <Text component="legend" fw={600} size="sm">
        {t('dialog.item', { n: i + 1 })}
      </Text>
      <Stack gap="xs">
        <Controller
          control={form.control}
          name={`items.${i}.kind`}
          render={({ field }) => (
            <Select
              label={t('common:field.kind')}
              data={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`common:evidenceKind.${k}`) }))}
              value={field.value}
              onChange={(v) => field.onChange((v as EvidenceKind) ?? EVIDENCE_KINDS[0])}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
        <Textarea label={t('common:field.description')} required autosize minRows={2} {...form.register(`items.${i}.description`)} error={forField(apiProblem, `items[${i}].description`) ?? errors?.description?.message} />
        {kind === 'FILE' && (
          <>
            <FileInput label={t('dialog.file')} required value={file} onChange={(f) => void choose(f)} clearable error={forField(apiProblem, `items[${i}].sha256`) ?? errors?.file?.message} />
            {hashing && <Text size="sm">{t('dialog.hashing')}</Text>}
            {sha256 && file && (
              <Text size="sm" role="status">
                {t('dialog.computed', { size: formatBytes(file.size, i18n.language) })} <Code style={{ wordBreak: 'break-all' }}>{sha256}</Code>
              </Text>
            )}
            <Controller
              control={form.control}
              name={`items.${i}.transfer`}
              render={({ field }) => (
                <Radio.Group label={tx('transfer.label')} description={tx(field.value === 'UPLOAD' ? 'transfer.uploadHelp' : 'transfer.outOfBandHelp')} value={field.value} onChange={(v) => field.onChange(v as EvidenceTransfer)}>
                  <Group mt={4}>
                    {EVIDENCE_TRANSFERS.map((tr) => (
                      <Radio key={tr} value={tr} label={tx(`transfer.${tr}`)} />
                    ))}
                  </Group>
                </Radio.Group>
              )}
            />
            {transfer === 'OUT_OF_BAND' && <TextInput label={tx('transfer.medium')} placeholder={tx('transfer.mediumPlaceholder')} maxLength={300} {...form.register(`items.${i}.medium`)} />}
          </>
        )}
        {onRemove && (
          <Group justify="flex-end">
            <Button variant="subtle" color="red" size="xs" onClick={onRemove}>
              {t('dialog.removeItem', { n: i + 1 })}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
