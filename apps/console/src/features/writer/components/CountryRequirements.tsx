import { Card, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { detailsFor, type Country } from '../validation';

/** Whether a country lists what it accepts and the choice is not among them. */
export function notAccepted(list: readonly string[] | undefined, value: string): boolean {
  return Array.isArray(list) && list.length > 0 && !list.includes(value);
}

/**
 * What the requested country requires (its languages, translation, channels, legal bases and
 * extra details for this type and legal basis), each fact with its source; a fact the data
 * leaves out is not known and adds no requirement.
 */
export function CountryRequirements({ country, type, legalBasis }: { country: Country; type: string; legalBasis: string }) {
  const { t, i18n } = useTranslation('writer');
  const lang = i18n.language === 'vi' ? 'vi' : 'en';
  const details = detailsFor(country, type, legalBasis);
  const source = (s: string | undefined) =>
    s ? (
      <Text size="xs" c="dimmed" lang="en">
        {t('requirements.source', { source: s })}
      </Text>
    ) : null;
  return (
    <Card withBorder component="section" aria-labelledby="requirements-heading">
      <Title order={2} size="h5" id="requirements-heading" mb="xs">
        {t('requirements.title', { country: country.name })}
      </Title>
      <Stack gap="xs">
        {country.centralAuthority && (
          <div>
            <Text size="sm">{t('requirements.centralAuthority', { name: country.centralAuthority })}</Text>
            {source(country.sources.centralAuthority)}
          </div>
        )}
        {country.languages && country.languages.length > 0 && (
          <div>
            <Text size="sm">
              {t('requirements.languages', { languages: country.languages.map((l) => t(`common:languages.${l}`, { defaultValue: l })).join(', ') })}
              {country.translationRequired ? ` ${t('requirements.translation')}` : ''}
            </Text>
            {source(country.sources.languages)}
          </div>
        )}
        {country.channels && country.channels.length > 0 && (
          <div>
            <Text size="sm">{t('requirements.channels', { channels: country.channels.map((c) => t(`common:channel.${c}`)).join('; ') })}</Text>
            {source(country.sources.channels)}
            {country.channelRules && country.channelRules.length > 0 && (
              <List size="sm" spacing={4} mt={4} aria-label={t('requirements.channelRules')}>
                {country.channelRules.map((r, i) => (
                  <List.Item key={i}>
                    {t('requirements.channelRule', {
                      channel: t(`common:channel.${r.channel}`),
                      scope:
                        [
                          ...(r.types ?? []).map((v) => t(`common:type.${v}`)),
                          ...(r.priorities ?? []).map((v) => t(`common:priority.${v}`)),
                          ...(r.legalBases ?? []).map((v) => t(`common:legalBasis.${v}`)),
                        ].join(', ') || t('requirements.everyRequest'),
                    })}
                    {source(r.source)}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
        )}
        {country.legalBases && country.legalBases.length > 0 && (
          <div>
            <Text size="sm">{t('requirements.legalBases', { bases: country.legalBases.map((b) => t(`common:legalBasis.${b}`)).join('; ') })}</Text>
            {source(country.sources.legalBases)}
          </div>
        )}
        {details.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('requirements.details')}
            </Text>
            <List size="sm" spacing={4}>
              {details.map((d) => (
                <List.Item key={d.key}>
                  {d.label[lang]}
                  {source(d.source)}
                </List.Item>
              ))}
            </List>
          </div>
        )}
      </Stack>
    </Card>
  );
}
