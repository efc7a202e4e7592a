import { Anchor, Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime } from '@/components/DateTime';
import { ProblemAlert } from '@/components/problem';
import { useAccountChanges } from '../api/supervision';
import { accountChangeKind, accountOf, opensAccess, type AuditEntry } from '../account-changes';

/** The recent changes of accounts that touch the supervisor's country, newest first (GET /audit, users only). */
export function AccountChangesTable({ rows }: { rows: AuditEntry[] }) {
  const { t } = useTranslation('supervision');
  if (rows.length === 0) return <Text c="dimmed">{t('accountChanges.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Caption>{t('accountChanges.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('accountChanges.when')}</Table.Th>
            <Table.Th>{t('accountChanges.account')}</Table.Th>
            <Table.Th>{t('accountChanges.change')}</Table.Th>
            <Table.Th>{t('accountChanges.by')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const kind = accountChangeKind(row);
            const account = accountOf(row);
            return (
              <Table.Tr key={row.id} aria-label={account.email}>
                <Table.Td>
                  <DateTime value={row.occurredAt} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{account.email}</Text>
                  <Text size="xs" c="dimmed">
                    {account.authorityCode ? t('accountChanges.roleAt', { role: account.role, authority: account.authorityCode }) : account.role}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Text size="sm">{t(`accountChanges.kind.${kind}`)}</Text>
                    {opensAccess(kind) && (
                      <Badge color="orange" variant="light" c="dark.8">
                        {t('accountChanges.opensAccess')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{row.actor.email}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The supervisor's panel of account changes (DESIGN §2: no ADMIN change that opens a way to content goes unseen). */
export function AccountChangesPanel() {
  const { t } = useTranslation('supervision');
  const changes = useAccountChanges();
  return (
    <Card withBorder component="section" aria-labelledby="account-changes-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="account-changes-title">
          {t('accountChanges.title')}
        </Title>
        <Anchor component={Link} to="/manage/audit" size="sm">
          {t('accountChanges.all')}
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('accountChanges.subtitle')}
      </Text>
      <ProblemAlert problem={changes.error} />
      {changes.data && <AccountChangesTable rows={changes.data.items} />}
    </Card>
  );
}
