import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert } from '@/components/problem';
import { idempotencyKey, type RequestDto } from '@/lib/api/client';
import { deliveryBody, deliverySchema, newItem, uploadsOf, type DeliveryValues } from '../actions/evidence-form';
import { useTransition } from '../api/requests';
import { EvidenceItemFields } from './EvidenceItemFields';
import { EvidenceUploads, type UploadPlan } from './EvidenceUploads';

/**
 * deliver_evidence: the items (a FILE's SHA-256 and size computed in the browser with
 * WebCrypto; uploaded here or sent out of band), then each file uploaded with a progress bar
 * and the server's verification shown. A final delivery with files to upload is made final
 * only once the server has verified every file (the delivery first, then the files, then an
 * item-less final delivery).
 */
export function EvidenceDelivery({ request, onClose, onReload, onDone }: { request: RequestDto; onClose: () => void; onReload: () => void; onDone?: () => void }) {
  const { t } = useTranslation('requests');
  const { t: tx } = useTranslation('evidence');
  const transition = useTransition(request);
  const [key] = useState(idempotencyKey);
  const [plan, setPlan] = useState<UploadPlan | null>(null);
  const form = useForm<DeliveryValues>({ resolver: zodResolver(deliverySchema(t('common:problem.field.REQUEST_INCOMPLETE'))), defaultValues: { items: [newItem()], final: false } });
  const items = useFieldArray({ control: form.control, name: 'items' });
  const final = form.watch('final');
  const hasUploads = form.watch('items').some((it) => it.kind === 'FILE' && it.transfer === 'UPLOAD');

  const submit = form.handleSubmit((v) => {
    transition.mutate(
      { action: 'deliver_evidence', body: deliveryBody(v), key },
      {
        onSuccess: (updated) => {
          const files = uploadsOf(v);
          // "Done" only for what is done: with files to upload, once the server has verified each.
          if (files.length === 0) {
            onDone?.();
            return onClose();
          }
          setPlan({ deliveryNo: updated.deliveryCount, files, finalAfter: v.final ? updated.version : null });
        },
      },
    );
  });

  if (plan) return <EvidenceUploads requestId={request.id} plan={plan} onClose={onClose} onDelivered={onDone} />;

  return (
    <FormDialog opened onClose={onClose} title={t('common:action.deliver_evidence')} submitLabel={t('common:action.deliver_evidence')} submitting={transition.isPending} onSubmit={() => void submit()} size="xl">
      {items.fields.map((f, i) => (
        <EvidenceItemFields key={f.id} form={form} index={i} problem={transition.error} onRemove={items.fields.length > 1 ? () => items.remove(i) : undefined} />
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
      {final && hasUploads && <Text size="sm">{tx('delivery.finalAfterUploads')}</Text>}
      <ProblemAlert problem={transition.error} onReload={() => { onReload(); onClose(); }} shownFields={['items']} />
    </FormDialog>
  );
}
