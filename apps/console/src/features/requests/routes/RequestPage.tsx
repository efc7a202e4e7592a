import { Alert, Anchor, Button, Card, Code, Grid, Group, List, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { BallHolder, PriorityBadge, StateBadge } from '@/components/badges';
import { DateTime } from '@/components/DateTime';
import { DeadlineTimeline } from '@/components/DeadlineTimeline';
import { FormDialog } from '@/components/FormDialog';
import { Page } from '@/components/Page';
import { ProblemAlert } from '@/components/problem';
import type { RequestAction, RequestDto } from '@/lib/api/client';
import { useAuthorities, useCountry, useMe, useRequest } from '@/lib/api/hooks';
import { formatDate, formatDateTime, viewerTimeZone } from '@/lib/format';
import { useDeleteDraft } from '../api/requests';
import { AccessLog, mayReadAccessLog } from '../components/AccessLog';
import { ActionDialog } from '../components/ActionDialog';
import { Documents } from '../components/Documents';
import { EvidenceList } from '../components/EvidenceList';
import { History } from '../components/History';

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

export function RequestPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation('requests');
  const me = useMe();
  const request = useRequest(id);
  const authorities = useAuthorities();
  // The dialog keeps the version the user saw when opening it: a change made meanwhile answers 412.
  const [open, setOpen] = useState<{ action: RequestAction; seen: RequestDto } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const navigate = useNavigate();
  const r = request.data;
  const del = useDeleteDraft(r ?? ({ id: id ?? '', version: 0 } as RequestDto));
  const country = useCountry(r && Object.keys(r.details).length > 0 ? r.requestedAuthority.country : undefined);

  if (request.isPending) return <Text>{t('page.loading')}</Text>;
  if (!r) return <ProblemAlert problem={request.error} />;

  const zoneOf = (authorityId: string) => authorities.data?.find((a) => a.id === authorityId)?.timezone;
  const requestingZone = zoneOf(r.requestingAuthority.id) ?? viewerTimeZone();
  const requestedZone = zoneOf(r.requestedAuthority.id) ?? viewerTimeZone();
  const myZone = me.data?.authority?.timezone ?? viewerTimeZone();
  const isDraftOwner = r.state === 'DRAFT' && me.data?.role === 'PROSECUTOR' && me.data.authority?.id === r.requestingAuthority.id;
  const holder = r.ballHolder === 'REQUESTING' ? r.requestingAuthority.code : r.ballHolder === 'REQUESTED' ? r.requestedAuthority.code : undefined;
  const actions = r.allowedActions.filter((a) => a !== 'expire');
  const lang = i18n.language;
  const showAccessLog = mayReadAccessLog(me.data, r);

  return (
    <Page
      title={`${r.reference} · ${r.title ?? t(`common:type.${r.type}`)}`}
      subtitle={
        <Group gap="xs" component="span">
          <StateBadge state={r.state} />
          <PriorityBadge priority={r.priority} />
          <Text span size="sm">
            {t(`common:type.${r.type}`)} · {t('page.ballHolder')}: <BallHolder side={r.ballHolder} authority={holder} /> · {t('page.version', { version: r.version })}
          </Text>
        </Group>
      }
    >
      <ProblemAlert problem={request.error} />
      {done && (
        <Alert color="green" withCloseButton onClose={() => setDone(null)} role="status">
          {t('page.done', { action: t(`common:action.${done}`) })}
        </Alert>
      )}
      <Card withBorder component="section" aria-labelledby="actions-heading">
        <Title order={2} size="h4" id="actions-heading" mb="xs">
          {t('page.actions')}
        </Title>
        <Group>
          {actions.map((a) => (
            <Button key={a} onClick={() => setOpen({ action: a, seen: r })} variant={a === 'refuse' || a === 'withdraw' ? 'outline' : 'filled'} color={a === 'refuse' || a === 'withdraw' ? 'red' : undefined}>
              {t(`common:action.${a}`)}
            </Button>
          ))}
          {isDraftOwner && (
            <>
              <Button component={Link} to={`/requests/${r.id}/edit`} variant="light">
                {t('page.editDraft')}
              </Button>
              <Button variant="outline" color="red" onClick={() => setConfirmDelete(true)}>
                {t('page.deleteDraft')}
              </Button>
            </>
          )}
          {actions.length === 0 && !isDraftOwner && <Text c="dimmed">{t('page.noActions')}</Text>}
        </Group>
      </Card>
      {open && (
        <ActionDialog
          action={open.action}
          request={open.seen}
          zone={myZone}
          onClose={() => setOpen(null)}
          onReload={() => void request.refetch()}
          onDone={(a) => setDone(a)}
          key={open.action}
        />
      )}
      <FormDialog
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('page.deleteDraft')}
        submitLabel={t('page.deleteDraft')}
        danger
        submitting={del.isPending}
        onSubmit={() => del.mutate(undefined, { onSuccess: () => navigate('/requests', { replace: true }) })}
      >
        <Text>{t('page.deleteConfirm')}</Text>
        <ProblemAlert problem={del.error} onReload={() => { void request.refetch(); setConfirmDelete(false); }} />
      </FormDialog>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card withBorder component="section" aria-labelledby="details-heading">
            <Title order={2} size="h4" id="details-heading" mb="sm">
              {t('page.details')}
            </Title>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Field label={t('page.requesting')}>
                  {r.requestingAuthority.name} ({r.requestingAuthority.code}, {r.requestingAuthority.country})
                </Field>
                <Field label={t('page.requested')}>
                  {r.requestedAuthority.name} ({r.requestedAuthority.code}, {r.requestedAuthority.country})
                </Field>
                <Field label={t('page.legalBasis')}>
                  {t(`common:legalBasis.${r.legalBasis}`)}
                  {r.treatyName ? ` — ${r.treatyName}` : ''}
                </Field>
                <Field label={t('page.channel')}>{t(`common:channel.${r.channel}`)}</Field>
                <Field label={t('page.neededBy')}>{formatDate(r.neededBy, lang)}</Field>
                <Field label={t('common:field.confidential')}>{r.confidential ? t('page.confidential') : t('page.notConfidential')}</Field>
                <Field label={t('page.language')}>{t(`common:languages.${r.language}`, { defaultValue: r.language })}</Field>
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
                <Field label={t('page.countryDetails', { country: country.data?.name ?? r.requestedAuthority.country })}>
                  <Stack gap={4}>
                    {Object.entries(r.details).map(([key, value]) => (
                      <div key={key}>
                        <Text size="sm" fw={600}>
                          {country.data?.requiredDetails.find((d) => d.key === key)?.label[lang === 'vi' ? 'vi' : 'en'] ?? key}
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
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder component="section" aria-labelledby="deadlines-heading">
            <Title order={2} size="h4" id="deadlines-heading" mb="sm">
              {t('common:deadlines.title')}
            </Title>
            <DeadlineTimeline deadlines={r.deadlines} zones={{ requesting: requestingZone, requested: requestedZone }} />
          </Card>
        </Grid.Col>
      </Grid>
      <Tabs defaultValue={location.hash === '#documents' ? 'documents' : 'history'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="history">{t('history.title')}</Tabs.Tab>
          <Tabs.Tab value="evidence">{t('evidence.title')}</Tabs.Tab>
          <Tabs.Tab value="documents">{t('documents.tab')}</Tabs.Tab>
          {showAccessLog && <Tabs.Tab value="access-log">{t('accessLog.title')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="history" pt="sm">
          <History requestId={r.id} />
        </Tabs.Panel>
        <Tabs.Panel value="evidence" pt="sm">
          <EvidenceList requestId={r.id} />
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="sm">
          <Documents request={r} editable={isDraftOwner} />
        </Tabs.Panel>
        {showAccessLog && (
          <Tabs.Panel value="access-log" pt="sm">
            <AccessLog requestId={r.id} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Page>
  );
}
