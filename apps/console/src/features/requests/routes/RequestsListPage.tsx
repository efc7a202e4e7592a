import { Button, Card, Group, MultiSelect, Select, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Page } from '@/components/Page';
import { Pager } from '@/components/Pager';
import { ProblemAlert } from '@/components/problem';
import { RequestTable } from '@/components/RequestTable';
import { useMe } from '@/lib/api/hooks';
import { useRequestList, type ListFilters } from '../api/requests';

const STATES = ['DRAFT', 'IN_REVIEW', 'SENT', 'ACKNOWLEDGED', 'PRESERVED', 'IN_EXECUTION', 'INFO_REQUESTED', 'EVIDENCE_RECEIVED', 'CLOSED', 'REFUSED', 'WITHDRAWN', 'EXPIRED'];
const TYPES = ['PRESERVATION', 'SUBSCRIBER_INFO', 'TRAFFIC_DATA', 'CONTENT_DATA', 'SEIZED_DEVICE', 'WITNESS_STATEMENT', 'OTHER'];
const PRIORITIES = ['ROUTINE', 'URGENT', 'EMERGENCY'];

/** "My requests" (a prosecutor's) or every request one may see: the filters of GET /requests, cursor paging. */
export function RequestsListPage() {
  const { t } = useTranslation('requests');
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [cursor, setCursor] = useState<string | undefined>();
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setCursor(undefined);
  };
  const counterpart = (params.get('counterpart') ?? '').toUpperCase();
  const filters: ListFilters = {
    state: params.get('state')?.split(',').filter(Boolean),
    type: params.get('type') ?? undefined,
    priority: params.get('priority') ?? undefined,
    direction: (params.get('direction') as ListFilters['direction']) ?? undefined,
    counterpartCountry: /^[A-Z]{2}$/.test(counterpart) ? counterpart : undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
    q: debouncedQ.trim() || undefined,
    cursor,
  };
  const list = useRequestList(filters);
  const prosecutor = me.data?.role === 'PROSECUTOR';
  const title = prosecutor ? t('list.mine') : t('list.all');
  return (
    <Page
      title={title}
      subtitle={t('list.subtitle')}
      actions={
        prosecutor && (
          <Button component={Link} to="/requests/new">
            {t('list.newRequest')}
          </Button>
        )
      }
    >
      <Card withBorder component="section" aria-label={t('list.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <TextInput label={t('list.q')} value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" />
          <MultiSelect
            label={t('list.state')}
            data={STATES.map((s) => ({ value: s, label: t(`common:state.${s}`) }))}
            value={filters.state ?? []}
            onChange={(v) => set('state', v.join(','))}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('list.type')}
            placeholder={t('common:any')}
            data={TYPES.map((s) => ({ value: s, label: t(`common:type.${s}`) }))}
            value={filters.type ?? null}
            onChange={(v) => set('type', v)}
            clearable
          />
          <Select
            label={t('list.priority')}
            placeholder={t('common:any')}
            data={PRIORITIES.map((s) => ({ value: s, label: t(`common:priority.${s}`) }))}
            value={filters.priority ?? null}
            onChange={(v) => set('priority', v)}
            clearable
          />
          {!prosecutor && (
            <Select
              label={t('list.direction')}
              placeholder={t('common:any')}
              data={[
                { value: 'incoming', label: t('list.incoming') },
                { value: 'outgoing', label: t('list.outgoing') },
              ]}
              value={filters.direction ?? null}
              onChange={(v) => set('direction', v)}
              clearable
            />
          )}
          <TextInput
            label={t('list.counterpart')}
            placeholder={t('list.counterpartPlaceholder')}
            maxLength={2}
            value={params.get('counterpart') ?? ''}
            onChange={(e) => set('counterpart', e.currentTarget.value.toUpperCase())}
          />
          <Group align="flex-end">
            <Switch label={t('list.overdue')} checked={filters.overdue === true} onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : null)} />
          </Group>
        </SimpleGrid>
      </Card>
      <ProblemAlert problem={list.error} />
      {list.isPending ? (
        <Text>{t('common:loading')}</Text>
      ) : (
        <RequestTable items={list.data?.items ?? []} caption={`${title} · ${t('common:updatedEvery')}`} myCountry={me.data?.authority?.country} />
      )}
      <Pager cursor={cursor} nextCursor={list.data?.nextCursor} onCursor={setCursor} />
    </Page>
  );
}
