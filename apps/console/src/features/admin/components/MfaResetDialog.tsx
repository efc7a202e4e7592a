import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert } from '@/components/problem';
import type { Schemas } from '@/lib/api/client';
import { useResetMfa } from '../api/admin';

type User = Schemas['UserDto'];

/**
 * An admin resets a user's second factor after a confirmation (DELETE /users/{id}/mfa): the
 * API may first ask for the admin's own second factor (step-up, asked by the console's
 * step-up dialog, then the reset sent again); its refusal is shown here.
 */
export function MfaResetDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (u: User) => void }) {
  const { t } = useTranslation('admin');
  const reset = useResetMfa();
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t('resetMfaOf', { email: user.email })}
      submitLabel={t('resetMfa')}
      danger
      submitting={reset.isPending}
      onSubmit={() => reset.mutate(user.id, { onSuccess: () => { onDone(user); onClose(); } })}
    >
      <Text>{t('resetMfaConfirm', { name: user.displayName })}</Text>
      <ProblemAlert problem={reset.error} />
    </FormDialog>
  );
}
