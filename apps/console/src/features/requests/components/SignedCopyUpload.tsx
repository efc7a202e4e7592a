import { Alert, Button, Code, FileInput, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem';
import type { RequestDto } from '@/lib/api/client';
import { sentLetterLanguage, useLetterToSign, useUploadSignedLetter } from '../api/signed-letter';

/**
 * The signed copy of the letter: the officer downloads the letter as it is sent today (its
 * SHA-256 shown), signs it, and uploads the copy bound to that letter; `onReady` reports
 * the request's version once a signed copy of this letter was uploaded (null before).
 */
export function SignedCopyUpload({ request, onReady }: { request: RequestDto; onReady: (version: number | null) => void }) {
  const { t } = useTranslation('requests');
  const toSign = useLetterToSign(request);
  const upload = useUploadSignedLetter(request);
  const [file, setFile] = useState<File | null>(null);
  const letter = toSign.data;
  const done = upload.data;
  return (
    <Stack gap="xs">
      <Text size="sm">{t('signed.uploadHelp')}</Text>
      <Group>
        <Button variant="default" loading={toSign.isPending} onClick={() => { onReady(null); upload.reset(); toSign.mutate(); }}>
          {t('signed.download', { language: t(`common:languages.${sentLetterLanguage(request)}`) })}
        </Button>
      </Group>
      {letter && (
        <Text size="sm">
          {t('signed.toSign', { hash: '' })}
          <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{letter.sha256}</Code>
        </Text>
      )}
      <FileInput label={t('signed.file')} value={file} onChange={setFile} disabled={!letter} description={letter ? undefined : t('signed.downloadFirst')} clearable />
      <Group>
        <Button
          disabled={!letter || !file}
          loading={upload.isPending}
          onClick={() => letter && file && upload.mutate({ file, letterSha256: letter.sha256, language: letter.lang }, { onSuccess: (copy) => onReady(copy.requestVersion) })}
        >
          {t('signed.uploadButton')}
        </Button>
      </Group>
      {done && (
        <Alert color="teal" role="status">
          {t('signed.uploaded', { hash: done.sha256, letter: done.letterSha256 })}
        </Alert>
      )}
      <ProblemAlert problem={upload.error ?? toSign.error} />
    </Stack>
  );
}
