import { Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IdentifierKind } from '@/lib/api/client';
import { ZONES, type IdentifierValues } from '../validation';
import { enums } from '@/lib/api/generated/api-values';

export const IDENTIFIER_KINDS: readonly IdentifierKind[] = enums.IdentifierDto.kind;

/**
 * One typed identifier: its kind and value; an IP address also takes the time it was
 * observed and that time's zone (the provider needs both to find the subscriber).
 */
export function IdentifierInput(props: {
  index: number;
  value: IdentifierValues;
  onChange: (v: IdentifierValues) => void;
  onRemove: () => void;
  errors?: { value?: string; observedAt?: string };
}) {
  const { t } = useTranslation('writer');
  const { value: v, index } = props;
  const n = index + 1;
  const set = (patch: Partial<IdentifierValues>) => props.onChange({ ...v, ...patch });
  return (
    <Paper withBorder p="sm" component="fieldset" aria-label={t('identifier', { n })}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm" component="legend">
            {t('identifier', { n })}
          </Text>
          <Button variant="subtle" color="red" size="xs" onClick={props.onRemove}>
            {t('removeIdentifier', { n })}
          </Button>
        </Group>
        <Group grow align="flex-start">
          <Select
            label={t('common:field.kind')}
            data={IDENTIFIER_KINDS.map((k) => ({ value: k, label: t(`common:identifierKind.${k}`) }))}
            value={v.kind}
            onChange={(k) => set({ kind: (k as IdentifierKind) ?? 'IP_ADDRESS' })}
            allowDeselect={false}
          />
          <TextInput label={t('common:field.value')} value={v.value} onChange={(e) => set({ value: e.currentTarget.value })} error={props.errors?.value} />
        </Group>
        {v.kind === 'IP_ADDRESS' && (
          <Group grow align="flex-start">
            <TextInput
              type="datetime-local"
              label={t('observedTime')}
              description={t('observedHelp')}
              value={v.observedLocal}
              onChange={(e) => set({ observedLocal: e.currentTarget.value })}
              error={props.errors?.observedAt}
              required
            />
            <Select
              label={t('observedZone')}
              data={ZONES}
              searchable
              value={v.observedZone}
              onChange={(z) => set({ observedZone: z ?? '' })}
              error={props.errors?.observedAt && !v.observedZone ? props.errors.observedAt : undefined}
              required
            />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
