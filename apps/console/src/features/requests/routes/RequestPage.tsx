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
import { useCountry, useMe, useRequest } from '@/lib/api/hooks';
import { formatDate, formatDateTime, viewerTimeZone } from '@/lib/format';
import { useDeleteDraft } from '../api/requests';
import { AccessLog } from '../components/AccessLog';
import { ActionDialog } from '../components/ActionDialog';
import { Documents } from '../components/Documents';
import { RequestDetails } from '../components/RequestDetails';
import { EvidenceList } from '../components/EvidenceList';
import { History } from '../components/History';
import { CounterpartPanel } from '../counterparts/CounterpartPanel';
import { PendingActNotice } from '../transmissions/PendingAct';
import { TransmissionsPanel } from '../transmissions/TransmissionsPanel';

export function RequestPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation('requests');
  const me = useMe();
  const request = useRequest(id);
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

  const isDraftOwner = r.state === 'DRAFT' && me.data?.role === 'PROSECUTOR' && me.data.authority?.id === r.requestingAuthority.id;
  const actions = r.allowedActions.filter((a) => a !== 'expire');
  // Only a confidential request's reads are logged; whether this caller may read them, the API says.
  const showAccessLog = r.confidential && r.mayReadAccessLog;

  return (
    <Page
      title={`${r.reference} · ${r.title ?? t(`common:type.${r.type}`)}`}
      subtitle={
        <Group gap="xs" component="span">
          <StateBadge state={r.state} />
          <PriorityBadge priority={r.priority} />
          <Text span size="sm">
            {t(`common:type.${r.type}`)} · {t('page.ballHolder')}: <BallHolder request={r} /> · {t('page.version', { version: r.version })}
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
          {actions.length === 0 && !isDraftOwner && !r.pendingAct && <Text c="dimmed">{t('page.noActions')}</Text>}
        </Group>
        <PendingActNotice request={r} />
      </Card>
      <CounterpartPanel request={r} />
      <TransmissionsPanel request={r} />
      {open && (
        <ActionDialog
          action={open.action}
          request={open.seen}
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
          <RequestDetails request={r} country={country.data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder component="section" aria-labelledby="deadlines-heading">
            <Title order={2} size="h4" id="deadlines-heading" mb="sm">
              {t('common:deadlines.title')}
            </Title>
            <DeadlineTimeline deadlines={r.deadlines} zones={{ requesting: r.requestingAuthority.timezone, requested: r.requestedAuthority.timezone }} />
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
