import { Switch } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '@/components/Page';
import { QUEUE_STATES, QueueTable } from '../components/QueueTable';

/** Our country's requests waiting in review: check, then send abroad or return. */
export function ReviewQueuePage() {
  const { t } = useTranslation('queues');
  return (
    <Page title={t('review')} subtitle={t('reviewSubtitle')}>
      <QueueTable title={t('review')} query={{ state: ['IN_REVIEW'], direction: 'outgoing' }} />
    </Page>
  );
}

/** Requests addressed to our authority. */
export function IncomingQueuePage() {
  const { t } = useTranslation('queues');
  const [all, setAll] = useState(false);
  return (
    <Page title={t('incoming')} subtitle={t('incomingSubtitle')}>
      <Switch label={t('includeFinished')} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
      <QueueTable title={t('incoming')} query={{ state: all ? undefined : QUEUE_STATES.open, direction: 'incoming' }} />
    </Page>
  );
}
