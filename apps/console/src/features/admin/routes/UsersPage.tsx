import { Alert, Badge, Button, Card, Group, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import { FormDialog } from '@/components/FormDialog';
import { Page } from '@/components/Page';
import { Pager } from '@/components/Pager';
import { ProblemAlert } from '@/components/problem';
import type { Role, Schemas } from '@/lib/api/client';
import { useAuthorities, useMe } from '@/lib/api/hooks';
import { useUpdateUser, useUsers, type UsersQuery } from '../api/admin';
import { MfaResetDialog } from '../components/MfaResetDialog';
import { CreateUserDialog, EditUserDialog } from '../components/UserDialogs';
import { enums } from '@/lib/api/generated/api-values';

const ROLES: readonly Role[] = enums.UserDto.role;
type User = Schemas['UserDto'];
type Option = { value: string; label: string };


export function UsersPage() {
  const { t } = useTranslation('admin');
  const authorities = useAuthorities();
  const me = useMe();
  const [editing, setEditing] = useState<User | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [filters, setFilters] = useState<UsersQuery>({});
  const [cursor, setCursor] = useState<string | undefined>();
  const users = useUsers({ ...filters, cursor });
  const [creating, setCreating] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const authorityOptions = (authorities.data ?? []).map((a) => ({ value: a.id, label: `${a.code} — ${a.name}` }));
  const codeOf = (id: string | null) => authorities.data?.find((a) => a.id === id)?.code ?? '—';
  return (
    <Page title={t('users')} subtitle={t('usersSubtitle')} actions={<Button onClick={() => setCreating(true)}>{t('createUser')}</Button>}>
      <Card withBorder component="section" aria-label={t('common:search')}>
        <Group grow>
          <Select
            label={t('common:field.role')}
            placeholder={t('common:any')}
            data={ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))}
            value={filters.role ?? null}
            onChange={(v) => { setFilters((f) => ({ ...f, role: (v ?? undefined) as UsersQuery['role'] })); setCursor(undefined); }}
            clearable
          />
          <Select
            label={t('common:field.authorityId')}
            placeholder={t('common:any')}
            data={authorityOptions}
            value={filters.authorityId ?? null}
            onChange={(v) => { setFilters((f) => ({ ...f, authorityId: v ?? undefined })); setCursor(undefined); }}
            clearable
            searchable
          />
        </Group>
      </Card>
      {done && (
        <Alert color="green" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      <ProblemAlert problem={users.error} />
      {users.isPending ? (
        <Text>{t('common:loading')}</Text>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Caption>{t('usersCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common:field.displayName')}</Table.Th>
              <Table.Th>{t('common:field.email')}</Table.Th>
              <Table.Th>{t('common:field.role')}</Table.Th>
              <Table.Th>{t('common:field.authorityId')}</Table.Th>
              <Table.Th>{t('status')}</Table.Th>
              <Table.Th>{t('createdAt')}</Table.Th>
              <Table.Th>{t('actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users.data?.items ?? []).map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.displayName}</Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{t(`common:role.${u.role}`)}</Table.Td>
                <Table.Td>{codeOf(u.authorityId)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge color={u.active ? 'green' : 'gray'} variant="light" c="dark.8">
                      {u.active ? t('active') : t('inactive')}
                    </Badge>
                    {u.mfaEnrolled && (
                      <Badge color="blue" variant="light" c="dark.8">
                        {t('mfaOn')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <DateTime value={u.createdAt} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => setEditing(u)} aria-label={t('editUserOf', { email: u.email })}>
                      {t('edit')}
                    </Button>
                    {u.mfaEnrolled && u.id !== me.data?.id && (
                      <Button size="xs" variant="default" onClick={() => setResetting(u)} aria-label={t('resetMfaOf', { email: u.email })}>
                        {t('resetMfa')}
                      </Button>
                    )}
                    {u.id !== me.data?.id && (
                      <Button size="xs" variant="outline" color={u.active ? 'red' : undefined} onClick={() => setToggling(u)} aria-label={t(u.active ? 'deactivateOf' : 'reactivateOf', { email: u.email })}>
                        {u.active ? t('deactivate') : t('reactivate')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager cursor={cursor} nextCursor={users.data?.nextCursor} onCursor={setCursor} />
      {editing && (
        <EditUserDialog user={editing} self={editing.id === me.data?.id} authorities={authorities.data ?? []} onClose={() => setEditing(null)} onDone={(u) => setDone(t('userSaved', { email: u.email }))} />
      )}
      {toggling && <ActiveDialog user={toggling} onClose={() => setToggling(null)} onDone={(u) => setDone(t(u.active ? 'userReactivated' : 'userDeactivated', { email: u.email }))} />}
      {resetting && <MfaResetDialog user={resetting} onClose={() => setResetting(null)} onDone={(u) => setDone(t('mfaResetDone', { email: u.email }))} />}
      {creating && <CreateUserDialog authorities={authorities.data ?? []} onClose={() => setCreating(false)} onDone={(email) => setDone(t('userCreated', { email }))} />}
    </Page>
  );
}

/** Deactivate (no more sign-in, every session ended) or reactivate, after a confirmation; the API's refusal shown here. */
function ActiveDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (u: User) => void }) {
  const { t } = useTranslation('admin');
  const update = useUpdateUser();
  const deactivating = user.active;
  const title = t(deactivating ? 'deactivateOf' : 'reactivateOf', { email: user.email });
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={title}
      submitLabel={deactivating ? t('deactivate') : t('reactivate')}
      danger={deactivating}
      submitting={update.isPending}
      onSubmit={() => update.mutate({ id: user.id, body: { active: !deactivating } }, { onSuccess: (u) => { onDone(u); onClose(); } })}
    >
      <Text>{deactivating ? t('deactivateConfirm', { name: user.displayName }) : t('reactivateConfirm', { name: user.displayName })}</Text>
      <ProblemAlert problem={update.error} />
    </FormDialog>
  );
}
