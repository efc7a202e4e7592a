import { Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Writer } from '../hooks/useWriter';

/** Step 2: the title, the offence and its provision of law. */
export function OffenceStep({ w }: { w: Writer }) {
  const { t } = useTranslation('writer');
  const { form } = w;
  return (
    <Stack>
      <TextInput label={t('common:field.title')} required {...form.register('title')} error={w.errorOf('title')} />
      <Textarea label={t('common:field.offence.description')} required autosize minRows={3} {...form.register('offenceDescription')} error={w.errorOf('offence.description')} />
      <TextInput label={t('common:field.offence.provision')} required {...form.register('offenceProvision')} error={w.errorOf('offence.provision')} />
    </Stack>
  );
}

/** Step 3: the facts, the measures asked and the extra fields the requested country requires. */
export function FactsStep({ w }: { w: Writer }) {
  const { t } = useTranslation('writer');
  const { form, measures, requiredDetails, countryName } = w;
  return (
    <Stack>
      <Textarea label={t('common:field.facts')} required autosize minRows={5} {...form.register('facts')} error={w.errorOf('facts')} />
      <Stack gap="xs" role="group" aria-label={t('common:field.measures')}>
        <Text fw={500} size="sm">
          {t('common:field.measures')}
        </Text>
        {measures.fields.map((m, i) => (
          <Group key={m.id} align="flex-start" wrap="nowrap">
            <TextInput style={{ flex: 1 }} label={t('measure', { n: i + 1 })} {...form.register(`measures.${i}.value`)} error={i === 0 ? w.errorOf('measures') : undefined} />
            <Button mt={24} variant="subtle" color="red" onClick={() => measures.remove(i)} disabled={measures.fields.length === 1}>
              {t('removeMeasure', { n: i + 1 })}
            </Button>
          </Group>
        ))}
        <Group>
          <Button variant="default" size="xs" onClick={() => measures.append({ value: '' })}>
            {t('addMeasure')}
          </Button>
        </Group>
      </Stack>
      {requiredDetails.length > 0 && (
        <Stack gap="xs" role="group" aria-label={t('requirements.detailsFor', { country: countryName })}>
          <Text fw={500} size="sm">
            {t('requirements.detailsFor', { country: countryName })}
          </Text>
          {requiredDetails.map((d) => (
            <Textarea
              key={d.key}
              label={d.label[w.lang]}
              description={t('requirements.source', { source: d.source })}
              required
              autosize
              minRows={2}
              {...form.register(`details.${d.key}` as const)}
              error={w.errorOf(`details.${d.key}`)}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
