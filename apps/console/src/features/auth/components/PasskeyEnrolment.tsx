import { Alert, Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem';
import { ApiProblem } from '@/lib/api/client';
import { useAddPasskey } from '../api/mfa';

/** Registers a passkey of this browser or device (WebAuthn); the first factor answers the recovery codes. */
export function PasskeyEnrolment({ onRecoveryCodes }: { onRecoveryCodes: (codes: string[]) => void }) {
  const { t } = useTranslation('auth');
  const add = useAddPasskey();
  const [name, setName] = useState('');
  return (
    <>
      <Group align="flex-end">
        <TextInput label={t('mfa.passkeyName')} placeholder={t('mfa.passkeyNamePlaceholder')} value={name} maxLength={100} onChange={(e) => setName(e.currentTarget.value)} />
        <Button
          variant="default"
          loading={add.isPending}
          onClick={() =>
            add.mutate(name, {
              onSuccess: (answer) => {
                setName('');
                if (answer.recoveryCodes.length > 0) onRecoveryCodes(answer.recoveryCodes);
              },
            })
          }
        >
          {t('mfa.passkeyAdd')}
        </Button>
      </Group>
      {add.error instanceof ApiProblem ? (
        <ProblemAlert problem={add.error} />
      ) : add.error ? (
        <Alert color="red" role="alert">
          {t('mfa.passkeyFailed')}
        </Alert>
      ) : null}
    </>
  );
}
