import { Modal, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setStepUpAsker } from '@/lib/api/step-up';
import { useMfaStatus, useStepUp } from '../api/mfa';
import { FactorForm } from './FactorForm';

const STEP_UP_Z = 400;

/**
 * The step-up dialog (DESIGN §16): shown when an action answers STEP_UP_REQUIRED (send,
 * deliver_evidence, an administrator's change); once the factor is given the action is sent
 * again by itself (lib/api/step-up.ts), cancelling leaves the action's refusal. It stands above
 * the dialog whose action asked for it (a confirmation stays open beneath, its own overlay not
 * covering this one): Mantine's modals are at z-index 200.
 */
export function StepUpHost() {
  const { t } = useTranslation('auth');
  const [open, setOpen] = useState(false);
  const settle = useRef<((given: boolean) => void) | null>(null);
  const stepUp = useStepUp();
  // The factors are read when the dialog opens, not on every page that has the dialog ready.
  const status = useMfaStatus(open);
  useEffect(() => {
    setStepUpAsker(
      () =>
        new Promise<boolean>((resolve) => {
          settle.current = resolve;
          stepUp.reset();
          setOpen(true);
        }),
    );
    return () => setStepUpAsker(null);
  }, []);
  const finish = (given: boolean) => {
    setOpen(false);
    settle.current?.(given);
    settle.current = null;
  };
  return (
    <Modal opened={open} onClose={() => finish(false)} title={t('mfa.stepUpTitle')} centered zIndex={STEP_UP_Z}>
      <Stack>
        <Text size="sm">{t('mfa.stepUpIntro')}</Text>
        {open && (
          <FactorForm
            onSubmit={(factor) => stepUp.mutate(factor, { onSuccess: () => finish(true) })}
            pending={stepUp.isPending}
            error={stepUp.error}
            passkey={(status.data?.passkeys.length ?? 0) > 0}
            submitLabel={t('mfa.stepUpSubmit')}
          />
        )}
      </Stack>
    </Modal>
  );
}
