import { Anchor, Badge, Button, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime } from '@/components/DateTime';
import { Page } from '@/components/Page';
import { Pager } from '@/components/Pager';
import { ProblemAlert } from '@/components/problem';
import { useMarkRead, useNotifications } from '../api/notifications';

export function InboxPage() {
  const { t } = useTranslation('inbox');
  const [unread, setUnread] = useState(false);
  const [cursor, setCursor] = useState<string | undefined>();
  const list = useNotifications({ unread, cursor });
  const markRead = useMarkRead();
  const items = list.data?.items ?? [];
  return (
    <Page title={t('title')} subtitle={t('subtitle')}>
      <Group>
        <Switch
          label={t('unreadOnly')}
          checked={unread}
          onChange={(e) => {
            setUnread(e.currentTarget.checked);
            setCursor(undefined);
          }}
        />
      </Group>
      <ProblemAlert problem={list.error ?? markRead.error} />
      {list.isPending ? (
        <Text>{t('common:loading')}</Text>
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('common:empty')}</Text>
      ) : (
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Caption>{t('caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('received')}</Table.Th>
              <Table.Th>{t('notification')}</Table.Th>
              <Table.Th>{t('status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((n) => {
              const reference = (n.payload as { request?: { reference?: string } })?.request?.reference ?? '';
              return (
                <Table.Tr key={n.id} fw={n.readAt ? undefined : 600}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <DateTime value={n.occurredAt} />
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text fw={n.readAt ? 500 : 700} lang={n.language}>
                        {n.title}
                      </Text>
                      <Text size="sm" c="dimmed" lang={n.language}>
                        {n.body}
                      </Text>
                      {n.requestId && (
                        <Anchor component={Link} to={`/requests/${n.requestId}`} size="sm">
                          {t('openRequest', { reference })}
                        </Anchor>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={n.readAt ? 'gray' : 'blue'} variant="light" c="dark.8">
                      {n.readAt ? t('read') : t('unread')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {!n.readAt && (
                      <Button size="xs" variant="default" onClick={() => markRead.mutate(n.id)} aria-label={`${t('markRead')}: ${n.title}`}>
                        {t('markRead')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Pager cursor={cursor} nextCursor={list.data?.nextCursor} onCursor={setCursor} />
    </Page>
  );
}
