import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ProblemAlert } from '@/components/problem';
import { ApiProblem } from '@/lib/api/client';
import { useMe } from '@/lib/api/hooks';
import { SignInProblem, useSignIn, type MfaChallenge } from '../api/session';
import { MfaSignInStep } from '../components/MfaSignInStep';

/** Where to go after signing in: a path of this site only. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage({ languageSwitch }: { languageSwitch?: React.ReactNode }) {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const me = useMe();
  const signIn = useSignIn();
  const form = useForm<{ email: string; password: string }>({ defaultValues: { email: '', password: '' } });
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  useEffect(() => {
    document.title = `${t('title')} · MLA Hub`;
  }, [t]);
  if (me.data) return <Navigate to={next} replace />;
  const done = () => navigate(next, { replace: true });
  const submit = form.handleSubmit((values) =>
    signIn.mutate(values, { onSuccess: (step) => (step.kind === 'mfa' ? setChallenge(step.challenge) : done()) }),
  );
  const wrong = signIn.error instanceof ApiProblem && signIn.error.status === 401;
  const limits = signIn.error instanceof SignInProblem ? signIn.error : null;
  const paused = limits?.status === 429 && limits.retryAfterSeconds !== null;
  return (
    <Center mih="100vh" bg="gray.0" component="main">
      <Paper withBorder shadow="sm" p="xl" w={420} radius="md">
        {challenge ? (
          <MfaSignInStep challenge={challenge} onDone={done} onBack={() => { setChallenge(null); signIn.reset(); }} />
        ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={1} size="h2">
                MLA Hub
              </Title>
              <Text c="dimmed" size="sm">
                {t('intro')}
              </Text>
            </div>
            {params.get('expired') && !signIn.error && <Alert color="yellow">{t('expired')}</Alert>}
            <Title order={2} size="h4">
              {t('title')}
            </Title>
            <TextInput label={t('email')} type="email" autoComplete="username" required {...form.register('email', { required: true })} />
            <PasswordInput label={t('password')} autoComplete="current-password" required {...form.register('password', { required: true })} />
            {wrong ? (
              <Alert color="red" role="alert">
                {t('wrong')}
                {limits?.attemptsRemaining !== null && limits?.attemptsRemaining !== undefined && (
                  <Text size="sm" mt={4} fw={600}>
                    {limits.attemptsRemaining === 0 ? t('pausedNow') : t('attemptsLeft', { count: limits.attemptsRemaining })}
                  </Text>
                )}
              </Alert>
            ) : paused ? (
              <Alert color="orange" role="alert">
                {t('paused', { minutes: Math.max(1, Math.ceil((limits.retryAfterSeconds ?? 60) / 60)) })}
              </Alert>
            ) : (
              <ProblemAlert problem={signIn.error} />
            )}
            <Button type="submit" loading={signIn.isPending}>
              {t('submit')}
            </Button>
            {languageSwitch}
          </Stack>
        </form>
        )}
      </Paper>
    </Center>
  );
}
