import { Button, Code, Image, Stack, Text, TextInput } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem';
import { useConfirmTotp, useStartTotp } from '../api/mfa';

/** The QR code of an otpauth URI, drawn here as an SVG data URL (never by a remote service). */
export async function qrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Enrols an authenticator app: the key as a QR code and as text, then its current code turns it on. */
export function TotpEnrolment({ onRecoveryCodes }: { onRecoveryCodes: (codes: string[]) => void }) {
  const { t } = useTranslation('auth');
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const [qr, setQr] = useState<string | null>(null);
  const form = useForm<{ code: string }>({ defaultValues: { code: '' } });
  const enrolment = start.data;
  useEffect(() => {
    if (enrolment) void qrDataUrl(enrolment.uri).then(setQr);
  }, [enrolment?.uri]);
  if (!enrolment) {
    return (
      <Stack align="flex-start">
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          {t('mfa.totpStart')}
        </Button>
        <ProblemAlert problem={start.error} />
      </Stack>
    );
  }
  const submit = form.handleSubmit((v) => confirm.mutate(v.code, { onSuccess: (answer) => onRecoveryCodes(answer.recoveryCodes) }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack align="flex-start">
        <Text size="sm">{t('mfa.totpScan')}</Text>
        {qr && <Image src={qr} alt={t('mfa.qrAlt')} w={200} h={200} />}
        <Text size="sm">
          {t('mfa.secret')}: <Code data-testid="totp-secret">{enrolment.secret}</Code>
        </Text>
        <TextInput
          label={t('mfa.code')}
          autoComplete="one-time-code"
          inputMode="numeric"
          error={form.formState.errors.code ? t('mfa.codeRequired') : undefined}
          {...form.register('code', { required: true, pattern: /^\s*\d{6}\s*$/ })}
        />
        <ProblemAlert problem={confirm.error} />
        <Button type="submit" loading={confirm.isPending}>
          {t('mfa.confirm')}
        </Button>
      </Stack>
    </form>
  );
}
