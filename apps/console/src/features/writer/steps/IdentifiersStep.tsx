import { Button, Group, Stack, Text } from '@mantine/core';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { enums } from '@/lib/api/generated/api-values';
import { IdentifierInput } from '../components/IdentifierInput';
import type { Writer } from '../hooks/useWriter';
import type { IdentifierValues } from '../validation';

/** Step 4: the accounts, addresses and devices the request is about (an IP address with the time it was seen). */
export function IdentifiersStep({ w }: { w: Writer }) {
  const { t } = useTranslation('writer');
  const { form, identifiers } = w;
  const errors = (i: number) => ({
    observedAt: w.errorOf(`identifiers[${i}].observedAt`),
    value: w.serverError(`identifiers[${i}].value`) ?? w.serverError(`identifiers[${i}]`),
  });
  return (
    <Stack>
      {identifiers.fields.length === 0 && <Text c="dimmed">{t('noIdentifiers')}</Text>}
      {w.errorOf('identifiers') && (
        <Text c="red" size="sm" role="alert">
          {t('common:field.identifiers')}: {w.errorOf('identifiers')}
        </Text>
      )}
      {identifiers.fields.map((f, i) => (
        <Controller
          key={f.id}
          control={form.control}
          name={`identifiers.${i}` as const}
          render={({ field }) => <IdentifierInput index={i} value={field.value as IdentifierValues} onChange={field.onChange} onRemove={() => identifiers.remove(i)} errors={errors(i)} />}
        />
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => identifiers.append({ kind: enums.IdentifierDto.kind[0], value: '', observedLocal: '', observedZone: w.myZone })}>
          {t('addIdentifier')}
        </Button>
      </Group>
    </Stack>
  );
}
