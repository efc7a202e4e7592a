import { Group, Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LevelBadge } from '@/components/badges';
import { ProblemAlert } from '@/components/problem';
import { RequestTable, type SortDir } from '@/components/RequestTable';
import { api, call, type Deadline, type RequestDto } from '@/lib/api/client';
import { POLL_MS, queryKeys, useMe } from '@/lib/api/hooks';
import { formatDateTime, formatDuration } from '@/lib/format';
import { enums } from '@/lib/api/generated/api-values';

const TERMINAL: readonly string[] = enums.RequestStatesDto.terminal;
/** What an incoming queue shows: every state but the terminal ones (a request is incoming once sent). */
const OPEN = enums.RequestDto.state.filter((s) => !TERMINAL.includes(s));

function nextDeadline(r: RequestDto | undefined): Deadline | undefined {
  return r?.deadlines.filter((d) => d.status === 'PENDING' || d.status === 'OVERDUE').sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
}

/** An officer's queue: the requests of a query, with each one's next open deadline, sortable. */
export function QueueTable({ title, query }: { title: string; query: { state?: string[]; direction: 'incoming' | 'outgoing' } }) {
  const { t, i18n } = useTranslation('queues');
  const me = useMe();
  const [sort, setSort] = useState<{ key: string; dir: SortDir }>({ key: 'nextDeadline', dir: 'ascending' });
  const list = useQuery({
    queryKey: queryKeys.requests({ queue: query }),
    queryFn: () =>
      call(
        api.GET('/api/v1/requests', {
          params: { query: { state: query.state as never, direction: query.direction, limit: 100 } },
          querySerializer: { array: { style: 'form', explode: false } },
        }),
      ),
    refetchInterval: POLL_MS,
  });
  const items = list.data?.items ?? [];
  // The summaries carry no deadline: each row reads its request (shared with the request page's cache).
  const details = useQueries({
    queries: items.map((r) => ({
      queryKey: queryKeys.request(r.id),
      queryFn: () => call(api.GET('/api/v1/requests/{id}', { params: { path: { id: r.id } } })),
      refetchInterval: POLL_MS,
    })),
  });
  const byId = new Map(details.map((d) => d.data).filter((d): d is RequestDto => Boolean(d)).map((d) => [d.id, d]));
  const sorted = useMemo(() => {
    const dir = sort.dir === 'ascending' ? 1 : -1;
    const key = (r: (typeof items)[number]): string => {
      if (sort.key === 'nextDeadline') return nextDeadline(byId.get(r.id))?.dueAt ?? '9999';
      if (sort.key === 'ballHolder') return r.ballHolder ?? 'ZZZ';
      if (sort.key === 'reference') return r.reference;
      return r.updatedAt;
    };
    return [...items].sort((a, b) => key(a).localeCompare(key(b)) * dir);
  }, [items, sort, byId]);
  const now = Date.now();
  return (
    <>
      <ProblemAlert problem={list.error} />
      {list.isPending ? (
        <Text>{t('common:loading')}</Text>
      ) : (
        <RequestTable
          items={sorted}
          caption={t('caption', { title })}
          myCountry={me.data?.authority?.country}
          sortable={['reference', 'ballHolder', 'nextDeadline', 'updatedAt']}
          sort={sort}
          onSort={(key) => setSort((s) => ({ key, dir: s.key === key && s.dir === 'ascending' ? 'descending' : 'ascending' }))}
          extra={[
            {
              key: 'nextDeadline',
              header: t('nextDeadline'),
              cell: (r) => {
                const d = nextDeadline(byId.get(r.id));
                if (!d) return <Text size="sm" c="dimmed">{t('noDeadline')}</Text>;
                const left = new Date(d.dueAt).getTime() - now;
                return (
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm">
                      {t(`common:deadlineKind.${d.kind}`)}: {formatDateTime(d.dueAt, i18n.language)}
                      <br />
                      <Text span size="xs" c={left < 0 ? 'red' : 'dimmed'}>
                        {left < 0 ? t('common:deadlines.overdueBy', { duration: formatDuration(-left, i18n.language) }) : t('common:deadlines.left', { duration: formatDuration(left, i18n.language) })}
                      </Text>
                    </Text>
                    <LevelBadge level={d.escalationLevel} />
                  </Group>
                );
              },
            },
          ]}
        />
      )}
    </>
  );
}

export const QUEUE_STATES = { open: OPEN, terminal: TERMINAL };
