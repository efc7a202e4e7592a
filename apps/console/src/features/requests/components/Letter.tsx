import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem';
import type { RequestDto } from '@/lib/api/client';
import { useLetterDownload } from '../api/documents';
import { SignedLetterNote } from './SignedLetterNote';

/** The letter of request as a PDF in English or Vietnamese (the letter as sent, frozen, once the request was sent), with its SHA-256. */
export function Letter({ request }: { request: RequestDto }) {
  const { t } = useTranslation('requests');
  const download = useLetterDownload(request);
  const fetched = download.data;
  return (
    <Stack gap="xs" component="section" aria-labelledby="letter-heading">
      <Title order={3} size="h5" id="letter-heading">
        {t('documents.letter')}
      </Title>
      <Text size="sm" c="dimmed">
        {request.sentAt ? t('documents.letterSent') : t('documents.letterDraft')}
      </Text>
      <SignedLetterNote request={request} />
      <Group>
        {(['en', 'vi'] as const).map((lang) => (
          <Button key={lang} variant="default" loading={download.isPending && download.variables === lang} onClick={() => download.mutate(lang)}>
            {t('documents.letterIn', { language: t(`common:languages.${lang}`) })}
          </Button>
        ))}
      </Group>
      {fetched && (
        <Alert color={fetched.frozen ? 'teal' : 'gray'} role="status">
          {fetched.frozen ? t('documents.letterFrozen', { hash: fetched.sha256 }) : t('documents.letterRendered', { hash: fetched.sha256 })}
        </Alert>
      )}
      <ProblemAlert problem={download.error} />
    </Stack>
  );
}
