import { Badge, Card, Code, Stack, Table, Text, Title } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import { ProblemAlert } from '@/components/problem';
import type { RequestDto, Schemas } from '@/lib/api/client';
import { failureKind, messageTypeKey } from '@/lib/federation';
import { viewerTimeZone } from '@/lib/format';
import { useTransmissions } from './api';
import { rejectReasonKey } from './transmissions';

export type Transmission = Schemas['FederationTransmissionDto'];

const STATE_COLOR: Record<Transmission['state'], string> = { PENDING: 'blue', DELIVERED: 'green', RECEIVED: 'green', REJECTED: 'orange', DEAD: 'red' };

/** A sentence of the panel with a time in it (`<at/>` in the message), the time in the reader's zone. */
function WithTime({ k, at, values = {} }: { k: string; at: string | null; values?: Record<string, string | number> }) {
  const { t } = useTranslation('transmissions');
  return <Trans t={t} i18nKey={k} values={values} components={{ at: <DateTime value={at} /> }} />;
}

/** Why the last attempt failed: in words, with the technical detail beside. */
function LastFailure({ error }: { error: string }) {
  const { t } = useTranslation('transmissions');
  return (
    <Stack gap={2}>
      <Text size="sm">{t('lastFailure', { reason: t(`common:federationFailure.${failureKind(error)}`) })}</Text>
      <Text size="xs" c="dimmed">
        {t('common:technicalDetail')}: <Code fz="xs" style={{ wordBreak: 'break-word' }}>{error}</Code>
      </Text>
    </Stack>
  );
}

/** Where one message stands, in sentences. */
function Status({ m }: { m: Transmission }) {
  const { t } = useTranslation('transmissions');
  const attempts = m.attempts ?? 0;
  switch (m.state) {
    case 'PENDING':
      return (
        <Stack gap={4}>
          <Text size="sm">{attempts === 0 ? <WithTime k="status.queued" at={m.nextAttemptAt} /> : <WithTime k="status.retrying" at={m.nextAttemptAt} values={{ count: attempts }} />}</Text>
          {attempts > 0 && m.lastError && <LastFailure error={m.lastError} />}
        </Stack>
      );
    case 'DELIVERED':
      return (
        <Stack gap={2}>
          <Text size="sm">
            <WithTime k="status.delivered" at={m.deliveredAt} values={{ peer: m.peer }} />
          </Text>
          {attempts > 1 && <Text size="xs" c="dimmed">{t('status.deliveredAfter', { count: attempts })}</Text>}
        </Stack>
      );
    case 'REJECTED': {
      const code = m.rejectCode ?? m.receipt?.code ?? '—';
      return (
        <Stack gap={2}>
          <Text size="sm">
            <WithTime k="status.rejected" at={m.deliveredAt} values={{ peer: m.peer }} />
          </Text>
          <Text size="sm">{t('status.rejectedWhy', { reason: t(`reject.${rejectReasonKey(code)}`), code })}</Text>
          {m.rejectDetail && <Text size="xs" c="dimmed">{t('status.rejectedDetail', { detail: m.rejectDetail })}</Text>}
        </Stack>
      );
    }
    case 'DEAD':
      return (
        <Stack gap={4}>
          <Text size="sm" fw={600}>{t('status.dead', { count: attempts })}</Text>
          {m.lastError && <LastFailure error={m.lastError} />}
          <Text size="sm">{t('status.deadHelp')}</Text>
        </Stack>
      );
    case 'RECEIVED':
      return (
        <Text size="sm">
          <WithTime k="status.received" at={m.deliveredAt} values={{ peer: m.peer }} />
        </Text>
      );
  }
}

/** The messages as a table (caption, column headers, one row per message headed by what it carried). */
export function TransmissionsTable({ items }: { items: Transmission[] }) {
  const { t } = useTranslation('transmissions');
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" striped>
        <Table.Caption>{t('caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('column.message')}</Table.Th>
            <Table.Th scope="col">{t('column.direction')}</Table.Th>
            <Table.Th scope="col">{t('column.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={`${m.direction}-${m.id}`}>
              <Table.Th scope="row" fw={400} miw={200}>
                <Text size="sm" fw={600}>{t(`common:federationMessage.${messageTypeKey(m.type)}`, { type: m.type })}</Text>
                <Text size="xs" c="dimmed">
                  <WithTime k="written" at={m.createdAt} />
                </Text>
              </Table.Th>
              <Table.Td>{t(`direction.${m.direction}`, { peer: m.peer })}</Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Badge color={STATE_COLOR[m.state]} variant="light" c="dark.8">{t(`state.${m.state}`)}</Badge>
                  <Status m={m} />
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The request's signed messages between this MLA Hub and the other country's (DESIGN §15):
 * each sent or received, what it carried, and where it stands (waiting with its attempts,
 * delivered with the peer's verified receipt, refused with the reason, or given up), times in
 * the reader's zone. Shown only for a request that has such messages.
 */
export function TransmissionsPanel({ request }: { request: RequestDto }) {
  const { t, i18n } = useTranslation('transmissions');
  const list = useTransmissions(request);
  const items = list.data?.items ?? [];
  if (list.error) return <ProblemAlert problem={list.error} />;
  if (items.length === 0) return null;
  const peers = [...new Set(items.map((m) => m.peer))];
  return (
    <Card withBorder component="section" aria-labelledby="transmissions-heading">
      <Title order={2} size="h4" id="transmissions-heading" mb="xs">
        {t('title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('intro', { peers: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(peers), zone: viewerTimeZone() })}
      </Text>
      <TransmissionsTable items={items} />
    </Card>
  );
}
