import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Code, FileInput, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert, useProblemText } from '@/components/problem';
import { ApiProblem, idempotencyKey, type RequestDto } from '@/lib/api/client';
import { formatBytes } from '@/lib/format';
import { sha256Hex } from '@/lib/sha256';
import { deliveryBody, deliverySchema, EVIDENCE_KINDS, newItem, type DeliveryValues, type EvidenceKind } from '../actions/evidence-form';
import { useTransition } from '../api/requests';
import { EvidenceUploads, type UploadPlan } from './EvidenceUploads';

/**
 * deliver_evidence: the items (a FILE's SHA-256 and size computed in the browser with
 * WebCrypto), then each file uploaded with a progress bar and the server's verification shown.
 */
export function EvidenceDelivery({ request, onClose, onReload, onDone }: { request: RequestDto; onClose: () => void; onReload: () => void; onDone?: () => void }) {
  const { t } = useTranslation('requests');
  const transition = useTransition(request);
  const [key] = useState(idempotencyKey);
  const [plan, setPlan] = useState<UploadPlan | null>(null);
  const form = useForm<DeliveryValues>({ resolver: zodResolver(deliverySchema(t('common:problem.field.REQUEST_INCOMPLETE'))), defaultValues: { items: [newItem()], final: false } });
  const items = useFieldArray({ control: form.control, name: 'items' });

  const submit = form.handleSubmit((v) => {
    transition.mutate(
      { action: 'deliver_evidence', body: deliveryBody(v), key },
      {
        onSuccess: (updated) => {
          onDone?.();
          const files = v.items.flatMap((it, index) => (it.kind === 'FILE' && it.file ? [{ itemNo: index + 1, file: it.file }] : []));
          if (files.length === 0) return onClose();
          setPlan({ deliveryNo: updated.deliveryCount, files });
        },
      },
    );
  });

  if (plan) return <EvidenceUploads requestId={request.id} plan={plan} onClose={onClose} />;

  return (
    <FormDialog opened onClose={onClose} title={t('common:action.deliver_evidence')} submitLabel={t('common:action.deliver_evidence')} submitting={transition.isPending} onSubmit={() => void submit()} size="xl">
      {items.fields.map((f, i) => (
        <ItemFields key={f.id} form={form} index={i} problem={transition.error} onRemove={items.fields.length > 1 ? () => items.remove(i) : undefined} />
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => items.append(newItem())}>
          {t('dialog.addItem')}
        </Button>
      </Group>
      <Controller
        control={form.control}
        name="final"
        render={({ field }) => <Checkbox label={t('common:field.final')} description={t('dialog.finalHelp')} checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />}
      />
      <ProblemAlert problem={transition.error} onReload={() => { onReload(); onClose(); }} shownFields={['items']} />
    </FormDialog>
  );
}

/** One item of the delivery: its kind, description and (a FILE) its content, hashed as soon as chosen. */
function ItemFields({ form, index: i, problem, onRemove }: { form: UseFormReturn<DeliveryValues>; index: number; problem: unknown; onRemove?: () => void }) {
  const { t, i18n } = useTranslation('requests');
  const { forField } = useProblemText();
  const [hashing, setHashing] = useState(false);
  const apiProblem = problem instanceof ApiProblem ? problem : null;
  const errors = form.formState.errors.items?.[i];
  const kind = form.watch(`items.${i}.kind`);
  const file = form.watch(`items.${i}.file`);
  const sha256 = form.watch(`items.${i}.sha256`);
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
