import { Alert, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert, useProblemText } from '@/components/problem';
import { ApiProblem, idempotencyKey, type RequestDto } from '@/lib/api/client';
import { useMe } from '@/lib/api/hooks';
import { useTransition } from '../api/requests';
import { useSealCertificate } from '../api/signed-letter';
import { SignedCopyUpload } from './SignedCopyUpload';
import { emptyTransmission, toTransmission, TransmissionFields } from '../counterparts/TransmissionFields';

type Method = 'SEAL' | 'UPLOADED';

/**
 * `send` (DESIGN §4): the letter that leaves the country is signed, sealed with the
 * authority's certificate or sent with the signed copy the officer uploads. Without a
 * certificate, only the signed copy is offered.
 */
export function SendDialog({ request, onClose, onReload, onDone }: { request: RequestDto; onClose: () => void; onReload: () => void; onDone?: () => void }) {
  const { t } = useTranslation('requests');
  const me = useMe();
  const certificate = useSealCertificate(me.data?.authority?.id);
  // The signed copy uploaded here makes a new version of the request: the send names that one.
  const [uploaded, setUploaded] = useState<number | null>(null);
  const transition = useTransition(uploaded === null ? request : { ...request, version: uploaded });
  const [key] = useState(idempotencyKey);
  const [chosen, setChosen] = useState<Method | null>(null);
  const sealable = Boolean(certificate.data);
  const method: Method = chosen ?? (sealable ? 'SEAL' : 'UPLOADED');
  const label = t('common:action.send');
  const problem = transition.error instanceof ApiProblem ? transition.error : null;
  const { forField } = useProblemText();
  // Sending to an authority on no MLA Hub: how the letter left (DESIGN §14).
  const offline = request.requestedAuthority.reach === 'OFFLINE';
  const [transmission, setTransmission] = useState(emptyTransmission);

  const submit = () =>
    transition.mutate({ action: 'send', body: { signedLetter: method, ...(offline ? { transmission: toTransmission(transmission) ?? undefined } : {}) }, key }, { onSuccess: () => { onDone?.(); onClose(); } });

  return (
    <FormDialog opened onClose={onClose} title={label} submitLabel={label} submitting={transition.isPending} submitDisabled={certificate.isPending || (method === 'UPLOADED' && uploaded === null)} onSubmit={submit} size="lg">
      <Stack gap="sm">
        {!certificate.isPending && !sealable && (
          <Alert color="yellow" role="status">
            {t('signed.noCertificate')}
          </Alert>
        )}
        <Radio.Group label={t('signed.choose')} value={method} onChange={(v) => setChosen(v as Method)}>
          <Stack gap="xs" mt="xs">
            <Radio value="SEAL" label={t('signed.seal')} disabled={!sealable} description={certificate.data ? t('signed.sealBy', { subject: certificate.data.subject }) : undefined} />
            <Radio value="UPLOADED" label={t('signed.upload')} />
          </Stack>
        </Radio.Group>
        {method === 'UPLOADED' && <SignedCopyUpload request={request} onReady={setUploaded} />}
        {method === 'SEAL' && <Text size="sm" c="dimmed">{t('signed.sealedHelp')}</Text>}
        {offline && <TransmissionFields authority={request.requestedAuthority.name} value={transmission} onChange={setTransmission} error={forField(problem, 'transmission') ?? undefined} />}
        <ProblemAlert problem={problem} onReload={() => { onReload(); onClose(); }} shownFields={offline ? ['transmission'] : []} />
      </Stack>
    </FormDialog>
  );
}
