import { Alert, List, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '@/components/problem';
import { useMe } from '@/lib/api/hooks';
import { useMfaStatus } from '../api/mfa';
import { PasskeyEnrolment } from '../components/PasskeyEnrolment';
import { RecoveryCodes } from '../components/RecoveryCodes';
import { TotpEnrolment } from '../components/TotpEnrolment';

/** Sign-in security (DESIGN §16): the second factors of the user, their enrolment, and the recovery codes shown once. */
export function SecurityPage() {
  const { t } = useTranslation('auth');
  const me = useMe();
  const status = useMfaStatus();
  const navigate = useNavigate();
  const [codes, setCodes] = useState<string[] | null>(null);
  useEffect(() => {
    document.title = `${t('mfa.securityTitle')} · MLA Hub`;
  }, [t]);
  const s = status.data;
  return (
    <Stack maw={640}>
      <Title order={1} size="h2">
        {t('mfa.securityTitle')}
      </Title>
      {me.data?.mfaEnrolmentRequired && !codes && <Alert color="yellow">{t('mfa.required')}</Alert>}
      <ProblemAlert problem={status.error} />
      {codes ? (
        <RecoveryCodes codes={codes} email={me.data?.email ?? ''} onDone={() => { setCodes(null); navigate('/', { replace: true }); }} />
      ) : (
        s && (
          <>
            <Text>{s.enrolled ? t('mfa.enrolled') : t('mfa.notEnrolled')}</Text>
            <Text size="sm">{s.totp ? t('mfa.totpOn') : t('mfa.totpOff')}</Text>
            {s.enrolled && <Text size="sm">{t('mfa.recoveryLeft', { count: s.recoveryCodesLeft })}</Text>}
            {!s.totp && <TotpEnrolment onRecoveryCodes={setCodes} />}
            <Title order={2} size="h4">
              {t('mfa.passkeys')}
            </Title>
            {s.passkeys.length === 0 ? (
              <Text size="sm">{t('mfa.noPasskeys')}</Text>
            ) : (
              <List size="sm" data-testid="passkeys">
                {s.passkeys.map((p) => (
                  <List.Item key={p.id}>{p.name}</List.Item>
                ))}
              </List>
            )}
            <PasskeyEnrolment onRecoveryCodes={setCodes} />
          </>
        )
      )}
    </Stack>
  );
}
