import { Alert, Badge, Button, Card, Group, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import { Page } from '@/components/Page';
import { ProblemAlert } from '@/components/problem';
import { useAuthorities, useMe } from '@/lib/api/hooks';
import { useDeliveries, useRetryDelivery, type DeliveriesQuery } from '../api/admin';
import { enums } from '@/lib/api/generated/api-values';

const STATUS_COLOR = { PENDING: 'blue', DELIVERED: 'green', DEAD: 'red' } as const;

/** Webhook deliveries of one authority (admins: any; supervisors: their country's), with retry. */
export function DeliveriesPage() {
  const { t } = useTranslation('admin');
  const me = useMe();
  const authorities = useAuthorities();
  const mine = (authorities.data ?? []).filter((a) => me.data?.role === 'ADMIN' || a.country === me.data?.authority?.country);
  const [authorityId, setAuthorityId] = useState<string | null>(null);
  const chosen = authorityId ?? mine.find((a) => a.webhookUrl)?.id ?? mine[0]?.id ?? null;
  const [status, setStatus] = useState<DeliveriesQuery['status'] | undefined>();
  const deliveries = useDeliveries(chosen, { status });
  const retry = useRetryDelivery();
  const [done, setDone] = useState(false);
  const code = mine.find((a) => a.id === chosen)?.code ?? '';
  return (
    <Page title={t('deliveries')} subtitle={t('deliveriesSubtitle')}>
      <Card withBorder component="section" aria-label={t('common:search')}>
        <Group grow>
          <Select label={t('authority')} placeholder={t('chooseAuthority')} data={mine.map((a) => ({ value: a.id, label: `${a.code} — ${a.name}` }))} value={chosen} onChange={setAuthorityId} allowDeselect={false} searchable />
          <Select
            label={t('status')}
            placeholder={t('common:any')}
            data={enums.WebhookDeliveryDto.status.map((s) => ({ value: s, label: t(`deliveryStatus.${s}`) }))}
            value={status ?? null}
            onChange={(v) => setStatus((v ?? undefined) as DeliveriesQuery['status'])}
            clearable
          />
        </Group>
      </Card>
      {done && (
        <Alert color="green" role="status" withCloseButton onClose={() => setDone(false)}>
          {t('retried')}
        </Alert>
      )}
      <ProblemAlert problem={deliveries.error ?? retry.error} />
      {(deliveries.data?.items ?? []).length === 0 ? (
        <Text c="dimmed">{t('common:empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="xs">
            <Table.Caption>{t('deliveriesCaption', { code })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('type')}</Table.Th>
                <Table.Th>{t('status')}</Table.Th>
                <Table.Th>{t('attempts')}</Table.Th>
                <Table.Th>{t('lastAttempt')}</Table.Th>
                <Table.Th>{t('lastResult')}</Table.Th>
                <Table.Th>{t('url')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(deliveries.data?.items ?? []).map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{d.type}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[d.status]} variant="light" c="dark.8">
                      {t(`deliveryStatus.${d.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>
                    <DateTime value={d.lastAttemptAt} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{d.lastStatusCode ?? ''} {d.lastError ?? ''}</Text>
                  </Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>
                    <Text size="xs">{d.url}</Text>
                  </Table.Td>
                  <Table.Td>
                    {d.status === 'DEAD' && chosen && (
                      <Button size="xs" variant="light" loading={retry.isPending} onClick={() => retry.mutate({ authorityId: chosen, deliveryId: d.id }, { onSuccess: () => setDone(true) })}>
                        {t('retry')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
