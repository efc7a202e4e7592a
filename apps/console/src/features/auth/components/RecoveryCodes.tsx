import { Alert, Button, Code, Group, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The text file of the recovery codes (one a line). */
export function recoveryCodesFile(codes: string[], email: string): string {
  return [`MLA Hub recovery codes for ${email}`, 'Each code works once.', '', ...codes, ''].join('\n');
}

/** The ten recovery codes, shown once, with a download. */
export function RecoveryCodes({ codes, email, onDone }: { codes: string[]; email: string; onDone: () => void }) {
  const { t } = useTranslation('auth');
  const download = () => {
    const url = URL.createObjectURL(new Blob([recoveryCodesFile(codes, email)], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'mla-hub-recovery-codes.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('mfa.recoveryTitle')}
      </Title>
      <Alert color="yellow">{t('mfa.recoveryIntro')}</Alert>
      <Code block aria-label={t('mfa.recoveryTitle')} data-testid="recovery-codes">
        {codes.join('\n')}
      </Code>
      <Group>
        <Button variant="default" onClick={download}>
          {t('mfa.recoveryDownload')}
        </Button>
        <Button onClick={onDone}>{t('mfa.recoverySaved')}</Button>
      </Group>
    </Stack>
  );
}
