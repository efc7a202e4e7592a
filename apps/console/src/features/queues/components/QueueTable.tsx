import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem';
import { RequestTable, type SortDir } from '@/components/RequestTable';
import { api, call, type RequestSummary } from '@/lib/api/client';
import { POLL_MS, queryKeys, useAuthorityName, useMe } from '@/lib/api/hooks';
import { enums } from '@/lib/api/generated/api-values';
import { whoActsNext } from '@/lib/who-acts';

const TERMINAL: readonly string[] = enums.RequestStatesDto.terminal;
/** What an incoming queue shows: every state but the terminal ones (a request is incoming once sent). */
const OPEN = enums.RequestDto.state.filter((s) => !TERMINAL.includes(s));

/** An officer's queue: the requests of a query, with who acts next and each one's next open deadline, sortable. */
export function QueueTable({ title, query }: { title: string; query: { state?: string[]; direction: 'incoming' | 'outgoing' } }) {
  const { t, i18n } = useTranslation('queues');
  const me = useMe();
  const nameOf = useAuthorityName();
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
  const sorted = useMemo(() => {
    const items = list.data?.items ?? [];
    const dir = sort.dir === 'ascending' ? 1 : -1;
    const key = (r: RequestSummary): string => {
      if (sort.key === 'nextDeadline') return r.nextDeadline?.dueAt ?? '9999';
      // Your own turn first, then by the party's name.
      if (sort.key === 'ballHolder') {
        const next = whoActsNext(r, me.data, t, i18n.language, nameOf);
        return next ? `${next.you ? 0 : 1}${next.label}` : '~';
      }
      if (sort.key === 'reference') return r.reference;
      return r.updatedAt;
    };
    return [...items].sort((a, b) => key(a).localeCompare(key(b)) * dir);
  }, [list.data, sort, me.data, t, i18n.language, nameOf]);
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
        />
      )}
    </>
  );
}

export const QUEUE_STATES = { open: OPEN, terminal: TERMINAL };
