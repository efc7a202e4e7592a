import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Page } from '@/components/Page';
import { ProblemAlert } from '@/components/problem';
import { RequestTable } from '@/components/RequestTable';
import { api, call } from '@/lib/api/client';
import { POLL_MS, queryKeys, useMe } from '@/lib/api/hooks';
import { formatDate } from '@/lib/format';

/** "To chase" (DESIGN §14): requests to authorities on no MLA Hub whose chase interval has run out, the longest run out first. */
export function ToChasePage() {
  const { t, i18n } = useTranslation('queues');
  const me = useMe();
  const list = useQuery({
    queryKey: [...queryKeys.requestsAll, 'to-chase'],
    queryFn: () => call(api.GET('/api/v1/requests/to-chase', { params: { query: { limit: 100 } } })),
    refetchInterval: POLL_MS,
  });
  return (
    <Page title={t('toChase')} subtitle={t('toChaseSubtitle')}>
      <ProblemAlert problem={list.error} />
      {list.isPending ? (
        <Text>…</Text>
      ) : (
        <RequestTable
          items={list.data?.items ?? []}
          caption={t('toChase')}
          myCountry={me.data?.authority?.country}
          extra={[
            { key: 'chaseDue', header: t('chaseDueSince'), cell: (r) => formatDate(r.chase?.dueAt, i18n.language) },
            { key: 'chases', header: t('chasesSent'), cell: (r) => String(r.chase?.count ?? 0) },
          ]}
        />
      )}
    </Page>
  );
}
