import { Alert, Button, Code, FileInput, Progress, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert } from '@/components/problem';
import type { Schemas } from '@/lib/api/client';
import { formatBytes } from '@/lib/format';
import { sha256Hex } from '@/lib/sha256';
import { useReupload } from '../api/evidence-uploads';

type EvidenceItem = Schemas['EvidenceItemDto'];

/** The button of an item whose file is missing: opens the dialog that uploads it again. */
export function ReuploadButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation('evidence');
  return (
    <Button size="xs" onClick={onClick}>
      {t('reupload.button')}
    </Button>
  );
}

/**
 * Chooses the file again, computes its SHA-256 in the browser and compares it with the
 * declared one (a wrong file is never sent), uploads it with a progress bar, and says
 * "verified" only when the server answers that it checked the hash. Held by the list (not
 * by the item's row, which changes once the file is stored).
 */
export function ReuploadDialog({ requestId, item, onClose }: { requestId: string; item: EvidenceItem; onClose: () => void }) {
  const { t, i18n } = useTranslation('evidence');
  const reupload = useReupload(requestId);
  const [file, setFile] = useState<File | null>(null);
  const [hash, setHash] = useState<string | null>(null);
  const [hashing, setHashing] = useState(false);
  const [progress, setProgress] = useState(0);
  const matches = !!file && hash === item.sha256 && file.size === item.sizeBytes;
  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setHash(null);
    reupload.reset();
    if (!chosen) return;
    setHashing(true);
    setHash(await sha256Hex(chosen));
    setHashing(false);
  };
  const no = { no: item.deliveryNo, item: item.itemNo };
  const size = (n: number | null | undefined) => formatBytes(n ?? null, i18n.language);
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t('reupload.title', no)}
      submitLabel={t('reupload.upload')}
      submitting={reupload.isPending}
      submitDisabled={!matches || reupload.isSuccess}
      onSubmit={() => file && reupload.mutate({ item, file, onProgress: setProgress })}
    >
      <Text size="sm">
        {t('reupload.intro', { size: size(item.sizeBytes) })}{' '}
        <Code style={{ wordBreak: 'break-all' }}>{item.sha256}</Code>
      </Text>
      <FileInput label={t('reupload.file')} value={file} onChange={(f) => void choose(f)} clearable required />
      {hashing && <Text size="sm">{t('reupload.hashing')}</Text>}
      {file && hash && !matches && (
        <Alert color="red" role="alert">
          {t('reupload.mismatch', { hash, size: size(file.size) })}
        </Alert>
      )}
      {matches && !reupload.isSuccess && <Text size="sm">{t('reupload.matches')}</Text>}
      {(reupload.isPending || reupload.isSuccess) && file && <Progress value={Math.round(progress * 100)} aria-label={t('reupload.progress', { name: file.name })} animated={reupload.isPending} />}
      {reupload.data && (
        <Alert color="green" role="status">
          {t('reupload.verified', { ...no, hash: reupload.data.sha256 })}
        </Alert>
      )}
      <ProblemAlert problem={reupload.error} />
    </FormDialog>
  );
}
