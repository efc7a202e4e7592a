import { Alert, Badge, Button, Card, Group, PasswordInput, Select, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import { FormDialog } from '@/components/FormDialog';
import { Page } from '@/components/Page';
import { Pager } from '@/components/Pager';
import { ProblemAlert, useProblemText } from '@/components/problem';
import type { Role } from '@/lib/api/client';
import { useAuthorities } from '@/lib/api/hooks';
import { useCreateUser, useUsers, type UsersQuery } from '../api/admin';

const ROLES: Role[] = ['PROSECUTOR', 'OFFICER', 'SUPERVISOR', 'ADMIN'];

export function UsersPage() {
  const { t } = useTranslation('admin');
  const authorities = useAuthorities();
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
                  <Badge color={u.active ? 'green' : 'gray'} variant="light" c="dark.8">
                    {u.active ? t('active') : t('inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <DateTime value={u.createdAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager cursor={cursor} nextCursor={users.data?.nextCursor} onCursor={setCursor} />
      {creating && <CreateUserDialog authorityOptions={authorityOptions} onClose={() => setCreating(false)} onDone={(email) => setDone(t('userCreated', { email }))} />}
    </Page>
  );
}

function CreateUserDialog({ authorityOptions, onClose, onDone }: { authorityOptions: { value: string; label: string }[]; onClose: () => void; onDone: (email: string) => void }) {
  const { t } = useTranslation('admin');
  const { forField } = useProblemText();
  const create = useCreateUser();
  const form = useForm({ defaultValues: { email: '', displayName: '', password: '' } });
  const [role, setRole] = useState<Role>('OFFICER');
  const [authorityId, setAuthorityId] = useState<string | null>(null);
  const err = (f: string) => forField(create.error, f);
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t('createUser')}
      submitLabel={t('createUser')}
      submitting={create.isPending}
      onSubmit={form.handleSubmit((v) =>
        create.mutate({ ...v, role, ...(role !== 'ADMIN' && authorityId ? { authorityId } : {}) }, { onSuccess: (u) => { onDone(u.email); onClose(); } }),
      )}
    >
      <TextInput label={t('common:field.displayName')} required {...form.register('displayName')} error={err('displayName')} />
      <TextInput label={t('common:field.email')} type="email" required {...form.register('email')} error={err('email')} />
      <Select label={t('common:field.role')} data={ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))} value={role} onChange={(v) => setRole((v ?? 'OFFICER') as Role)} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
      {role !== 'ADMIN' && (
        <Select
          label={t('common:field.authorityId')}
          description={t('authorityHelp')}
          required
          data={authorityOptions}
          value={authorityId}
          onChange={setAuthorityId}
          searchable
          error={err('authorityId')}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      <PasswordInput label={t('common:field.password')} description={t('passwordHelp')} required autoComplete="new-password" {...form.register('password')} error={err('password')} />
      <ProblemAlert problem={create.error} shownFields={['displayName', 'email', 'authorityId', 'password', 'role']} />
    </FormDialog>
  );
}
