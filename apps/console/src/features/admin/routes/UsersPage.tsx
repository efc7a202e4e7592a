import { Alert, Badge, Button, Card, Group, PasswordInput, Select, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import { FormDialog } from '@/components/FormDialog';
import { Page } from '@/components/Page';
import { Pager } from '@/components/Pager';
import { ProblemAlert, useProblemText } from '@/components/problem';
import type { Authority, Role, Schemas } from '@/lib/api/client';
import { useAuthorities, useMe } from '@/lib/api/hooks';
import { useCreateUser, useUpdateUser, useUsers, type UsersQuery } from '../api/admin';
import { enums } from '@/lib/api/generated/api-values';

const ROLES: readonly Role[] = enums.UserDto.role;
type User = Schemas['UserDto'];
type Option = { value: string; label: string };

/** The kinds of authority each role may belong to (the API's rule, libs/identity users.service): only those are offered. */
const ROLE_KINDS: Record<Exclude<Role, 'ADMIN'>, Authority['kind'][]> = {
  PROSECUTOR: ['PROSECUTION_OFFICE'],
  OFFICER: ['CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'],
  SUPERVISOR: ['PROSECUTION_OFFICE', 'CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'],
};

export function authoritiesFor(role: Role, authorities: Authority[]): Option[] {
  if (role === 'ADMIN') return [];
  return authorities.filter((a) => ROLE_KINDS[role].includes(a.kind)).map((a) => ({ value: a.id, label: `${a.code} — ${a.name}` }));
}

export function UsersPage() {
  const { t } = useTranslation('admin');
  const authorities = useAuthorities();
  const me = useMe();
  const [editing, setEditing] = useState<User | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);
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
                  <Badge color={u.active ? 'green' : 'gray'} variant="light" c="dark.8">
                    {u.active ? t('active') : t('inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <DateTime value={u.createdAt} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => setEditing(u)} aria-label={t('editUserOf', { email: u.email })}>
                      {t('edit')}
                    </Button>
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
      {creating && <CreateUserDialog authorities={authorities.data ?? []} onClose={() => setCreating(false)} onDone={(email) => setDone(t('userCreated', { email }))} />}
    </Page>
  );
}

function CreateUserDialog({ authorities, onClose, onDone }: { authorities: Authority[]; onClose: () => void; onDone: (email: string) => void }) {
  const { t } = useTranslation('admin');
  const { forField } = useProblemText();
  const create = useCreateUser();
  const form = useForm({ defaultValues: { email: '', displayName: '', password: '' } });
  const [role, setRole] = useState<Role>('OFFICER');
  const [authorityId, setAuthorityId] = useState<string | null>(null);
  const err = (f: string) => forField(create.error, f);
  const authorityOptions = authoritiesFor(role, authorities);
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
      <Select label={t('common:field.role')} data={ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))} value={role} onChange={(v) => { const next = (v ?? 'OFFICER') as Role; setRole(next); if (!authoritiesFor(next, authorities).some((o) => o.value === authorityId)) setAuthorityId(null); }} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
      {role !== 'ADMIN' && (
        <Select
          label={t('common:field.authorityId')}
          description={t('authorityHelp', { kinds: ROLE_KINDS[role].map((k) => t(`common:authorityKind.${k}`)).join(', ') })}
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

/** Role, authority and a password reset: only what changed is sent; every session of the user then ends. */
function EditUserDialog({ user, self, authorities, onClose, onDone }: { user: User; self: boolean; authorities: Authority[]; onClose: () => void; onDone: (u: User) => void }) {
  const { t } = useTranslation('admin');
  const { forField } = useProblemText();
  const update = useUpdateUser();
  const [role, setRole] = useState<Role>(user.role);
  const [authorityId, setAuthorityId] = useState<string | null>(user.authorityId);
  const [password, setPassword] = useState('');
  const err = (f: string) => forField(update.error, f);
  const options = authoritiesFor(role, authorities);
  const body: Schemas['UpdateUserDto'] = {};
  if (role !== user.role) body.role = role;
  const nextAuthority = role === 'ADMIN' ? null : authorityId;
  if (nextAuthority !== user.authorityId) body.authorityId = nextAuthority;
  if (password !== '') body.password = password;
  const unchanged = Object.keys(body).length === 0;
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t('editUserOf', { email: user.email })}
      submitLabel={t('common:save')}
      submitting={update.isPending}
      submitDisabled={unchanged || (role !== 'ADMIN' && !authorityId)}
      onSubmit={() => update.mutate({ id: user.id, body }, { onSuccess: (u) => { onDone(u); onClose(); } })}
    >
      <Text size="sm">
        {user.displayName} · {user.email}
      </Text>
      <Select
        label={t('common:field.role')}
        description={self ? t('ownRoleHelp') : undefined}
        disabled={self}
        data={ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))}
        value={role}
        onChange={(v) => {
          const next = (v ?? user.role) as Role;
          setRole(next);
          if (!authoritiesFor(next, authorities).some((o) => o.value === authorityId)) setAuthorityId(null);
        }}
        allowDeselect={false}
        error={err('role')}
        comboboxProps={{ withinPortal: true }}
      />
      {role !== 'ADMIN' && (
        <Select
          label={t('common:field.authorityId')}
          description={t('authorityHelp', { kinds: ROLE_KINDS[role].map((k) => t(`common:authorityKind.${k}`)).join(', ') })}
          required
          data={options}
          value={authorityId}
          onChange={setAuthorityId}
          searchable
          error={err('authorityId')}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      <PasswordInput
        label={t('resetPassword')}
        description={t('resetPasswordHelp')}
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={password !== '' && password.length < 12 ? t('passwordTooShort') : err('password')}
      />
      <Text size="sm" c="dimmed">
        {t('sessionsEnd')}
      </Text>
      <ProblemAlert problem={update.error} shownFields={['role', 'authorityId', 'password']} />
    </FormDialog>
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
