import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert, useProblemText } from '@/components/problem';
import { ApiProblem } from '@/lib/api/client';
import { useChangePassword } from '../api/session';

export const MIN_PASSWORD = 12;

/**
 * The words for a field's problem from POST /me/password, in the user's language: the API's
 * own cases by field and code (wrong current password, the same password again, too short),
 * else the shared wording.
 */
export function passwordProblem(p: unknown, field: 'currentPassword' | 'newPassword'): string | null {
  if (!(p instanceof ApiProblem) || p.forField(field).length === 0) return null;
  if (field === 'currentPassword') return p.code === 'FORBIDDEN' ? 'wrongCurrent' : 'currentRequired';
  return p.code === 'RULE_VIOLATED' ? 'sameAsCurrent' : 'tooShort';
}

/** The signed-in user changes their own password; every other session of theirs ends, this one stays. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('auth');
  const { forField } = useProblemText();
  const change = useChangePassword();
  const [done, setDone] = useState(false);
  const form = useForm({ defaultValues: { currentPassword: '', newPassword: '', repeat: '' } });
  const { errors } = form.formState;
  const fieldError = (field: 'currentPassword' | 'newPassword') => {
    const key = passwordProblem(change.error, field);
    return key ? t(`changePassword.${key}`, { min: MIN_PASSWORD }) : forField(change.error, field);
  };
  if (done) {
    return (
      <Modal opened onClose={onClose} title={t('changePassword.title')} centered>
        <Stack>
          <Alert color="green" role="status" title={t('changePassword.changed')}>
            <Text size="sm">{t('changePassword.otherSessions')}</Text>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common:close')}</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t('changePassword.title')}
      submitLabel={t('changePassword.submit')}
      submitting={change.isPending}
      size="md"
      onSubmit={form.handleSubmit((v) => change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword }, { onSuccess: () => setDone(true) }))}
    >
      <PasswordInput
        label={t('changePassword.current')}
        required
        autoComplete="current-password"
        {...form.register('currentPassword', { required: t('changePassword.currentRequired') })}
        error={errors.currentPassword?.message ?? fieldError('currentPassword')}
      />
      <PasswordInput
        label={t('changePassword.new')}
        description={t('changePassword.rules', { min: MIN_PASSWORD })}
        required
        autoComplete="new-password"
        {...form.register('newPassword', {
          minLength: { value: MIN_PASSWORD, message: t('changePassword.tooShort', { min: MIN_PASSWORD }) },
          required: t('changePassword.tooShort', { min: MIN_PASSWORD }),
          validate: (v, all) => v !== all.currentPassword || t('changePassword.sameAsCurrent'),
        })}
        error={errors.newPassword?.message ?? fieldError('newPassword')}
      />
      <PasswordInput
        label={t('changePassword.repeat')}
        required
        autoComplete="new-password"
        {...form.register('repeat', { validate: (v, all) => v === all.newPassword || t('changePassword.mismatch') })}
        error={errors.repeat?.message}
      />
      <Text size="sm" c="dimmed">
        {t('changePassword.otherSessionsBefore')}
      </Text>
      <ProblemAlert problem={change.error} shownFields={['currentPassword', 'newPassword']} />
    </FormDialog>
  );
}
