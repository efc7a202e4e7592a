import { Alert, Checkbox, Group, Select, Stack, TextInput } from '@mantine/core';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { channelsFor } from '../authority-picker';
import { AuthorityPicker } from '../components/AuthorityPicker';
import { notAccepted } from '../components/CountryRequirements';
import type { Writer } from '../hooks/useWriter';
import { CHOICES, LANGUAGES } from '../writer-values';

/** Step 1: what is asked, of whom, on which legal basis, in which language. */
export function RouteStep({ w }: { w: Writer }) {
  const { t } = useTranslation('writer');
  const { form, values, country, countryName } = w;
  const languageNotAccepted = Boolean(country.data?.languages?.length) && !country.data?.languages?.includes(values.language);
  // The channels the requested country takes this request through: its published rules (DESIGN §14), never a copy.
  const channels = channelsFor(country.data, values);
  const channelWord = (c: string) => t(`common:channel.${c}`);
  return (
    <Stack>
      {values.relatedRequestId && w.source.data && <Alert color="blue">{t('relatedHelp', { reference: w.source.data.reference })}</Alert>}
      <Controller
        control={form.control}
        name="type"
        render={({ field }) => (
          <Select
            label={t('common:field.type')}
            required
            data={CHOICES.types.map((v) => ({ value: v, label: t(`common:type.${v}`) }))}
            value={field.value}
            onChange={(v) => field.onChange(v ?? CHOICES.types[0])}
            allowDeselect={false}
          />
        )}
      />
      <Controller
        control={form.control}
        name="requestedAuthorityId"
        render={({ field }) => (
          <AuthorityPicker
            authorities={w.authorities}
            myCountry={w.myCountry}
            value={field.value}
            onChange={(a) => {
              field.onChange(a?.id ?? '');
              form.setValue('requestedCountry', a?.country ?? '');
            }}
            error={w.serverError('requestedAuthorityId') ?? (!values.requestedAuthorityId && w.visited > 0 ? t('needed') : undefined)}
          />
        )}
      />
      <Controller
        control={form.control}
        name="legalBasis"
        render={({ field }) => (
          <Select
            label={t('common:field.legalBasis')}
            required
            data={CHOICES.legalBases.map((v) => ({ value: v, label: t(`common:legalBasis.${v}`) }))}
            value={field.value}
            onChange={(v) => field.onChange(v ?? CHOICES.legalBases[0])}
            allowDeselect={false}
            description={notAccepted(country.data?.legalBases, field.value) ? t('requirements.basisNotAccepted', { country: countryName }) : undefined}
          />
        )}
      />
      <Controller
        control={form.control}
        name="language"
        render={({ field }) => (
          <Select
            label={t('language')}
            required
            data={LANGUAGES.map((l) => ({ value: l, label: t(`common:languages.${l}`, { defaultValue: l }) }))}
            value={field.value}
            onChange={(v) => field.onChange(v ?? w.myLanguage)}
            allowDeselect={false}
            description={
              languageNotAccepted
                ? t(country.data?.translationRequired ? 'requirements.languageNeedsTranslation' : 'requirements.languageNotAccepted', {
                    country: countryName,
                    languages: (country.data?.languages ?? []).map((l) => t(`common:languages.${l}`, { defaultValue: l })).join(', '),
                  })
                : undefined
            }
            error={w.errorOf('language') ?? w.serverError('language')}
          />
        )}
      />
      {values.legalBasis === 'BILATERAL_TREATY' && (
        <TextInput label={t('common:field.treatyName')} description={t('treatyHelp')} required {...form.register('treatyName')} error={w.errorOf('treatyName')} />
      )}
      <Group grow align="flex-start">
        <Controller
          control={form.control}
          name="channel"
          render={({ field }) => (
            <Select
              label={t('common:field.channel')}
              data={CHOICES.channels.map((v) => ({ value: v, label: channelWord(v), disabled: Boolean(channels) && !channels?.includes(v) && v !== field.value }))}
              value={field.value}
              onChange={(v) => field.onChange(v ?? CHOICES.channels[0])}
              allowDeselect={false}
              description={
                notAccepted(country.data?.channels, field.value)
                  ? t('requirements.channelNotAccepted', { country: countryName })
                  : channels && !channels.includes(field.value)
                    ? t('requirements.channelNotForRequest', { country: countryName, channels: channels.map(channelWord).join(', ') })
                    : undefined
              }
              error={w.serverError('channel')}
            />
          )}
        />
        <Controller
          control={form.control}
          name="priority"
          render={({ field }) => (
            <Select
              label={t('common:field.priority')}
              data={CHOICES.priorities.map((v) => ({ value: v, label: t(`common:priority.${v}`) }))}
              value={field.value}
              onChange={(v) => field.onChange(v ?? CHOICES.priorities[0])}
              allowDeselect={false}
            />
          )}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput type="date" label={t('common:field.neededBy')} {...form.register('neededBy')} error={w.serverError('neededBy')} />
        <Checkbox mt="lg" label={t('common:field.confidential')} description={t('confidentialHelp')} {...form.register('confidential')} />
      </Group>
    </Stack>
  );
}
