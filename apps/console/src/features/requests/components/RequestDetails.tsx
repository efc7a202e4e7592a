import { countryName, languageName } from '@/lib/names';
import { Anchor, Card, Code, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime } from '@/components/DateTime';
import type { RequestDto, Schemas } from '@/lib/api/client';
import { formatDate, formatDateTime } from '@/lib/format';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

/** A request's content and dates: what it asks, of whom, under what, and when each step happened. */
export function RequestDetails({ request: r, country }: { request: RequestDto; country?: Schemas['CountryDto'] }) {
  const { t, i18n } = useTranslation('requests');
  const lang = i18n.language;
  const requestedZone = r.requestedAuthority.timezone;
  return (
    <Card withBorder component="section" aria-labelledby="details-heading">
      <Title order={2} size="h4" id="details-heading" mb="sm">
        {t('page.details')}
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Field label={t('page.requesting')}>
            {r.requestingAuthority.name} ({r.requestingAuthority.code}, {countryName(r.requestingAuthority.country, lang)})
          </Field>
          <Field label={t('page.requested')}>
            {r.requestedAuthority.name} ({r.requestedAuthority.code}, {countryName(r.requestedAuthority.country, lang)})
          </Field>
          <Field label={t('page.legalBasis')}>
            {t(`common:legalBasis.${r.legalBasis}`)}
            {r.treatyName ? ` — ${r.treatyName}` : ''}
          </Field>
          <Field label={t('page.channel')}>{t(`common:channel.${r.channel}`)}</Field>
          <Field label={t('common:field.neededBy')}>{formatDate(r.neededBy, lang)}</Field>
          <Field label={t('common:field.confidential')}>{r.confidential ? t('page.confidential') : t('page.notConfidential')}</Field>
          <Field label={t('page.language')}>{languageName(r.language, lang)}</Field>
        </SimpleGrid>
        {r.relatedRequestId && (
          <Field label={t('page.relatedRequest')}>
            <Anchor component={Link} to={`/requests/${r.relatedRequestId}`}>
              {t('page.relatedOpen')}
            </Anchor>
          </Field>
        )}
        <Field label={t('page.offence')}>
          <Text>{r.offence?.description ?? '—'}</Text>
          <Text size="sm" c="dimmed">
            {r.offence?.provision ?? ''}
          </Text>
        </Field>
        <Field label={t('page.facts')}>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{r.facts ?? '—'}</Text>
        </Field>
        <Field label={t('page.measures')}>
          {r.measures.length === 0 ? '—' : <List size="sm">{r.measures.map((m, i) => <List.Item key={i}>{m}</List.Item>)}</List>}
        </Field>
        {Object.keys(r.details).length > 0 && (
          <Field label={t('page.countryDetails', { country: country?.name ?? r.requestedAuthority.country })}>
            <Stack gap={4}>
              {Object.entries(r.details).map(([key, value]) => (
                <div key={key}>
                  <Text size="sm" fw={600}>
                    {country?.requiredDetails.find((d) => d.key === key)?.label[lang === 'vi' ? 'vi' : 'en'] ?? key}
                  </Text>
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{value}</Text>
                </div>
              ))}
            </Stack>
          </Field>
        )}
        <Field label={t('page.identifiers')}>
          {r.identifiers.length === 0 ? (
            '—'
          ) : (
            <List size="sm">
              {r.identifiers.map((idf, i) => (
                <List.Item key={i}>
                  {t(`common:identifierKind.${idf.kind}`)}: <Code>{idf.value}</Code>
                  {idf.observedAt ? ` — ${t('page.observed', { at: `${idf.observedAt}` })}` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </Field>
        {(r.preservedUntil || r.executingBody || r.outcome || r.refusal) && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {r.preservedUntil && (
              <Field label={t('page.preservedUntil')}>
                {formatDateTime(r.preservedUntil, lang, requestedZone)}
                <Text size="xs" c="dimmed">
                  {t('page.extensions', { count: r.preservationExtensions ?? 0 })}
                </Text>
              </Field>
            )}
            {r.executingBody && <Field label={t('page.executingBody')}>{r.executingBody}</Field>}
            {r.outcome && <Field label={t('page.outcome')}>{r.outcome}</Field>}
            {r.refusal && (
              <Field label={t('page.refusal', { ground: t(`common:refusalGround.${r.refusal.ground}`, { defaultValue: r.refusal.ground }) })}>{r.refusal.text}</Field>
            )}
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          <Field label={t('page.createdAt')}>
            <DateTime value={r.createdAt} />
          </Field>
          <Field label={t('page.submittedAt')}>
            <DateTime value={r.submittedAt} />
          </Field>
          <Field label={t('page.sentAt')}>
            <DateTime value={r.sentAt} />
          </Field>
          <Field label={t('page.acknowledgedAt')}>
            <DateTime value={r.acknowledgedAt} />
          </Field>
          <Field label={t('page.closedAt')}>
            <DateTime value={r.closedAt} />
          </Field>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
