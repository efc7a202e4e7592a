import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import type { Writer } from '../hooks/useWriter';

/**
 * Leaving the writer with typed, unsaved content (the browser's Back, a link, closing the tab)
 * asks first: stay, save the draft and leave, or leave without saving.
 */
export function LeaveGuard({ w }: { w: Writer }) {
  const { t } = useTranslation('writer');
  // A step changes only the query; the draft's new address after its first save comes once it is saved (nothing unsaved then).
  const blocker = useBlocker(({ currentLocation, nextLocation }) => nextLocation.pathname !== currentLocation.pathname && w.hasUnsaved());
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (!w.hasUnsaved()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [w]);
  if (blocker.state !== 'blocked') return null;
  return (
    <Modal opened onClose={() => blocker.reset()} title={t('leave.title')} centered>
      <Text size="sm" mb="md">
        {t('leave.body')}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => blocker.reset()} data-autofocus>
          {t('leave.stay')}
        </Button>
        {w.routeReady && (
          <Button variant="light" loading={w.save.isPending} onClick={() => w.persist(() => blocker.proceed())}>
            {t('leave.saveAndLeave')}
          </Button>
        )}
        <Button color="red" onClick={() => blocker.proceed()}>
          {t('leave.discard')}
        </Button>
      </Group>
    </Modal>
  );
}
