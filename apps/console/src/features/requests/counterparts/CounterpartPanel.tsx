import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDto } from '@/lib/api/client';
import { formatDate } from '@/lib/format';
import { ChaseDialog } from './ChaseDialog';
import { offlineCounterpart } from './counterpart-api';
import { RecordActDialog } from './RecordActDialog';

/**
 * A request whose counterpart works on no MLA Hub (DESIGN §14): how it was dispatched, where
 * its chase stands, and this side's officer's tools: record the counterpart's act from its
 * letter, send a chaser.
 */
export function CounterpartPanel({ request }: { request: RequestDto }) {
  const { t, i18n } = useTranslation('counterparts');
  const [open, setOpen] = useState<'record' | 'chase' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const counterpart = offlineCounterpart(request);
  if (!counterpart) return null;
  const lang = i18n.language;
  const tr = request.transmission;
  const chase = request.chase;
  const overdue = chase?.dueAt ? new Date(chase.dueAt).getTime() <= Date.now() : false;
  return (
    <Card withBorder component="section" aria-labelledby="counterpart-heading">
      <Title order={2} size="h4" id="counterpart-heading" mb="xs">
        {t('panel.title')}
      </Title>
      <Stack gap="xs">
        <Text size="sm">{t('panel.intro', { authority: counterpart.name })}</Text>
        <Text size="sm">{tr ? t('panel.sent', { date: formatDate(tr.dispatchedAt, lang), channel: t(`channel.${tr.channel}`), reference: tr.dispatchReference }) : t('panel.notSent')}</Text>
        {chase?.dueAt ? (
          <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>
            {overdue ? t('panel.chaseOverdue', { date: formatDate(chase.dueAt, lang) }) : t('panel.chaseDue', { date: formatDate(chase.dueAt, lang) })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">{t('panel.nothingAwaited')}</Text>
        )}
        {chase && <Text size="sm">{t('panel.chases', { count: chase.count })}</Text>}
        {done && (
          <Alert color="green" withCloseButton onClose={() => setDone(null)} role="status">
            {done}
          </Alert>
        )}
        <Group>
          {request.recordableActions.length > 0 && <Button onClick={() => setOpen('record')}>{t('panel.record')}</Button>}
          {request.mayChase && (
            <Button variant="light" onClick={() => setOpen('chase')}>
              {t('panel.chase')}
            </Button>
          )}
        </Group>
      </Stack>
      {open === 'record' && <RecordActDialog request={request} onClose={() => setOpen(null)} onDone={() => setDone(t('record.done'))} />}
      {open === 'chase' && <ChaseDialog request={request} onClose={() => setOpen(null)} onDone={() => setDone(t('chase.done'))} />}
    </Card>
  );
}
