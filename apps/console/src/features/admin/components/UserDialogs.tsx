import { PasswordInput, Select, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert, useProblemText } from '@/components/problem';
import type { Authority, Role, Schemas } from '@/lib/api/client';
import { enums, roleAuthorityKinds } from '@/lib/api/generated/api-values';
import { useCreateUser, useUpdateUser } from '../api/admin';

const ROLES: readonly Role[] = enums.UserDto.role;
type User = Schemas['UserDto'];
type Option = { value: string; label: string };

/** The kinds of authority each role may belong to (the server's rule, from the generated API values): only those are offered, and only this node's own (LOCAL) authorities. */
const ROLE_KINDS: Readonly<Record<Exclude<Role, 'ADMIN'>, readonly Authority['kind'][]>> = roleAuthorityKinds;

export function authoritiesFor(role: Role, authorities: Authority[]): Option[] {
  if (role === 'ADMIN') return [];
  return authorities.filter((a) => a.reach === 'LOCAL' && ROLE_KINDS[role].includes(a.kind)).map((a) => ({ value: a.id, label: `${a.code} — ${a.name}` }));
}

export function CreateUserDialog({ authorities, onClose, onDone }: { authorities: Authority[]; onClose: () => void; onDone: (email: string) => void }) {
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
export function EditUserDialog({ user, self, authorities, onClose, onDone }: { user: User; self: boolean; authorities: Authority[]; onClose: () => void; onDone: (u: User) => void }) {
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
