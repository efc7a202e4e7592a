import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCompleteSignIn } from '../api/mfa';
import type { MfaChallenge } from '../api/session';
import { FactorForm } from './FactorForm';

/** The code step of the sign-in (DESIGN §16): after the password, a code or a passkey opens the session. */
export function MfaSignInStep({ challenge, onDone, onBack }: { challenge: MfaChallenge; onDone: () => void; onBack: () => void }) {
  const { t } = useTranslation('auth');
  const complete = useCompleteSignIn(challenge.challengeToken);
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('mfa.stepTitle')}
      </Title>
      <Text size="sm">{t('mfa.stepIntro')}</Text>
      <FactorForm
        onSubmit={(factor) => complete.mutate(factor, { onSuccess: onDone })}
        pending={complete.isPending}
        error={complete.error}
        passkey={challenge.methods.includes('passkey')}
        submitLabel={t('mfa.verify')}
      />
      <Button variant="subtle" size="xs" onClick={onBack} w="fit-content">
        {t('mfa.back')}
      </Button>
    </Stack>
  );
}
