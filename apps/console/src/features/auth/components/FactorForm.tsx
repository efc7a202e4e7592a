import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem';
import { ApiProblem } from '@/lib/api/client';
import type { Factor } from '../api/mfa';

/** The second factor as a person gives it: a code typed (app or recovery), or their passkey. */
export function FactorForm(props: {
  onSubmit: (factor: Factor) => void;
  pending: boolean;
  error: unknown;
  passkey: boolean;
  submitLabel: string;
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation('auth');
  const form = useForm<{ code: string }>({ defaultValues: { code: '' } });
  const submit = form.handleSubmit((values) => props.onSubmit({ code: values.code }));
  const wrong = props.error instanceof ApiProblem && (props.error.status === 401 || props.error.code === 'FORBIDDEN');
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('mfa.code')}
          autoComplete="one-time-code"
          inputMode="text"
          autoFocus
          error={form.formState.errors.code ? t('mfa.codeRequired') : undefined}
          {...form.register('code', { required: true, validate: (v) => v.trim().length > 0 })}
        />
        {wrong ? (
          <Alert color="red" role="alert">
            {t('mfa.wrongCode')}
          </Alert>
        ) : props.error instanceof ApiProblem ? (
          <ProblemAlert problem={props.error} />
        ) : props.error ? (
          <Alert color="red" role="alert">
            {t('mfa.passkeyFailed')}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={props.pending}>
            {props.submitLabel}
          </Button>
          {props.passkey && (
            <Button variant="default" type="button" disabled={props.pending} onClick={() => props.onSubmit({ passkey: true })}>
              {t('mfa.usePasskey')}
            </Button>
          )}
          {props.extra}
        </Group>
      </Stack>
    </form>
  );
}
