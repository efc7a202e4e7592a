import { Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import { Pager } from '@/components/Pager';
import { ProblemAlert } from '@/components/problem';
import { viewerTimeZone } from '@/lib/format';
import { useAccessLog } from '../api/requests';

const DETAIL_KEYS = ['itemId', 'attachmentId', 'language', 'file', 'sha256'];

/** The reads of a confidential request: who, from which authority, what, when (in the viewer's zone). */
export function AccessLog({ requestId }: { requestId: string }) {
  const { t } = useTranslation('requests');
  const [cursor, setCursor] = useState<string | undefined>();
  const log = useAccessLog(requestId, cursor);
  const items = log.data?.items ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('accessLog.help', { zone: viewerTimeZone() })}
        </Text>
        <Button variant="default" size="xs" onClick={() => void log.refetch()} loading={log.isFetching}>
          {t('accessLog.refresh')}
        </Button>
      </Group>
      <ProblemAlert problem={log.error} />
      {log.isPending ? (
        <Text>{t('common:loading')}</Text>
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('accessLog.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped verticalSpacing="xs">
            <Table.Caption>{t('accessLog.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('accessLog.at')}</Table.Th>
                <Table.Th>{t('accessLog.who')}</Table.Th>
                <Table.Th>{t('accessLog.authority')}</Table.Th>
                <Table.Th>{t('accessLog.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => {
                const detail = Object.entries(e.detail ?? {}).filter(([k, v]) => DETAIL_KEYS.includes(k) && (typeof v === 'string' || typeof v === 'number'));
                return (
                  <Table.Tr key={e.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <DateTime value={e.at} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.user.email}</Text>
                      <Text size="xs" c="dimmed">
                        {t(`common:role.${e.user.role}`, { defaultValue: e.user.role })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {e.user.authorityCode ?? '—'}
                      {e.user.country ? ` (${e.user.country})` : ''}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`accessLog.kind.${e.what}`, { defaultValue: e.what })}</Text>
                      {detail.map(([k, v]) => (
                        <Text size="xs" c="dimmed" key={k}>
                          {t(`accessLog.detail.${k}`, { defaultValue: k })}: <Code>{String(v).slice(0, 64)}</Code>
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager cursor={cursor} nextCursor={log.data?.nextCursor} onCursor={setCursor} />
    </Stack>
  );
}
