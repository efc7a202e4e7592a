import { zodResolver } from '@hookform/resolvers/zod';
import { Group, MultiSelect, Select, Text, TextInput, Textarea } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert, useProblemText } from '@/components/problem';
import type { Authority } from '@/lib/api/client';
import { enums } from '@/lib/api/generated/api-values';
import { useCreateAuthority, useUpdateAuthority } from '../api/admin';
import { createBody, dayOf, DIRECTORY_KINDS, entrySchema, entryValues, updateBody, type EntryValues } from '../directory';

const CHANNELS = enums.AuthorityDto.channels;
const FIELDS = ['code', 'country', 'kind', 'name', 'names', 'timezone', 'language', 'languages', 'address', 'email', 'channels', 'source', 'lastVerified'];

/** Adds an entry (authority null) or edits one: react-hook-form checked with the API's rules (zod) before it is sent. */
export function EntryDialog({ authority, onClose, onDone }: { authority: Authority | null; onClose: () => void; onDone: (code: string) => void }) {
  const { t } = useTranslation('admin');
  const { forField } = useProblemText();
  const create = useCreateAuthority();
  const update = useUpdateAuthority();
  const mutation = authority ? update : create;
  const form = useForm<EntryValues>({ resolver: zodResolver(entrySchema(dayOf(new Date()))), defaultValues: entryValues(authority) });
  const { errors } = form.formState;
  const err = (field: keyof EntryValues, api: string = field) => (errors[field]?.message ? t(errors[field]?.message as string) : forField(mutation.error, api));
  const submit = form.handleSubmit((v) => {
    if (!authority) return create.mutate(createBody(v), { onSuccess: (a) => { onDone(a.code); onClose(); } });
    const body = updateBody(authority, v);
    if (!body) return onClose();
    update.mutate({ id: authority.id, body }, { onSuccess: (a) => { onDone(a.code); onClose(); } });
  });
  return (
    <FormDialog
      opened
      onClose={onClose}
      size="xl"
      title={authority ? t('directory.editOf', { code: authority.code }) : t('directory.add')}
      submitLabel={authority ? t('common:save') : t('directory.add')}
      submitting={mutation.isPending}
      onSubmit={() => void submit()}
    >
      <Group grow align="flex-start">
        <TextInput label={t('common:field.code')} required disabled={Boolean(authority)} {...form.register('code')} error={err('code')} />
        <TextInput label={t('common:field.country')} description={t('countryHelp')} required maxLength={2} disabled={Boolean(authority)} {...form.register('country')} error={err('country')} />
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <Select label={t('common:field.kind')} data={DIRECTORY_KINDS.map((k) => ({ value: k, label: t(`common:authorityKind.${k}`) }))} value={field.value} onChange={(v) => field.onChange(v ?? field.value)} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
          )}
        />
      </Group>
      <TextInput label={t('directory.nameEn')} required {...form.register('nameEn')} error={err('nameEn', 'name')} />
      <TextInput label={t('directory.nameVi')} description={t('directory.nameViHelp')} {...form.register('nameVi')} error={err('nameVi', 'names')} />
      <Group grow align="flex-start">
        <TextInput label={t('common:field.timezone')} description={t('timezoneHelp')} required {...form.register('timezone')} error={err('timezone')} />
        <TextInput label={t('directory.languages')} description={t('directory.languagesHelp')} required {...form.register('languages')} error={err('languages')} />
      </Group>
      <Textarea label={t('directory.address')} description={t('directory.addressHelp')} autosize minRows={2} {...form.register('address')} error={err('address')} />
      <Group grow align="flex-start">
        <TextInput label={t('directory.email')} description={t('directory.emailHelp')} type="email" {...form.register('email')} error={err('email')} />
        <Controller
          control={form.control}
          name="channels"
          render={({ field }) => (
            <MultiSelect label={t('directory.channels')} data={CHANNELS.map((c) => ({ value: c, label: t(`directory.channel.${c}`) }))} value={field.value} onChange={field.onChange} comboboxProps={{ withinPortal: true }} error={err('channels')} />
          )}
        />
      </Group>
      <Textarea label={t('directory.source')} description={t('directory.sourceHelp')} required autosize minRows={2} {...form.register('source')} error={err('source')} />
      <TextInput type="date" label={t('directory.lastVerified')} description={t('directory.lastVerifiedHelp')} {...form.register('lastVerified')} error={err('lastVerified')} />
      <ProblemAlert problem={mutation.error} shownFields={FIELDS} />
    </FormDialog>
  );
}

/** Retires an entry (offered for no new request, its requests kept), or brings it back. */
export function RetireDialog({ authority, onClose, onDone }: { authority: Authority; onClose: () => void; onDone: (code: string, retired: boolean) => void }) {
  const { t, i18n } = useTranslation('admin');
  const update = useUpdateAuthority();
  const retiring = !authority.retiredAt;
  const name = authority.names?.[i18n.language] ?? authority.name;
  return (
    <FormDialog
      opened
      onClose={onClose}
      danger={retiring}
      title={t(retiring ? 'directory.retireOf' : 'directory.restoreOf', { code: authority.code })}
      submitLabel={t(retiring ? 'directory.retire' : 'directory.restore')}
      submitting={update.isPending}
      onSubmit={() => update.mutate({ id: authority.id, body: { retired: retiring } }, { onSuccess: () => { onDone(authority.code, retiring); onClose(); } })}
    >
      <Text>{t(retiring ? 'directory.retireConfirm' : 'directory.restoreConfirm', { name })}</Text>
      <ProblemAlert problem={update.error} />
    </FormDialog>
  );
}
