import { Alert, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert } from '@/components/problem';
import type { Schemas } from '@/lib/api/client';
import { useUploadDelivery } from '../api/requests';

/** The files of a delivery just accepted: each goes to the item the delivery created. */
export interface UploadPlan {
  deliveryNo: number;
  files: { itemNo: number; file: File }[];
}

interface Upload {
  name: string;
  progress: number;
  verified?: Schemas['EvidenceItemDto'];
  error?: unknown;
}

/** Each file uploaded (a mutation) with a progress bar, and the server's verification of its hash shown. */
export function EvidenceUploads({ requestId, plan, onClose }: { requestId: string; plan: UploadPlan; onClose: () => void }) {
  const { t } = useTranslation('requests');
  const upload = useUploadDelivery(requestId);
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

  const done = uploads.every((u) => u.verified || u.error);
  return (
    <FormDialog opened onClose={onClose} title={t('common:action.deliver_evidence')} submitLabel={t('dialog.finish')} onSubmit={onClose} submitDisabled={!done}>
      <Alert color="green">{t('dialog.deliverDone')}</Alert>
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
      {upload.error ? <ProblemAlert problem={upload.error} /> : null}
    </FormDialog>
  );
}
