import { Alert, Button, Card, Code, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert } from '@/components/problem';
import type { Schemas } from '@/lib/api/client';
import { failureKind, messageTypeKey } from '@/lib/federation';
import { formatDateTime } from '@/lib/format';
import { useDeadMessages, useRetryMessage } from '../api/peers';

type Message = Schemas['FederationMessageDto'];

/** Confirms sending a DEAD message again (the API may first ask for the admin's second factor). */
function RetryDialog({ message, onClose, onDone }: { message: Message; onClose: () => void; onDone: (m: Message) => void }) {
  const { t, i18n } = useTranslation('admin');
  const retry = useRetryMessage();
  const what = t(`common:federationMessage.${messageTypeKey(message.type)}`, { type: message.type });
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t('peers.undelivered.retryTitle', { peer: message.peer })}
      submitLabel={t('peers.undelivered.retry')}
      submitting={retry.isPending}
      onSubmit={() => retry.mutate(message.id, { onSuccess: () => { onDone(message); onClose(); } })}
    >
      <Text>{t('peers.undelivered.confirm', { message: what, at: formatDateTime(message.createdAt, i18n.language), peer: message.peer })}</Text>
      <ProblemAlert problem={retry.error} />
    </FormDialog>
  );
}

/**
 * The messages to peers given up after the last attempt (DESIGN §15), for an ADMIN: what, to
 * whom, for which request (its identifier only: an admin never sees requests), how often tried
 * and why the last attempt failed; each sent again after a confirmation.
 */
export function DeadMessages() {
  const { t } = useTranslation('admin');
  const dead = useDeadMessages();
  const [retrying, setRetrying] = useState<Message | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const items = dead.data?.items ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="dead-messages">
      <Stack gap="sm">
        <Title order={2} size="h4" id="dead-messages">
          {t('peers.undelivered.title')}
        </Title>
        <Text size="sm">{t('peers.undelivered.intro')}</Text>
        {done && (
          <Alert color="green" role="status" withCloseButton onClose={() => setDone(null)}>
            {done}
          </Alert>
        )}
        <ProblemAlert problem={dead.error} />
        {dead.data && items.length === 0 && <Text size="sm" c="dimmed">{t('peers.undelivered.none')}</Text>}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>{t('peers.undelivered.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('peers.undelivered.message')}</Table.Th>
                  <Table.Th scope="col">{t('peers.node')}</Table.Th>
                  <Table.Th scope="col">{t('peers.undelivered.request')}</Table.Th>
                  <Table.Th scope="col">{t('peers.undelivered.attempts')}</Table.Th>
                  <Table.Th scope="col">{t('peers.undelivered.lastFailure')}</Table.Th>
                  <Table.Th scope="col">{t('peers.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>{t(`common:federationMessage.${messageTypeKey(m.type)}`, { type: m.type })}</Text>
                      <Text size="xs" c="dimmed">
                        {t('peers.undelivered.written')}: <DateTime value={m.createdAt} />
                      </Text>
                    </Table.Td>
                    <Table.Td>{m.peer}</Table.Td>
                    <Table.Td>
                      <Code fz="xs">{m.requestId}</Code>
                    </Table.Td>
                    <Table.Td>{m.attempts}</Table.Td>
                    <Table.Td>
                      {m.lastError && (
                        <Stack gap={2}>
                          <Text size="sm">{t(`common:federationFailure.${failureKind(m.lastError)}`)}</Text>
                          <Text size="xs" c="dimmed">
                            {t('common:technicalDetail')}: <Code fz="xs" style={{ wordBreak: 'break-word' }}>{m.lastError}</Code>
                          </Text>
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="default" onClick={() => setRetrying(m)} aria-label={t('peers.undelivered.retryOf', { peer: m.peer, request: m.requestId })}>
                        {t('peers.undelivered.retry')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {retrying && <RetryDialog message={retrying} onClose={() => setRetrying(null)} onDone={(m) => setDone(t('peers.undelivered.done', { peer: m.peer }))} />}
    </Card>
  );
}
