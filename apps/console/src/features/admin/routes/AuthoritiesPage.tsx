import { Alert, Anchor, Button, Card, Code, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CopyField } from '@/components/CopyField';
import { FormDialog } from '@/components/FormDialog';
import { Page } from '@/components/Page';
import { ProblemAlert, useProblemText } from '@/components/problem';
import type { Authority, Schemas } from '@/lib/api/client';
import { useAuthorities } from '@/lib/api/hooks';
import { useCreateAuthority, useUpdateAuthority } from '../api/admin';
import { enums } from '@/lib/api/generated/api-values';

const KINDS = enums.AuthorityDto.kind;

export function AuthoritiesPage() {
  const { t } = useTranslation('admin');
  const authorities = useAuthorities();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Authority | null>(null);
  const [secret, setSecret] = useState<{ code: string; secret: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const items = authorities.data ?? [];
  return (
    <Page
      title={t('authorities')}
      subtitle={t('authoritiesSubtitle')}
      actions={
        <>
          <Button component="a" href="/admin/queues" variant="default">
            {t('queueBoard')} ↗
          </Button>
          <Button onClick={() => setCreating(true)}>{t('create')}</Button>
        </>
      }
    >
      {done && (
        <Alert color="green" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      {secret && (
        <Card withBorder bg="yellow.0" component="section" aria-label={t('secretTitle', { code: secret.code })}>
          <Stack gap="xs">
            <Text fw={700}>{t('secretTitle', { code: secret.code })}</Text>
            <Text size="sm">{t('secretHelp')}</Text>
            <CopyField label={t('secretLabel')} value={secret.secret} />
            <Group>
              <Button size="xs" variant="default" onClick={() => setSecret(null)}>
                {t('common:close')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      <ProblemAlert problem={authorities.error} />
      <Table.ScrollContainer minWidth={900}>
        <Table striped verticalSpacing="xs">
          <Table.Caption>{t('authoritiesCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common:field.code')}</Table.Th>
              <Table.Th>{t('common:field.name')}</Table.Th>
              <Table.Th>{t('common:field.kind')}</Table.Th>
              <Table.Th>{t('common:field.country')}</Table.Th>
              <Table.Th>{t('common:field.timezone')}</Table.Th>
              <Table.Th>{t('common:field.language')}</Table.Th>
              <Table.Th>{t('webhook')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Code>{a.code}</Code>
                </Table.Td>
                <Table.Td>{a.name}</Table.Td>
                <Table.Td>{t(`common:authorityKind.${a.kind}`)}</Table.Td>
                <Table.Td>{a.country}</Table.Td>
                <Table.Td>{a.timezone}</Table.Td>
                <Table.Td>{a.language}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>{a.webhookUrl ?? <Text c="dimmed" size="sm">{t('noWebhook')}</Text>}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setEditing(a)} aria-label={`${t('edit')} ${a.code}`}>
                    {t('edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Anchor href="/admin/queues" size="sm">
        {t('queueBoardHelp')}
      </Anchor>
      {creating && <CreateAuthorityDialog onClose={() => setCreating(false)} onDone={(a) => setDone(t('created', { name: a.name }))} />}
      {editing && (
        <EditAuthorityDialog
          authority={editing}
          onClose={() => setEditing(null)}
          onDone={(a) => {
            setDone(t('updated', { name: a.name }));
            if (a.webhookSecret) setSecret({ code: a.code, secret: a.webhookSecret });
          }}
        />
      )}
    </Page>
  );
}

function CreateAuthorityDialog({ onClose, onDone }: { onClose: () => void; onDone: (a: Authority) => void }) {
  const { t } = useTranslation('admin');
  const { forField } = useProblemText();
  const create = useCreateAuthority();
  const form = useForm<Schemas['CreateAuthorityDto']>({ defaultValues: { kind: 'CENTRAL_AUTHORITY', code: '', name: '', country: '', timezone: '', language: 'en' } });
  const [kind, setKind] = useState<(typeof KINDS)[number]>('CENTRAL_AUTHORITY');
  const err = (f: string) => forField(create.error, f);
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t('create')}
      submitLabel={t('create')}
      submitting={create.isPending}
      onSubmit={form.handleSubmit((v) => create.mutate({ ...v, kind, webhookUrl: v.webhookUrl || undefined }, { onSuccess: (a) => { onDone(a as Authority); onClose(); } }))}
    >
      <Select label={t('common:field.kind')} data={KINDS.map((k) => ({ value: k, label: t(`common:authorityKind.${k}`) }))} value={kind} onChange={(v) => setKind((v ?? 'CENTRAL_AUTHORITY') as typeof kind)} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
      <TextInput label={t('common:field.code')} description={t('codeHelp')} required {...form.register('code')} error={err('code')} />
      <TextInput label={t('common:field.name')} required {...form.register('name')} error={err('name')} />
      <Group grow align="flex-start">
        <TextInput label={t('common:field.country')} description={t('countryHelp')} required maxLength={2} {...form.register('country')} error={err('country')} />
        <TextInput label={t('common:field.timezone')} description={t('timezoneHelp')} required {...form.register('timezone')} error={err('timezone')} />
        <TextInput label={t('common:field.language')} description={t('languageHelp')} required {...form.register('language')} error={err('language')} />
      </Group>
      <TextInput label={t('common:field.webhookUrl')} description={t('webhookHelp')} type="url" {...form.register('webhookUrl')} error={err('webhookUrl')} />
      <ProblemAlert problem={create.error} shownFields={['code', 'name', 'country', 'timezone', 'language', 'webhookUrl']} />
    </FormDialog>
  );
}

function EditAuthorityDialog({ authority, onClose, onDone }: { authority: Authority; onClose: () => void; onDone: (a: Schemas['AuthorityWithSecretDto']) => void }) {
  const { t } = useTranslation('admin');
  const { forField } = useProblemText();
  const update = useUpdateAuthority();
  const form = useForm({ defaultValues: { name: authority.name, timezone: authority.timezone, language: authority.language, webhookUrl: authority.webhookUrl ?? '' } });
  const err = (f: string) => forField(update.error, f);
  const submit = form.handleSubmit((v) => {
    const body: Schemas['UpdateAuthorityDto'] = {};
    if (v.name !== authority.name) body.name = v.name;
    if (v.timezone !== authority.timezone) body.timezone = v.timezone;
    if (v.language !== authority.language) body.language = v.language;
    const url = v.webhookUrl.trim();
    if (url !== (authority.webhookUrl ?? '')) body.webhookUrl = url === '' ? null : url;
    if (Object.keys(body).length === 0) return onClose();
    update.mutate({ id: authority.id, body }, { onSuccess: (a) => { onDone(a); onClose(); } });
  });
  return (
    <FormDialog opened onClose={onClose} title={t('editOf', { code: authority.code })} submitLabel={t('common:save')} submitting={update.isPending} onSubmit={() => void submit()}>
      <TextInput label={t('common:field.name')} required {...form.register('name')} error={err('name')} />
      <Group grow align="flex-start">
        <TextInput label={t('common:field.timezone')} description={t('timezoneHelp')} {...form.register('timezone')} error={err('timezone')} />
        <TextInput label={t('common:field.language')} description={t('languageHelp')} {...form.register('language')} error={err('language')} />
      </Group>
      <TextInput label={t('common:field.webhookUrl')} description={t('webhookHelp')} type="url" {...form.register('webhookUrl')} error={err('webhookUrl')} />
      <ProblemAlert problem={update.error} shownFields={['name', 'timezone', 'language', 'webhookUrl']} />
    </FormDialog>
  );
}
