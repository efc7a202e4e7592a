import { Group, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ReachBadge } from '@/components/badges';
import type { Authority } from '@/lib/api/client';
import { authorityGroups, countryName } from '../authority-picker';

/**
 * The requested authority: every authority of the directory, grouped by country, each with its
 * reach (on MLA Hub, by correspondence); choosing one sets the requested country.
 */
export function AuthorityPicker(props: {
  authorities: readonly Authority[];
  myCountry: string | undefined;
  value: string;
  onChange: (authority: Authority | null) => void;
  error?: string;
}) {
  const { t, i18n } = useTranslation('writer');
  const byId = new Map(props.authorities.map((a) => [a.id, a]));
  const chosen = byId.get(props.value);
  return (
    <Select
      label={t('common:field.requestedAuthorityId')}
      required
      searchable
      nothingFoundMessage={t('noAuthority')}
      data={authorityGroups(props.authorities, props.myCountry, i18n.language, props.value || undefined)}
      value={props.value || null}
      onChange={(v) => props.onChange(v ? (byId.get(v) ?? null) : null)}
      renderOption={({ option }) => {
        const a = byId.get(option.value);
        return (
          <Group justify="space-between" wrap="nowrap" w="100%">
            <Text size="sm">{option.label}</Text>
            {a && <ReachBadge reach={a.reach} />}
          </Group>
        );
      }}
      description={
        chosen ? (
          <Group gap={6} component="span">
            <Text span size="xs">{countryName(chosen.country, i18n.language)}</Text>
            <ReachBadge reach={chosen.reach} />
          </Group>
        ) : (
          t('authorityHelp')
        )
      }
      error={props.error}
      comboboxProps={{ withinPortal: true }}
      maxDropdownHeight={360}
    />
  );
}
