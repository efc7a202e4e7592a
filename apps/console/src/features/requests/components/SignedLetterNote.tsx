import { Alert, Code, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RequestDto } from '@/lib/api/client';
import { useEvents } from '../api/requests';

interface SignedLetter {
  method: 'SEAL' | 'UPLOADED';
  subject?: string;
  sha256?: string;
  fileName?: string;
}

/** Who signed the letter as sent, from the send event: the seal's signer, or the signed copy the officer uploaded. */
export function SignedLetterNote({ request }: { request: RequestDto }) {
  const { t } = useTranslation('requests');
  const events = useEvents(request.id);
  if (!request.sentAt) return null;
  const send = events.data?.items.find((e) => e.action === 'send');
  const signed = (send?.input as { signedLetter?: SignedLetter } | undefined)?.signedLetter;
  if (!signed) return null;
  return (
    <Alert color="teal" role="note" aria-label={t('documents.letter')}>
      {signed.method === 'SEAL' ? (
        <>
          <Text size="sm" fw={500}>
            {t('signed.sealedBy', { subject: signed.subject })}
          </Text>
          <Text size="sm">{t('signed.sealedHelp')}</Text>
        </>
      ) : (
        <Text size="sm">
          {t('signed.signedCopy', { fileName: signed.fileName, hash: '' })}
          <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{signed.sha256}</Code>
        </Text>
      )}
    </Alert>
  );
}
