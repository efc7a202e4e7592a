import { Anchor, Table, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RequestSummary } from '@/lib/api/client';
import { useAuthorityName } from '@/lib/api/hooks';
import { countryName } from '@/lib/names';
import { BallHolder, PriorityBadge, StateBadge } from './badges';
import { DateTime } from './DateTime';
import { NextDeadline } from './NextDeadline';

export interface ExtraColumn {
  key: string;
  header: string;
  cell: (r: RequestSummary) => ReactNode;
}

export type SortDir = 'ascending' | 'descending';

/** A list of requests: reference (a link to its page), title, type, state, priority, counterpart, who acts next, next deadline. */
export function RequestTable(props: {
  items: RequestSummary[];
  caption: string;
  myCountry?: string | null;
  extra?: ExtraColumn[];
  sortable?: string[];
  sort?: { key: string; dir: SortDir };
  onSort?: (key: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const nameOf = useAuthorityName();
  const header = (key: string, label: string) => {
    if (!props.sortable?.includes(key) || !props.onSort) return <Table.Th key={key}>{label}</Table.Th>;
    const dir = props.sort?.key === key ? props.sort.dir : undefined;
    return (
      <Table.Th key={key} aria-sort={dir ?? 'none'}>
        <UnstyledButton onClick={() => props.onSort?.(key)} fw={700} fz="sm">
          {label} {dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : ''}
        </UnstyledButton>
      </Table.Th>
    );
  };
  if (props.items.length === 0) return <Text c="dimmed">{t('empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Caption>{props.caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {header('reference', t('table.reference', { defaultValue: 'Reference' }))}
            <Table.Th>{t('field.title')}</Table.Th>
            <Table.Th>{t('field.type')}</Table.Th>
            <Table.Th>{t('table.state', { defaultValue: 'State' })}</Table.Th>
            <Table.Th>{t('field.priority')}</Table.Th>
            <Table.Th>{t('table.counterpart', { defaultValue: 'Counterpart' })}</Table.Th>
            {header('ballHolder', t('table.ballHolder'))}
            {header('nextDeadline', t('table.nextDeadline'))}
            {(props.extra ?? []).map((c) => header(c.key, c.header))}
            {header('updatedAt', t('table.updated', { defaultValue: 'Updated' }))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.items.map((r) => {
            const outgoing = !props.myCountry || r.requestingAuthority.country === props.myCountry;
            const counterpart = outgoing ? r.requestedAuthority : r.requestingAuthority;
            return (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/requests/${r.id}`} ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {r.reference}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.title ?? '—'}</Table.Td>
                <Table.Td>{t(`type.${r.type}`)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <StateBadge state={r.state} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <PriorityBadge priority={r.priority} />
                </Table.Td>
                <Table.Td>
                  {nameOf(counterpart)} ({countryName(counterpart.country, i18n.language)})
                </Table.Td>
                <Table.Td>
                  <BallHolder request={r} />
                </Table.Td>
                <Table.Td>
                  <NextDeadline deadline={r.nextDeadline} />
                </Table.Td>
                {(props.extra ?? []).map((c) => (
                  <Table.Td key={c.key}>{c.cell(r)}</Table.Td>
                ))}
                <Table.Td>
                  <DateTime value={r.updatedAt} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
