import { Alert, Anchor, Button, Card, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LevelBadge, PriorityBadge } from '@/components/badges';
import { DateTime } from '@/components/DateTime';
import { FormDialog } from '@/components/FormDialog';
import { Page } from '@/components/Page';
import { Pager } from '@/components/Pager';
import { ProblemAlert, useProblemText } from '@/components/problem';
import type { Schemas } from '@/lib/api/client';
import { useMe } from '@/lib/api/hooks';
import { addDays, formatDateTime, isoDateInZone } from '@/lib/format';
import { useExtendDeadline, useOverdue, useReassign, type OverdueQuery } from '../api/supervision';
import { AccountChangesPanel } from '../components/AccountChangesPanel';

type Overdue = Schemas['OverdueDeadlineDto'];
const KINDS = ['REVIEW', 'ACKNOWLEDGEMENT', 'PRESERVATION_CONFIRMATION', 'EXECUTION', 'INFO_RESPONSE', 'PRESERVATION_EXPIRY'];

export function OverduePage() {
  const { t, i18n } = useTranslation('supervision');
  const me = useMe();
  const [filters, setFilters] = useState<OverdueQuery>({});
  const [cursor, setCursor] = useState<string | undefined>();
  const overdue = useOverdue({ ...filters, cursor });
  const [extend, setExtend] = useState<Overdue | null>(null);
  const [reassign, setReassign] = useState<Overdue | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const items = overdue.data?.items ?? [];
  const country = me.data?.authority?.country;
  const set = (patch: Partial<OverdueQuery>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setCursor(undefined);
  };
  return (
    <Page title={t('overdue')} subtitle={t('overdueSubtitle')}>
      <Card withBorder component="section" aria-label={t('common:search')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Select
            label={t('filterKind')}
            placeholder={t('common:any')}
            data={KINDS.map((k) => ({ value: k, label: t(`common:deadlineKind.${k}`) }))}
            value={filters.kind ?? null}
            onChange={(v) => set({ kind: (v ?? undefined) as OverdueQuery['kind'] })}
            clearable
          />
          <Select
            label={t('filterLevel')}
            placeholder={t('common:any')}
            data={[
              { value: '1', label: t('common:level', { level: 1 }) },
              { value: '2', label: t('common:level', { level: 2 }) },
            ]}
            value={filters.level ? String(filters.level) : null}
            onChange={(v) => set({ level: v ? (Number(v) as OverdueQuery['level']) : undefined })}
            clearable
          />
          <Select
            label={t('filterPriority')}
            placeholder={t('common:any')}
            data={['ROUTINE', 'URGENT', 'EMERGENCY'].map((p) => ({ value: p, label: t(`common:priority.${p}`) }))}
            value={filters.priority ?? null}
            onChange={(v) => set({ priority: (v ?? undefined) as OverdueQuery['priority'] })}
            clearable
          />
          <TextInput
            label={t('filterCounterpart')}
            maxLength={2}
            value={filters.counterpartCountry ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value.toUpperCase();
              set({ counterpartCountry: /^[A-Z]{2}$/.test(v) ? v : undefined });
            }}
          />
        </SimpleGrid>
      </Card>
      {done && (
        <Alert color="green" withCloseButton onClose={() => setDone(null)} role="status">
          {done}
        </Alert>
      )}
      <ProblemAlert problem={overdue.error} />
      {overdue.isPending ? (
        <Text>{t('common:loading')}</Text>
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="xs">
            <Table.Caption>{t('caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('request')}</Table.Th>
                <Table.Th>{t('deadline')}</Table.Th>
                <Table.Th>{t('due')}</Table.Th>
                <Table.Th>{t('daysOverdue')}</Table.Th>
                <Table.Th>{t('level')}</Table.Th>
                <Table.Th>{t('holder')}</Table.Th>
                <Table.Th>{t('direction')}</Table.Th>
                <Table.Th>{t('assignee')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => (
                <Table.Tr key={d.deadlineId}>
                  <Table.Td style={{ minWidth: 240 }}>
                    <Anchor component={Link} to={`/requests/${d.request.id}`} ff="monospace">
                      {d.request.reference}
                    </Anchor>
                    <Text size="xs">{d.request.title ?? t(`common:type.${d.request.type}`)}</Text>
                    <PriorityBadge priority={d.request.priority} />
                  </Table.Td>
                  <Table.Td>{t(`common:deadlineKind.${d.kind}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <DateTime value={d.dueAt} />
                  </Table.Td>
                  <Table.Td>{d.daysOverdue}</Table.Td>
                  <Table.Td>
                    <LevelBadge level={d.escalationLevel} />
                  </Table.Td>
                  <Table.Td>
                    {t(`common:side.${d.ballHolder.side}`)} · {d.ballHolder.authorityCode}
                  </Table.Td>
                  <Table.Td>
                    {t(d.direction)} · {d.counterpartCountry}
                  </Table.Td>
                  <Table.Td>{d.direction === 'incoming' ? (d.assignee?.displayName ?? t('nobody')) : '—'}</Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      {d.ballHolder.country === country && (
                        <Button size="xs" variant="light" onClick={() => setExtend(d)} aria-label={`${t('extend')}: ${d.request.reference}, ${t(`common:deadlineKind.${d.kind}`)}`}>
                          {t('extend')}
                        </Button>
                      )}
                      {d.direction === 'incoming' && (
                        <Button size="xs" variant="default" onClick={() => setReassign(d)} aria-label={`${t('reassign')}: ${d.request.reference}`}>
                          {t('reassign')}
                        </Button>
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager cursor={cursor} nextCursor={overdue.data?.nextCursor} onCursor={setCursor} />
      <AccountChangesPanel />
      {extend && <ExtendDialog item={extend} zone={me.data?.authority?.timezone ?? 'UTC'} lang={i18n.language} onClose={() => setExtend(null)} onDone={() => setDone(t('extended'))} />}
      {reassign && <ReassignDialog item={reassign} onClose={() => setReassign(null)} onDone={() => setDone(t('reassigned'))} />}
    </Page>
  );
}

function ExtendDialog({ item, zone, lang, onClose, onDone }: { item: Overdue; zone: string; lang: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('supervision');
  const { forField } = useProblemText();
  const extend = useExtendDeadline();
  // a week after the current due time, by default
  const [dueAt, setDueAt] = useState(addDays(isoDateInZone(zone, 0, new Date(item.dueAt)), 7));
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const short = reason.trim().length < 3;
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t('extendOf', { kind: t(`common:deadlineKind.${item.kind}`), reference: item.request.reference })}
      submitLabel={t('extend')}
      submitting={extend.isPending}
      onSubmit={() => {
        setTouched(true);
        if (short || !dueAt) return;
        extend.mutate({ requestId: item.request.id, deadlineId: item.deadlineId, dueAt, reason: reason.trim() }, { onSuccess: () => { onDone(); onClose(); } });
      }}
    >
      <TextInput
        type="date"
        label={t('newDue')}
        description={t('newDueHelp', { due: formatDateTime(item.dueAt, lang) })}
        required
        min={isoDateInZone(zone)}
        value={dueAt}
        onChange={(e) => setDueAt(e.currentTarget.value)}
        error={forField(extend.error, 'dueAt')}
      />
      <Textarea
        label={t('common:field.reason')}
        description={t('reasonHelp')}
        required
        autosize
        minRows={3}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={forField(extend.error, 'reason') ?? (touched && short ? t('common:problem.field.REQUEST_INCOMPLETE') : undefined)}
      />
      <ProblemAlert problem={extend.error} shownFields={['dueAt', 'reason']} />
    </FormDialog>
  );
}

function ReassignDialog({ item, onClose, onDone }: { item: Overdue; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('supervision');
  const { forField } = useProblemText();
  const reassign = useReassign();
  const [assigneeId, setAssigneeId] = useState('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const invalid = !/^[0-9a-f-]{36}$/i.test(assigneeId.trim()) || reason.trim().length < 3;
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t('reassignOf', { reference: item.request.reference })}
      submitLabel={t('reassign')}
      submitting={reassign.isPending}
      onSubmit={() => {
        setTouched(true);
        if (invalid) return;
        reassign.mutate({ requestId: item.request.id, assigneeId: assigneeId.trim(), reason: reason.trim() }, { onSuccess: () => { onDone(); onClose(); } });
      }}
    >
      <TextInput
        label={t('assigneeId')}
        description={t('assigneeHelp', { authority: item.ballHolder.authorityCode })}
        required
        value={assigneeId}
        onChange={(e) => setAssigneeId(e.currentTarget.value)}
        error={forField(reassign.error, 'assigneeId') ?? (touched && !/^[0-9a-f-]{36}$/i.test(assigneeId.trim()) ? t('common:problem.field.VALIDATION_FAILED') : undefined)}
      />
      <Textarea
        label={t('common:field.reason')}
        description={t('reasonHelp')}
        required
        autosize
        minRows={3}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={forField(reassign.error, 'reason') ?? (touched && reason.trim().length < 3 ? t('common:problem.field.REQUEST_INCOMPLETE') : undefined)}
      />
      <ProblemAlert problem={reassign.error} shownFields={['assigneeId', 'reason']} />
    </FormDialog>
  );
}
