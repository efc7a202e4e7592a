import { Alert, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert } from '@/components/problem';
import type { Schemas } from '@/lib/api/client';
import { useFinalDelivery } from '../api/evidence-uploads';
import { useUploadDelivery } from '../api/requests';

/** The files of a delivery just accepted: each goes to the item the delivery created. */
export interface UploadPlan {
  deliveryNo: number;
  files: { itemNo: number; file: File }[];
  /** The request's version after the delivery, when the officer asked for a final one: made final once every file is verified. */
  finalAfter: number | null;
}

interface Upload {
  name: string;
  progress: number;
  verified?: Schemas['EvidenceItemDto'];
  error?: unknown;
}

/**
 * Each file uploaded with a progress bar and the server's verification of its hash shown;
 * "delivered" is said only once the server has verified every file (and, when asked, the
 * delivery made final). A file that failed stays "file missing" in the evidence list, where
 * it is uploaded again.
 */
export function EvidenceUploads({ requestId, plan, onClose, onDelivered }: { requestId: string; plan: UploadPlan; onClose: () => void; onDelivered?: () => void }) {
  const { t } = useTranslation('requests');
  const { t: tx } = useTranslation('evidence');
  const upload = useUploadDelivery(requestId);
  const finalDelivery = useFinalDelivery(requestId);
  const [uploads, setUploads] = useState<Upload[]>(plan.files.map((f) => ({ name: f.file.name, progress: 0 })));
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const set = (u: number, patch: Partial<Upload>) => setUploads((all) => all.map((x, j) => (j === u ? { ...x, ...patch } : x)));
    upload.mutate({
      deliveryNo: plan.deliveryNo,
      files: plan.files.map((f, u) => ({
        ...f,
        onProgress: (progress: number) => set(u, { progress }),
        onVerified: (verified: Schemas['EvidenceItemDto']) => set(u, { verified, progress: 1 }),
        onFailed: (error: unknown) => set(u, { error }),
      })),
    });
  }, []);

  const allVerified = uploads.every((u) => u.verified);
  const settled = uploads.every((u) => u.verified || u.error);
  useEffect(() => {
    if (allVerified && plan.finalAfter !== null && finalDelivery.isIdle) finalDelivery.mutate(plan.finalAfter);
  }, [allVerified]);
  const delivered = allVerified && (plan.finalAfter === null || finalDelivery.isSuccess);
  useEffect(() => {
    if (delivered) onDelivered?.();
  }, [delivered]);
  const done = settled && (plan.finalAfter === null || !allVerified || finalDelivery.isSuccess || finalDelivery.isError);

  return (
    <FormDialog opened onClose={onClose} title={t('common:action.deliver_evidence')} submitLabel={t('dialog.finish')} onSubmit={onClose} submitDisabled={!done}>
      {delivered ? (
        <Alert color="green" role="status">
          {tx(plan.finalAfter === null ? 'delivery.delivered' : 'delivery.deliveredFinal')}
        </Alert>
      ) : (
        <Alert color={settled && !allVerified ? 'orange' : 'blue'}>{settled && !allVerified ? tx('delivery.incomplete') : tx('delivery.recorded', { no: plan.deliveryNo })}</Alert>
      )}
      {uploads.map((u) => (
        <Stack key={u.name} gap={4}>
          <Text size="sm">{t('dialog.uploading', { name: u.name })}</Text>
          <Progress value={Math.round(u.progress * 100)} aria-label={t('dialog.uploadProgress', { name: u.name })} animated={!u.verified && !u.error} />
          {u.verified && (
            <Alert color="green" role="status">
              {t('dialog.verified', { name: u.name, hash: u.verified.sha256 })}
            </Alert>
          )}
          {u.error ? (
            <Stack gap={2}>
              <Text c="red" size="sm">
                {t('dialog.uploadFailed', { name: u.name })}
              </Text>
              <ProblemAlert problem={u.error} />
            </Stack>
          ) : null}
        </Stack>
      ))}
      {finalDelivery.isPending && <Text size="sm">{tx('delivery.finalising')}</Text>}
      {finalDelivery.error ? <ProblemAlert problem={finalDelivery.error} /> : null}
      {upload.error ? <ProblemAlert problem={upload.error} /> : null}
    </FormDialog>
  );
}
